"""Frameworks with their own API: each has a fixture package with one module per chapter."""

from __future__ import annotations

import importlib
from typing import Callable, Iterable, Mapping, Optional

from ..implementation import Implementation


class NativeFixture(Implementation):
    """Builds each chapter from ``flask_conformance.fixtures.<family>.<chapter>.create_app()``.

    A chapter module that does not exist is a chapter the framework cannot express: its
    requirements are not applicable. ``adapt`` turns the framework's app into a WSGI callable
    (an ASGI-to-WSGI adapter for an ASGI framework).
    """

    def __init__(self, name: str, version: str, flask_api: str, family: str,
                 adapt: Callable = lambda app: app, packages: Optional[Mapping[str, str]] = None,
                 lacks: Iterable[str] = ()):
        self.name = name
        self.packages = dict(packages or {})
        self.lacks = frozenset(lacks)
        self.version = version
        self.flask_api = flask_api
        self.family = family
        self.adapt = adapt

    def build_app(self, chapter: str) -> Optional[Callable]:
        module_name = f"flask_conformance.fixtures.{self.family}.{chapter}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        return self.adapt(module.create_app())
