"""In-process timeouts: a hung call is unwound on the main thread, abandoned elsewhere."""

import threading
import time

import pytest

from flask_conformance.errors import ImplementationTimeout
from flask_conformance.transports.deadline import Deadline, alarm_usable

pytestmark = pytest.mark.skipif(not alarm_usable(), reason="needs SIGALRM in the main thread (POSIX)")


def request_threads():
    return [t for t in threading.enumerate() if t.name == "flask-conformance-request"]


@pytest.mark.parametrize("hang", [
    lambda: time.sleep(3600),
    lambda: threading.Event().wait(),
    lambda: [None for _ in iter(int, 1)],  # a loop that never ends
], ids=["sleep", "wait", "loop"])
def test_hung_call_is_unwound_on_the_main_thread(hang):
    unwound = []

    def view():
        try:
            hang()
        finally:
            unwound.append(threading.current_thread())

    before = set(request_threads())  # earlier tests' fallback threads are not this call's
    started = time.monotonic()
    with pytest.raises(ImplementationTimeout, match=r"GET /x: no complete response within 0.2s"):
        Deadline().call(view, 0.2, "GET /x")
    assert time.monotonic() - started < 2
    assert unwound == [threading.main_thread()], "unwound on the main thread, not abandoned on another"
    assert set(request_threads()) <= before


def test_a_call_that_swallows_the_timeout_is_interrupted_again_and_still_times_out():
    def stubborn():
        for _ in range(2):
            try:
                time.sleep(3600)
            except BaseException:
                pass
        return "answered late"

    with pytest.raises(ImplementationTimeout):
        Deadline().call(stubborn, 0.2, "GET /stubborn")


def test_the_alarm_is_disarmed_and_the_handler_restored():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    assert Deadline().call(lambda: "ok", 5, "GET /") == "ok"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_off_the_main_thread_a_worker_thread_takes_the_call():
    outcome = {}

    def run():
        deadline = Deadline()
        outcome["value"] = deadline.call(lambda: threading.current_thread().name, 5, "GET /")
        try:
            deadline.call(lambda: time.sleep(3600), 0.2, "GET /hang")
        except ImplementationTimeout as exc:
            outcome["timeout"] = str(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert outcome == {"value": "flask-conformance-request",
                       "timeout": "GET /hang: no complete response within 0.2s"}
