"""Bounding an in-process call in time.

In the main thread of a POSIX process the call runs right there under a ``SIGALRM`` timer: there
is no hand-off to another thread per request, and when the time is up an exception is raised
inside the app, so a view that sleeps, waits or loops forever is unwound and leaves nothing
behind. Where that is not possible (another thread, a platform without ``setitimer``, or a timer
someone else has armed, such as pytest-timeout's) the call runs on a reusable daemon thread, and
a call that hangs abandons that thread.
"""

from __future__ import annotations

import queue
import signal
import threading
from typing import Callable, Optional, TypeVar

from .. import taint
from ..errors import ImplementationTimeout

T = TypeVar("T")


class _Expired(BaseException):
    """Raised inside the app when its time is up.

    A BaseException, so that the app's own ``except Exception`` handlers let it through.
    """


class Deadline:
    """Runs calls under a timeout, on the alarm when it can, on a worker thread otherwise."""

    def __init__(self):
        self._worker: Optional[Worker] = None

    def call(self, func: Callable[[], T], timeout: float, what: str,
             on_timeout: Optional[Callable[[], None]] = None) -> T:
        if alarm_usable():
            return _call_under_alarm(func, timeout, what)
        if self._worker is None:
            self._worker = Worker()
        return self._worker.call(func, timeout, what, on_timeout)


def alarm_usable() -> bool:
    """True in the main thread of a POSIX process when no one else has an interval timer armed."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


def _expired_message(what: str, timeout: float) -> str:
    return f"{what}: no complete response within {timeout:g}s"


def _call_under_alarm(func: Callable[[], T], timeout: float, what: str) -> T:
    state = {"armed": True, "fired": False}

    def on_alarm(signum, frame):
        if not state["armed"]:
            return
        state["fired"] = True
        # should the app swallow the exception and carry on hanging, raise it again later
        signal.setitimer(signal.ITIMER_REAL, max(timeout, 1.0))
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            value = func()
        finally:
            state["armed"] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except BaseException:
        if not state["fired"]:
            raise
    if state["fired"]:  # whatever the app made of the alarm: raised it, another error, an answer
        raise ImplementationTimeout(_expired_message(what, timeout)) from None
    return value


class Worker:
    """A reusable daemon thread that runs calls under a timeout (the fallback).

    Starting a thread per request would double the in-process harness overhead; a call that
    hangs abandons this thread (it stays blocked in the app) and the next call gets a new one.
    """

    def __init__(self):
        self._start()

    def _start(self) -> None:
        self._jobs: "queue.SimpleQueue" = queue.SimpleQueue()
        threading.Thread(target=self._loop, args=(self._jobs,), name="flask-conformance-request",
                         daemon=True).start()

    @staticmethod
    def _loop(jobs) -> None:
        while True:
            func, box, done = jobs.get()
            try:
                box["value"] = func()
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc
            done.set()

    def call(self, func: Callable[[], T], timeout: float, what: str,
             on_timeout: Optional[Callable[[], None]] = None) -> T:
        box: dict = {}
        done = threading.Event()
        self._jobs.put((func, box, done))
        if not done.wait(timeout):
            if on_timeout is not None:
                on_timeout()
            taint.note(f"{what}: a request thread is still inside the app after its timeout", blame=False)
            self._start()
            raise ImplementationTimeout(_expired_message(what, timeout))
        if "error" in box:
            raise box["error"]
        return box["value"]
