"""What every transport provides, and the helpers they share."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from ..errors import ImplementationError, ImplementationTimeout

TRANSPORTS = ("wsgi", "http")

#: Seconds a single request may take before its requirement is reported as ``timeout``.
DEFAULT_TIMEOUT = 10.0

T = TypeVar("T")


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
    """``Type: message`` on one line, for outcome messages."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def call_with_timeout(func: Callable[[], T], timeout: float, what: str) -> T:
    """Run ``func`` in a daemon thread; raise ImplementationTimeout if it is not done in time.

    A hung implementation must cost one requirement a bounded wait, never the whole run.
    """
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="flask-conformance-request", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ImplementationTimeout(f"{what}: no complete response within {timeout:g}s")
    if "error" in box:
        raise box["error"]
    return box["value"]


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
    "DEFAULT_TIMEOUT", "ImplementationError", "Transport", "call_with_timeout", "create",
    "describe_exception",
]
