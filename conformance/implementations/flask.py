"""The Flask family: every Flask release and Flask-API clone, driven through ``fixtures/flask/``."""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Dict, Optional

from ..errors import LoadError
from ..implementation import Implementation

FIXTURES = "flask_conformance.fixtures.flask"

#: The packages whose releases decide behaviour the spec checks: routing and redirects
#: (Werkzeug), escaping (MarkupSafe), the session cookie's signature (itsdangerous) and templates
#: (Jinja). Flask itself is listed too, for a clone running on it and for its known defects.
DECIDING_PACKAGES = ("flask", "werkzeug", "markupsafe", "itsdangerous", "jinja2")


def installed_versions(names=DECIDING_PACKAGES) -> Dict[str, str]:
    """The installed version of each package in ``names`` that is installed."""
    found = {}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            pass
    return found


class FlaskFamily(Implementation):
    """Builds each chapter's app from the Flask fixture with a given app factory.

    ``make_app(import_name)`` returns a new application object with the Flask API: ``flask.Flask``
    for Flask itself, a subclass for a clone such as APIFlask.
    """

    def __init__(self, name: str, version: str, flask_api: str, make_app: Callable):
        self.name = name
        self.version = version
        self.flask_api = flask_api
        self.make_app = make_app
        self.packages = installed_versions()

    def fixture_module(self, chapter: str):
        """The fixture module for ``chapter``, or None when the family has none."""
        module_name = f"{FIXTURES}.{chapter}"
        try:
            return importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise

    def build_app(self, chapter: str) -> Optional[Callable]:
        module = self.fixture_module(chapter)
        return None if module is None else module.create_app(self.make_app)

    def describe_route(self, app, method: str, path: str) -> Optional[str]:
        """The fixture rule a request reaches, for reproducers (None when nothing matches)."""
        url_map = getattr(app, "url_map", None)
        if url_map is None:
            return None
        try:
            endpoint, _ = url_map.bind("localhost").match(path, method=method)
        except Exception:  # not found, redirect, method not allowed: no single rule to name
            return None
        rules = [rule.rule for rule in url_map.iter_rules() if rule.endpoint == endpoint]
        return f"{' | '.join(rules)} (endpoint {endpoint!r} in {getattr(app, 'import_name', 'the fixture')})"


def load() -> FlaskFamily:
    """The built-in ``flask`` implementation: whatever Flask is installed."""
    try:
        import flask
    except ImportError as exc:
        raise LoadError(f"implementation 'flask' needs Flask installed ({exc}); pip install flask") from exc
    try:
        flask_version = version("flask")
    except PackageNotFoundError:  # pragma: no cover - an unpackaged checkout of Flask
        flask_version = getattr(flask, "__version__", "0")
    return FlaskFamily("flask", flask_version, flask_version, flask.Flask)
