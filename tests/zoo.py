"""A zoo of broken implementations: each replaces one chapter's app with a specific fault.

Every other chapter is the Flask reference, so the tests can check that the fault touches only
the requirements of its chapter.
"""

import hashlib
import os
import sys
import time

from tests.impls import Wrapped

BROKEN_CHAPTER = "routing"


def _text(start_response, body=b"ok"):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


def raises_in_view(environ, start_response):
    raise RuntimeError("boom in the view")


def str_body(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return ["a str, not bytes"]


def bad_status_line(environ, start_response):
    start_response("OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def headers_not_str_pairs(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", 2)])
    return [b"ok"]


def start_response_twice(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def start_response_never(environ, start_response):
    return [b"ok"]


class _ClosingBody:
    def __iter__(self):
        yield b"ok"

    def close(self):
        raise RuntimeError("close() blew up")


def close_raises(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return _ClosingBody()


def hangs_forever(environ, start_response):
    time.sleep(3600)
    return _text(start_response)


def endless_generator(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/octet-stream")])

    def forever():
        while True:
            yield b"x" * 65536

    return forever()


def dripping_generator(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])

    def drip():
        while True:
            time.sleep(0.2)
            yield b"."

    return drip()


def huge_body(environ, start_response):
    body = b"x" * (17 * 1024 * 1024)  # just past the guard limit
    return _text(start_response, body)


def raises_after_last_chunk(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])

    def body():
        yield b"ok"
        raise RuntimeError("raised after the last chunk")

    return body()


def exits_process(environ, start_response):
    os._exit(0)


def calls_sys_exit(environ, start_response):
    sys.exit("the view called sys.exit")


def native_hang(environ, start_response):
    # one long call into C: no signal handler runs until it returns
    hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 2**31 - 1)
    return _text(start_response)


def swallows_interrupts(environ, start_response):
    while True:
        try:
            time.sleep(3600)
        except BaseException:
            pass


def closes_stdout(environ, start_response):
    sys.stdout.close()
    return _text(start_response)


_BIG = []


def body_200_mib(environ, start_response):
    if not _BIG:  # made once, so the fault is the size and not the time it takes to build
        _BIG.append(b"x" * (200 * 1024 * 1024))
    return _text(start_response, _BIG[0])


def arms_its_own_alarm():
    """Arms an interval timer when its app is built, so the in-process deadline cannot use
    SIGALRM, then hangs in every view (the harness falls back to a thread, which stays stuck)."""
    import signal

    def wrap(chapter, app):
        if chapter != BROKEN_CHAPTER:
            return app
        signal.signal(signal.SIGALRM, lambda signum, frame: None)
        signal.setitimer(signal.ITIMER_REAL, 3600)
        return hangs_forever
    return Wrapped("arms-its-own-alarm", wrap)


def exits_process_implementation():
    """For the command line: ``--impl tests.zoo:exits_process_implementation``."""
    return replacing("exits-process", exits_process)


def slow(app, delay=0.2):
    def middleware(environ, start_response):
        time.sleep(delay)
        return app(environ, start_response)
    return middleware


def replacing(name, broken):
    """An implementation whose BROKEN_CHAPTER app is ``broken``."""
    return Wrapped(name, lambda chapter, app: broken if chapter == BROKEN_CHAPTER else app)


def raises_when_building():
    def wrap(chapter, app):
        if chapter == BROKEN_CHAPTER:
            raise RuntimeError("cannot build this chapter")
        return app
    return Wrapped("raises-when-building", wrap)


#: name -> (implementation factory, expected outcome, words the message must contain)
ZOO = {
    "raises-when-building": (raises_when_building, "error", "building the 'routing' app raised RuntimeError: cannot build this chapter"),
    "raises-in-view": (lambda: replacing("raises-in-view", raises_in_view), "error", "RuntimeError: boom in the view"),
    "str-body": (lambda: replacing("str-body", str_body), "error", "bytes"),
    "bad-status-line": (lambda: replacing("bad-status-line", bad_status_line), "error", "status string"),
    "headers-not-str-pairs": (lambda: replacing("headers-not-str-pairs", headers_not_str_pairs), "error", "Header values must be"),
    "start-response-twice": (lambda: replacing("start-response-twice", start_response_twice), "error", "start_response"),
    "start-response-never": (lambda: replacing("start-response-never", start_response_never), "error", "start_response"),
    "close-raises": (lambda: replacing("close-raises", close_raises), "error", "close() blew up"),
    "hangs-forever": (lambda: replacing("hangs-forever", hangs_forever), "timeout", "1s"),
    "endless-generator": (lambda: replacing("endless-generator", endless_generator), "error", "exceeds 16 MiB"),
    "dripping-generator": (lambda: replacing("dripping-generator", dripping_generator), "timeout", "1s"),
    "huge-body": (lambda: replacing("huge-body", huge_body), "error", "exceeds 16 MiB"),
    "body-200-mib": (lambda: replacing("body-200-mib", body_200_mib), "error", "exceeds 16 MiB"),
    "raises-after-last-chunk": (lambda: replacing("raises-after-last-chunk", raises_after_last_chunk), "error",
                                "RuntimeError: raised after the last chunk"),
    "exits-process": (lambda: replacing("exits-process", exits_process), "error", "with exit status 0 (os._exit?)"),
    "calls-sys-exit": (lambda: replacing("calls-sys-exit", calls_sys_exit), "error", "SystemExit: the view called sys.exit"),
    "closes-stdout": (lambda: replacing("closes-stdout", closes_stdout), "error", "the app closed sys.stdout"),
    "arms-its-own-alarm": (arms_its_own_alarm, "timeout", "within 1s"),
    # in-process nothing interrupts these: the supervisor's progress limit does
    "native-hang": (lambda: replacing("native-hang", native_hang), "timeout",
                    {"wsgi": "the implementation hangs where the 1s request timeout cannot reach it",
                     "http": "within 1s"}),
    "swallows-interrupts": (lambda: replacing("swallows-interrupts", swallows_interrupts), "timeout",
                            {"wsgi": "the implementation hangs where the 1s request timeout cannot reach it",
                             "http": "within 1s"}),
}


def slow_reference():
    return Wrapped("slow", lambda chapter, app: slow(app))
