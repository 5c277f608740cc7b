"""What every transport provides, and the helpers they share."""

from __future__ import annotations

import re

from ..errors import ImplementationError, ImplementationTimeout

TRANSPORTS = ("wsgi", "http")

#: Seconds a single request may take before its requirement is reported as ``timeout``.
DEFAULT_TIMEOUT = 10.0


class Transport:
    """One app reachable through one transport for a whole run.

    ``session()`` returns a fresh client session (its own cookie jar) with ``send(request)``,
    ``cookiejar`` and ``set_cookie(name, value)``; ``close()`` releases servers and threads.
    """

    name = ""

    def session(self):  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        pass


def describe_exception(exc: BaseException) -> str:
    """``Type: message`` on one line, for outcome messages (object addresses removed, so the
    same fault reads the same in every run)."""
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", str(exc)).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def create(name: str, app, *, timeout: float = DEFAULT_TIMEOUT) -> Transport:
    """Build the transport called ``name`` around a WSGI ``app``."""
    if name == "wsgi":
        from .wsgi import WSGITransport

        return WSGITransport(app, timeout=timeout)
    if name == "http":
        from .http import HTTPTransport

        return HTTPTransport(app, timeout=timeout)
    raise ValueError(f"unknown transport {name!r}; choose from {', '.join(TRANSPORTS)}")


__all__ = [
    "DEFAULT_TIMEOUT", "ImplementationError", "Transport", "create",
    "describe_exception",
]


class Breaker:
    """Stops sending to an app that has stopped answering.

    After ``limit`` consecutive timeouts on one app, further requests fail at once with a timeout
    that says so, so a hung implementation costs a run ``limit`` timeouts per app, not one per
    requirement. Any answer resets the count.
    """

    def __init__(self, limit: int = 3):
        self.limit = limit
        self.consecutive = 0

    def wrap(self, session, beat=None) -> "_BrokenCircuitSession":
        """``session`` behind the breaker; ``beat()`` is called whenever a request ends, so a
        supervisor can tell a run that makes progress from one that hangs."""
        return _BrokenCircuitSession(session, self, beat)


class _BrokenCircuitSession:
    def __init__(self, session, breaker: Breaker, beat=None):
        self._session = session
        self._breaker = breaker
        self._beat = beat

    def __getattr__(self, name):
        return getattr(self._session, name)

    def _check(self, request) -> None:
        if self._breaker.consecutive >= self._breaker.limit:
            raise ImplementationTimeout(
                f"{request.method} {request.target}: not sent, the app stopped answering "
                f"({self._breaker.limit} consecutive requests timed out)"
            )

    def send(self, request):
        self._check(request)
        try:
            response = self._session.send(request)
        except ImplementationTimeout:
            self._breaker.consecutive += 1
            raise
        finally:
            if self._beat is not None:
                self._beat()
        self._breaker.consecutive = 0
        return response

    def open_stream(self, request):
        self._check(request)
        return self._session.open_stream(request)
