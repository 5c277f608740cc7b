"""Quart: the ASGI re-implementation of the Flask API, through its own fixture and a2wsgi.

Its profile is Flask 3.1.3: Quart 0.22 builds its app, blueprints and routing on the sansio core of
the installed Flask (``flask.sansio.app.App``) and on Werkzeug's router, and installs with the
newest Flask 3.1 release, so it mirrors that release's API and every 3.1.x requirement applies.
"""

from __future__ import annotations

import os
import threading
from importlib.metadata import version

from ..errors import LoadError
from .flask import installed_versions
from .native import NativeFixture


class PerProcessASGIMiddleware:
    """``a2wsgi.ASGIMiddleware`` made in the process that serves the requests.

    a2wsgi starts the thread running its event loop when the middleware is constructed; the http
    transport forks its server after the app is built, and a forked child has the loop but not the
    thread, so every request would hang. One middleware per process avoids that (made under a lock:
    the server's threads must share one event loop).
    """

    def __init__(self, asgi_app, middleware_class):
        self.asgi_app = asgi_app
        self.middleware_class = middleware_class
        self.pid = None
        self.middleware = None
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if self.pid != os.getpid():
            with self.lock:
                if self.pid != os.getpid():
                    self.middleware = self.middleware_class(self.asgi_app)
                    self.pid = os.getpid()
        return self.middleware(environ, start_response)


def load() -> NativeFixture:
    try:
        import quart  # noqa: F401
        from a2wsgi import ASGIMiddleware
    except ImportError as exc:
        raise LoadError(f"implementation 'quart' needs Quart and a2wsgi installed ({exc}); "
                        "pip install quart a2wsgi") from exc
    return NativeFixture(name="quart", version=version("quart"), flask_api="3.1.3", family="quart",
                         adapt=lambda app: PerProcessASGIMiddleware(app, ASGIMiddleware),
                         packages=installed_versions(("werkzeug", "markupsafe", "itsdangerous", "jinja2")),
                         # an ASGI framework: a view cannot hand the request to a WSGI application
                         lacks={"wsgi-app-views"})
