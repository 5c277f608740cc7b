"""Microdot: a small asyncio framework "heavily influenced by Flask", checked through its own
fixture and its WSGI front end, ``microdot.wsgi.Microdot``.

Microdot does not follow any Flask release, so its profile is the newest Flask, 3.1.3 (the
suite's reference): the matrix then shows how Microdot compares with the behaviour Flask has
today, and every requirement of the current spec applies to it.
"""

from __future__ import annotations

import asyncio
import os
from importlib.metadata import version

from ..errors import LoadError
from .native import NativeFixture


class MicrodotWSGI:
    """A ``microdot.wsgi.Microdot`` app made fit for both transports; its behaviour is untouched.

    * Microdot reads ``environ["REMOTE_ADDR"]`` unconditionally, a CGI variable PEP 3333 does not
      require and WebTest (the wsgi transport) does not set; every real server sets it, so the
      loopback address is supplied when it is missing.
    * The app runs every request on the asyncio loop it made when it was constructed (sync views
      in that loop's thread pool). The http transport forks its server after the app is built and
      maybe used; a forked child has that loop's pool but not its threads, so a sync view would
      never run. The app gets a new loop the first time a process calls it.
    """

    def __init__(self, app):
        self.app = app
        self.pid = os.getpid()

    def __call__(self, environ, start_response):
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        if self.pid != os.getpid():
            self.app.loop = asyncio.new_event_loop()
            self.pid = os.getpid()
        return self.app(environ, start_response)


def load() -> NativeFixture:
    try:
        import microdot.wsgi  # noqa: F401
    except ImportError as exc:
        raise LoadError(f"implementation 'microdot' needs Microdot installed ({exc}); pip install microdot") from exc
    return NativeFixture(name="microdot", version=version("microdot"), flask_api="3.1.3", family="microdot",
                         adapt=MicrodotWSGI)
