"""Transports carry a spec test's requests to the app under test.

``wsgi`` calls the app in-process through WebTest with its WSGI lint on; ``http`` serves it with
a real WSGI server on loopback and talks to it with ``requests``. Both turn a broken app (an
exception, a WSGI violation, no answer in time) into :class:`ImplementationError`.
"""

from .base import DEFAULT_TIMEOUT, TRANSPORTS, Transport, create

__all__ = ["DEFAULT_TIMEOUT", "TRANSPORTS", "Transport", "create"]
