"""Broken implementations: each violates chosen requirements, to prove the spec can fail.

A mutant is the Flask reference with one deliberate fault. Declare one with :func:`mutant` in the
module of its chapter (``tests/mutants/<chapter>.py``); ``tests/test_mutants.py`` runs the
requirements it names in ``kills`` against it and asserts each of them fails, and
``tests/test_lint.py`` asserts every requirement of the spec is killed by some mutant.

Three ways to inject the fault, by ``stage``:

``"wrap"`` (default)
    ``fault(app)`` receives the finished fixture app and returns a WSGI callable, typically a
    middleware that alters requests or responses;
``"setup"``
    ``fault(app)`` receives the new application object *before* the fixture registers its
    routes (change converters, url_map settings, configuration, response class...);
``"build"``
    ``fault(make_app)`` builds the whole chapter app itself (for a route written differently).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable, List, Tuple

import flask

from flask_conformance.implementations.flask import FlaskFamily

MUTANTS: List["Mutant"] = []


@dataclass
class Mutant(FlaskFamily):
    chapter: str
    kills: Tuple[str, ...]
    fault: Callable
    stage: str = "wrap"
    transport: str = "wsgi"
    name: str = field(default="")
    profile: str = ""

    def __post_init__(self):
        FlaskFamily.__init__(self, self.name, _flask_version(), self.profile or _flask_version(), flask.Flask)

    def build_app(self, chapter: str):
        if chapter != self.chapter:
            return None
        if self.stage == "build":
            return self.fault(flask.Flask)
        if self.stage == "setup":
            def make_app(import_name):
                app = flask.Flask(import_name)
                self.fault(app)
                return app
            return self.fixture_module(chapter).create_app(make_app)
        return self.fault(self.fixture_module(chapter).create_app(flask.Flask))

    def __repr__(self) -> str:
        return f"<Mutant {self.name}>"


def _flask_version() -> str:
    from importlib.metadata import version

    return version("flask")


def mutant(chapter: str, kills, *, stage: str = "wrap", transport: str = "wsgi", profile: str = ""):
    """Register the decorated function as a fault; see the module docstring.

    ``profile`` checks it against an older Flask-API profile (for requirements with ``until``).
    """
    if stage not in ("wrap", "setup", "build"):
        raise ValueError(f"unknown stage {stage!r}")
    kills = (kills,) if isinstance(kills, str) else tuple(kills)

    def register(fault):
        MUTANTS.append(Mutant(chapter=chapter, kills=kills, fault=fault, stage=stage,
                              transport=transport, name=f"{chapter}:{fault.__name__}", profile=profile))
        return fault

    return register


def load_all() -> List[Mutant]:
    """Import every mutant module once and return the registered mutants."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return MUTANTS


# Helpers shared by mutant modules.

def rewrite_response(app, change: Callable[[str, list, bytes, dict], Tuple[str, list, bytes]]):
    """A middleware that buffers each response and lets ``change(status, headers, body, environ)``
    return a replacement ``(status, headers, body)``."""

    def middleware(environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, list(headers)
            return lambda data: None

        body = b"".join(app(environ, capture))
        status, headers, body = change(captured["status"], captured["headers"], body, environ)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        if environ["REQUEST_METHOD"] != "HEAD" or body:
            headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]

    return middleware


def rewrite_request(app, change: Callable[[dict], None]):
    """A middleware that lets ``change(environ)`` alter each request before the app sees it."""

    def middleware(environ, start_response):
        change(environ)
        return app(environ, start_response)

    return middleware
