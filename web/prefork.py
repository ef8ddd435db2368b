"""Several waitress processes sharing one listening socket.

The search is pure Python: one process uses one core, however many threads
it runs. Forked after the socket is bound, each process builds its own app
(and opens the index itself), and the kernel hands connections to whichever
is free.
"""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable
from types import FrameType

from flask import Flask


def serve_processes(make_app: Callable[[], Flask], host: str, port: int, processes: int,
                    threads: int) -> None:
    """Serve with *processes* forked waitress servers until SIGINT or SIGTERM."""
    from waitress import serve

    listener = socket.create_server((host, port), backlog=1024)
    children: list[int] = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:  # the child serves until it is told to stop
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                serve(make_app(), sockets=[listener], threads=threads, ident="Loupe")
            finally:
                os._exit(0)
        children.append(pid)
    listener.close()

    def stop(signum: int, frame: FrameType | None) -> None:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
