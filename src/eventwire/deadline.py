"""Time limits for pipeline work, so that one pathological article cannot hang a run.

``time_limit(seconds)`` interrupts the code running in the calling thread once the time is up by raising
``TimeLimitExceeded`` in it, and again every second while the block has not ended (in case something caught
it). Two mechanisms:

- in the main thread (one process, and the pipeline's worker processes): ``SIGALRM`` from ``setitimer``. Signal
  handlers run between bytecodes and also inside a long regular-expression match, which checks for signals;
- in other threads (the task threads of a Dask worker, the API's ingest threads), where signals cannot be
  used: one watchdog thread per process raises the exception with CPython's ``PyThreadState_SetAsyncExc``,
  delivered at the thread's next bytecode, so a Python loop is stopped, a call into C only when it returns.

Neither stops a single C call that never returns to Python (a stuck read); the pipeline's limit is a net for
loops in our own code and for pathological regular expressions.

``TimeLimitExceeded`` derives from ``BaseException`` so that a stage's own ``except Exception`` cannot swallow
it and keep looping; the pipeline catches it and records the article in the failures table.
"""

from __future__ import annotations

import ctypes
import itertools
import signal
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
            entry = self._entries.pop(token, None)
            if entry is not None and entry.fired:
                _set_async_exc(entry.thread_id, None)
            return entry is not None and entry.fired

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for entry in self._entries.values():
                    if entry.deadline <= now:
                        entry.fired = True
                        entry.deadline = now + REFIRE_SECONDS  # again, should the block swallow it
                        _set_async_exc(entry.thread_id, TimeLimitExceeded)
                waiting = [e.deadline for e in self._entries.values()]
                self._cond.wait(timeout=max(0.0, min(waiting) - now) if waiting else None)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


_WATCHDOG = _Watchdog()
REFIRE_SECONDS = 1.0


def _on_alarm(signum: int, frame: object) -> None:
    raise TimeLimitExceeded


def _alarm_usable() -> bool:
    """SIGALRM in the main thread, unless another timer is running there (it is left alone)."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0.0)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` inside the block once ``seconds`` have passed; ``None`` or <= 0: no limit."""
    if seconds is None or seconds <= 0:
        yield
        return
    if _alarm_usable():
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0.0)
            signal.signal(signal.SIGALRM, previous)
        return
    token = _WATCHDOG.arm(seconds)
    try:
        yield
    finally:
        while True:  # an interruption landing inside disarm itself must not leave the entry armed
            try:
                _WATCHDOG.disarm(token)
                break
            except TimeLimitExceeded:
                continue
