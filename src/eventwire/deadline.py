"""Time limits for pipeline work, so that one pathological article cannot hang a run.

``time_limit(seconds)`` interrupts the Python code running in the calling thread once the time is up, by
raising ``TimeLimitExceeded`` in that thread (CPython's ``PyThreadState_SetAsyncExc``, armed by one watchdog
thread per process). It works in any thread — the main thread of a worker process and the task threads of a
Dask worker alike — where ``signal.alarm`` only works in the main thread. The exception is delivered between
bytecodes: a loop in Python code is stopped, a single long call into C (one ``nlp.pipe`` batch) is stopped
when it returns.

``TimeLimitExceeded`` derives from ``BaseException`` so that a stage's own ``except Exception`` cannot swallow
it and keep looping; the pipeline catches it and records the article in the failures table.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class TimeLimitExceeded(BaseException):  # noqa: N818 - it is not an error of the code that receives it
    """Raised asynchronously in a thread whose ``time_limit`` ran out."""


@dataclass
class _Entry:
    deadline: float
    thread_id: int
    fired: bool = False


class _Watchdog:
    """One daemon thread per process; wakes at the earliest deadline and interrupts that thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._entries: dict[int, _Entry] = {}
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self._cond:
            token = next(self._ids)
            self._entries[token] = _Entry(time.monotonic() + seconds, threading.get_ident())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="eventwire-deadline", daemon=True)
                self._thread.start()
            self._cond.notify()
            return token

    def disarm(self, token: int) -> bool:
        """Forget ``token``; True when it had fired. A fired but not yet delivered exception is withdrawn."""
        with self._cond:
            entry = self._entries.pop(token)
            if entry.fired:
                _set_async_exc(entry.thread_id, None)
            return entry.fired

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                pending = [e for e in self._entries.values() if not e.fired]
                for entry in pending:
                    if entry.deadline <= now:
                        entry.fired = True
                        _set_async_exc(entry.thread_id, TimeLimitExceeded)
                waiting = [e.deadline for e in pending if not e.fired]
                self._cond.wait(timeout=min(waiting) - now if waiting else None)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


_WATCHDOG = _Watchdog()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` inside the block once ``seconds`` have passed; ``None`` or <= 0: no limit."""
    if seconds is None or seconds <= 0:
        yield
        return
    token = _WATCHDOG.arm(seconds)
    try:
        yield
    finally:
        _WATCHDOG.disarm(token)
