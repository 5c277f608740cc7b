"""Microdot: a small asyncio framework "heavily influenced by Flask", checked through its own
fixture and its WSGI front end, ``microdot.wsgi.Microdot``.

Microdot does not follow any Flask release, so its profile is the newest Flask, 3.1.3 (the
suite's reference): the matrix then shows how Microdot compares with the behaviour Flask has
today, and every requirement of the current spec applies to it.

One chapter is not provided, because Microdot has no equivalent at all:

* flashing: Microdot has no message flashing (no ``flash()``, no ``get_flashed_messages()``).

Flask API it has no counterpart for, declared as gaps (see ``flask_conformance.capabilities``):
class-based views, options read from view-function attributes, ``jsonify``, and a view returning
a WSGI application (Microdot's WSGI front end serves its own asyncio app, not WSGI apps).

Its sessions (``microdot.session``) need PyJWT and its Jinja templates (``microdot.jinja``) need
Jinja2, neither of which Microdot declares as a dependency: install them with it.
"""

from __future__ import annotations

import os
from importlib.metadata import version

from ..errors import LoadError
from .native import NativeFixture


class PerProcessApp:
    """A chapter's Microdot app, built anew in each process that serves it; behaviour untouched.

    * A ``microdot.wsgi.Microdot`` app runs every request on the asyncio loop it made when it
      was constructed, sync views in that loop's thread pool. The http transport forks its
      server after the app is built and maybe used; a forked child has that pool but not its
      threads, so a sync view would never run. The child builds its own app instead.
    * Microdot reads ``environ["REMOTE_ADDR"]`` unconditionally, a CGI variable PEP 3333 does not
      require and WebTest (the wsgi transport) does not set; every real server sets it, so the
      loopback address is supplied when it is missing.
    """

    def __init__(self, app, build):
        self.app = app
        self.build = build
        self.pid = os.getpid()

    def __call__(self, environ, start_response):
        if self.pid != os.getpid():
            self.app, self.pid = self.build(), os.getpid()
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return self.app(environ, start_response)


class MicrodotFixture(NativeFixture):
    """The ``microdot`` fixture family, each chapter app wrapped in a :class:`PerProcessApp`."""

    def build_app(self, chapter: str):
        def build():
            return NativeFixture.build_app(self, chapter)

        app = build()
        return None if app is None else PerProcessApp(app, build)


def load() -> NativeFixture:
    try:
        import jinja2  # noqa: F401  (microdot.jinja)
        import jwt  # noqa: F401  (microdot.session)
        import microdot.wsgi  # noqa: F401
    except ImportError as exc:
        raise LoadError(f"implementation 'microdot' needs Microdot, PyJWT and Jinja2 installed ({exc}); "
                        "pip install microdot pyjwt jinja2") from exc
    return MicrodotFixture(name="microdot", version=version("microdot"), flask_api="3.1.3", family="microdot",
                           lacks={"class-based-views", "view-attributes", "jsonify", "wsgi-app-views"})
