"""Bounds on what the app under test may do to the harness: time and body size.

The guard sits between a transport and the (linted) app. It stops reading a response body that
grows past :data:`MAX_BODY` or whose request was abandoned after a timeout, so an endless
generator cannot eat the run's memory or keep a thread busy forever.
"""

from __future__ import annotations

import threading
from typing import Optional

#: Largest response body the harness reads, in bytes; past it the requirement is an ``error``.
MAX_BODY = 16 * 1024 * 1024

CANCEL_KEY = "flask_conformance.cancel"
#: Where the guard leaves the status and headers exactly as the app gave them to start_response.
SENT_KEY = "flask_conformance.sent"


class BodyTooLarge(Exception):
    pass


class Abandoned(Exception):
    """The request timed out on the client side; the app is told to stop by this exception."""


class Guard:
    """WSGI middleware enforcing :data:`MAX_BODY` and cancellation on the response body."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    def __call__(self, environ, start_response):
        cancel = environ.get(CANCEL_KEY)  # set by a transport that may abandon the request
        started = []

        def start_response_once(status, headers, exc_info=None):
            # PEP 3333: a second call is only allowed with exc_info (the lint does not check it)
            if started and exc_info is None:
                raise AssertionError("start_response called a second time without exc_info")
            started.append(status)
            environ[SENT_KEY] = (status, list(headers))
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.app(environ, start_response_once)
        return _Bounded(result, cancel, self.max_body)


class _Bounded:
    def __init__(self, iterable, cancel: Optional[threading.Event], limit: int):
        self._iterable = iterable
        self._cancel = cancel
        self._limit = limit

    def __iter__(self):
        size = 0
        for chunk in self._iterable:
            if self._cancel is not None and self._cancel.is_set():
                raise Abandoned("the request was abandoned after its timeout")
            size += len(chunk)
            if size > self._limit:
                # the exception's traceback keeps this frame: let it keep no oversized body
                chunk = None
                self.close()
                self._iterable = ()
                raise BodyTooLarge(f"the response body exceeds {self._limit // (1024 * 1024)} MiB")
            yield chunk

    def close(self):
        close = getattr(self._iterable, "close", None)
        self._iterable = ()  # closed: its chunks may go
        if close is not None:
            close()
