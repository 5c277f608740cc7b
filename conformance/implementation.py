"""The plug-in protocol an implementation follows to be checked by the suite.

An implementation is any object with these attributes (subclassing :class:`Implementation` is
convenient, not required):

``name``
    a short name for reports (``flask``, ``quart``, ``my-fork``);
``version``
    the version of the framework being checked;
``flask_api``
    the Flask version whose behaviour it targets: its *profile*. Requirements introduced after
    it, or retired before it, are not applicable;
``build_app(chapter)``
    the fixture app for one chapter of the spec as a WSGI callable, or None when the
    implementation does not provide that chapter (its requirements are then not applicable).

Optional:

``packages``
    the versions of the packages besides Flask that decide behaviour the spec checks, by
    lower-case distribution name (``{"werkzeug": "3.1.3", "markupsafe": "3.0.2"}``). Requirements
    bounded by a package's releases apply only within them, and a failure on a release with a
    known upstream defect names it. A package not reported is taken to be at its newest release
    (the implementation targets current behaviour). The results record them.
``lacks``
    the API capabilities (see :mod:`flask_conformance.capabilities`) the framework does not
    have, such as ``{"view-attributes"}``. Requirements that need one are not applicable as a
    *declared gap*, shown apart from other not-applicable outcomes and never counted as passes.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Mapping, Optional

WSGIApp = Callable


class Implementation:
    name: str = ""
    version: str = ""
    flask_api: str = ""
    packages: Mapping[str, str] = {}
    lacks: FrozenSet[str] = frozenset()

    def build_app(self, chapter: str) -> Optional[WSGIApp]:
        """Return the WSGI app for ``chapter`` following its fixture contract, or None."""
        raise NotImplementedError

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "flask_api": self.flask_api}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version} (Flask API {self.flask_api})>"


REQUIRED_ATTRIBUTES = ("name", "version", "flask_api", "build_app")


def reported_packages(obj) -> Dict[str, str]:
    """The ``packages`` an implementation reports, keys lower-cased; empty when it reports none."""
    packages = getattr(obj, "packages", None) or {}
    return {str(name).lower(): str(version) for name, version in dict(packages).items()}


def declared_gaps(obj) -> FrozenSet[str]:
    """The capabilities an implementation says it lacks; LoadError names an unknown one."""
    from .capabilities import UnknownCapability, check
    from .errors import LoadError

    try:
        return check(getattr(obj, "lacks", None) or (), f"implementation {getattr(obj, 'name', obj)!r}")
    except UnknownCapability as exc:
        raise LoadError(str(exc)) from exc


def missing_attributes(obj) -> list:
    """The protocol attributes ``obj`` lacks (empty when it is a usable implementation)."""
    return [attr for attr in REQUIRED_ATTRIBUTES if not getattr(obj, attr, None)]
