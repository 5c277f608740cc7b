"""Quart: the ASGI re-implementation of the Flask API, through its own fixture and a2wsgi.

Its profile is Flask 3.1.3: Quart 0.22 builds its app, blueprints and routing on the sansio core of
the installed Flask (``flask.sansio.app.App``) and on Werkzeug's router, and installs with the
newest Flask 3.1 release, so it mirrors that release's API and every 3.1.x requirement applies.
"""

from __future__ import annotations

from importlib.metadata import version

from ..errors import LoadError
from .native import NativeFixture


def load() -> NativeFixture:
    try:
        import quart  # noqa: F401
        from a2wsgi import ASGIMiddleware
    except ImportError as exc:
        raise LoadError(f"implementation 'quart' needs Quart and a2wsgi installed ({exc}); "
                        "pip install quart a2wsgi") from exc
    return NativeFixture(name="quart", version=version("quart"), flask_api="3.1.3",
                         family="quart", adapt=ASGIMiddleware)
