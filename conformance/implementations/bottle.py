"""Bottle: a WSGI micro-framework with its own API, checked through its own fixture.

Bottle does not follow any Flask release, so its profile is the newest Flask, 3.1.3 (the suite's
reference): the matrix then compares Bottle with the behaviour Flask has today, and every
requirement of the current spec applies to it.

Two chapters are not provided, because Bottle has no equivalent at all:

* flashing: Bottle has no message flashing;
* sessions: Bottle has no session object ("There is no built-in support for sessions", its
  recipes say, pointing to Beaker). Its signed cookies (``response.set_cookie(name, value,
  secret=...)``) sign one value; a fixture would have to write the session itself (when to save,
  when to delete, ``Vary``, lifetimes, key rotation), which would check the fixture, not Bottle.

Flask API it has no counterpart for, declared as gaps (see ``flask_conformance.capabilities``):
class-based views, options read from view-function attributes, ``jsonify``, and a view returning
a WSGI application.
"""

from __future__ import annotations

from importlib.metadata import version

from ..errors import LoadError
from .native import NativeFixture


def load() -> NativeFixture:
    try:
        import bottle  # noqa: F401
    except ImportError as exc:
        raise LoadError(f"implementation 'bottle' needs Bottle installed ({exc}); pip install bottle") from exc
    return NativeFixture(name="bottle", version=version("bottle"), flask_api="3.1.3", family="bottle",
                         lacks={"class-based-views", "view-attributes", "jsonify", "wsgi-app-views"})
