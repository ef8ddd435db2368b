"""The settings of the web app: one table, read once when the app is created.

Each setting is a ``LOUPE_<NAME>`` environment variable with a default, a
parser that turns the text (or a value given to ``create_app``) into what
the app uses, and a line of help. A value the parser refuses stops the app
before it serves anything, with a message naming the variable, what is wrong
and what to write instead; ``loupe serve`` prints it and exits with status 2
before any worker starts.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from limits import parse_many
from limits.storage import SCHEMES

from search.aliases import AliasFileError, AliasTable, aliases_from_spec

PREFIX = "LOUPE_"
MAX_SEARCH_WORKERS = 32
#: The words a yes/no setting accepts, whatever their case.
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
_ORIGIN = re.compile(r"https?://[^/\s]+")


class BadSetting(ValueError):
    """A setting whose value cannot be used; the message says which and what to write."""


@dataclass(frozen=True)
class Setting:
    """One ``LOUPE_*`` variable: its default (as it would be written), parser and help.

    The help is plain text (``loupe serve --help`` prints it); the README's
    settings table starts each meaning with it.
    """

    name: str
    default: str
    parse: Callable[[Any], Any]
    help: str

    @property
    def variable(self) -> str:
        """The environment variable, ``LOUPE_<NAME>``."""
        return PREFIX + self.name


def _index_dir(value: Any) -> Path:
    """A directory path; the index itself may appear later (503 until then)."""
    text = str(value).strip()
    if not text:
        raise ValueError("is empty: write the index directory, e.g. var/index")
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise ValueError(
            "is a file, not a directory: write the directory `loupe index --index-dir` wrote"
        )
    return path


def _aliases(value: Any) -> AliasTable:
    """The alias table: the shipped one, extended (``+a.toml``) or replaced (``a.toml:b.toml``)."""
    if isinstance(value, AliasTable):
        return value
    try:
        return aliases_from_spec(str(value or ""))
    except AliasFileError as e:
        raise ValueError(f"cannot be used: {e}") from None


def _origins(value: Any) -> frozenset[str]:
    """``*`` or origins (``https://host[:port]``) separated by commas or spaces."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    origins = frozenset(str(item).strip().rstrip("/") for item in items if str(item).strip())
    wrong = sorted(o for o in origins if o != "*" and not _ORIGIN.fullmatch(o))
    if wrong:
        raise ValueError(
            f"holds {wrong[0]!r}, which is not an origin: write * or "
            "origins such as https://example.org, separated by commas"
        )
    return origins


def _rate_limit(value: Any) -> str:
    """A Flask-Limiter rate such as ``600 per minute`` or ``10/second; 1000/hour``."""
    text = str(value).strip()
    try:
        parse_many(text)
    except ValueError:
        raise ValueError(
            "is not a rate limit: write e.g. '600 per minute' or '10/second; 1000/hour'"
        ) from None
    return text


def _yes_no(value: Any) -> bool:
    """true/false, yes/no, on/off or 1/0."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS | FALSE_WORDS:
        return word in TRUE_WORDS
    raise ValueError("is neither true nor false: write true or false")


def _storage_uri(value: Any) -> str:
    """Where the rate limiter counts: ``memory://``, ``redis://host:port``, ..."""
    text = str(value).strip()
    scheme = text.partition("://")[0]
    if "://" not in text or scheme not in SCHEMES or scheme.startswith("async+"):
        known = ", ".join(sorted(s for s in SCHEMES if not s.startswith("async+")))
        raise ValueError(
            f"is not a storage the rate limiter knows: write one of {known} "
            "followed by ://, e.g. memory:// or redis://localhost:6379"
        )
    return text


def _seconds(value: Any) -> float | None:
    """Seconds as a number; 0, a negative number or nothing means no limit."""
    if value is None or str(value).strip() == "":
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            "is not a number of seconds: write e.g. 5 or 0.5 (0 for no limit)"
        ) from None
    if math.isnan(seconds):
        raise ValueError("is not a number of seconds: write e.g. 5 or 0.5 (0 for no limit)")
    return seconds if seconds > 0 else None


def _workers(value: Any) -> int:
    """A whole number of threads from 1 to MAX_SEARCH_WORKERS."""
    try:
        workers = int(str(value).strip())
    except ValueError:
        workers = 0
    if not 1 <= workers <= MAX_SEARCH_WORKERS:
        raise ValueError(
            f"is not a number of threads: write a whole number from 1 to {MAX_SEARCH_WORKERS}"
        )
    return workers


SETTINGS: tuple[Setting, ...] = (
    Setting("INDEX_DIR", "var/index", _index_dir, "the index directory"),
    Setting("ALIASES", "", _aliases, "+a.toml extends the alias table, a.toml:b.toml replaces it"),
    Setting(
        "CORS_ORIGINS",
        "*",
        _origins,
        "origins allowed to call the API from a browser (* or a comma list)",
    ),
    Setting(
        "RATELIMIT",
        "600 per minute",
        _rate_limit,
        "requests per client address on the API (429 with Retry-After past it)",
    ),
    Setting("RATELIMIT_ENABLED", "true", _yes_no, "false turns the rate limit off"),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        _storage_uri,
        "where the rate limit is counted (redis://host:port shares it between "
        "processes; needs the redis package)",
    ),
    Setting(
        "SEARCH_TIME_LIMIT",
        "5",
        _seconds,
        "seconds a search may rank before it returns what it found, marked partial",
    ),
    Setting("SEARCH_WORKERS", "1", _workers, "threads that search at once"),
)


def read_settings(environ: Mapping[str, str], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting parsed: *overrides* first, then ``LOUPE_*`` in *environ*, then defaults.

    Raises BadSetting for the first value that cannot be used.
    """
    values = {}
    for setting in SETTINGS:
        if setting.name in overrides:
            raw = overrides[setting.name]
        else:
            raw = environ.get(setting.variable, setting.default)
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as e:
            raise BadSetting(f"{setting.variable}={_shown(raw)} {e}") from None
    return values


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """``LOUPE_*`` variables that are no setting, each with the setting it resembles."""
    names = [s.variable for s in SETTINGS]
    found = []
    for variable in sorted(v for v in environ if v.startswith(PREFIX) and v not in names):
        near = difflib.get_close_matches(variable, names, n=1)
        found.append(
            f"{variable} is not a Loupe setting" + (f" (did you mean {near[0]}?)" if near else "")
        )
    return found


def _shown(raw: Any) -> str:
    return repr(raw) if isinstance(raw, str) else repr(str(raw))
