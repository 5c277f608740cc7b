"""A zoo of broken implementations: each replaces one chapter's app with a specific fault.

Every other chapter is the Flask reference, so the tests can check that the fault touches only
the requirements of its chapter.
"""

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
}


def slow_reference():
    return Wrapped("slow", lambda chapter, app: slow(app))
