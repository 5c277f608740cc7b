"""APIFlask: a Flask subclass, checked through the Flask fixture with its own app class."""

from __future__ import annotations

from importlib.metadata import version

from ..errors import LoadError
from .flask import FlaskFamily


def load() -> FlaskFamily:
    try:
        from apiflask import APIFlask
    except ImportError as exc:
        raise LoadError(f"implementation 'apiflask' needs APIFlask installed ({exc}); pip install apiflask") from exc
    flask_version = version("flask")
    return FlaskFamily("apiflask", version("apiflask"), flask_version, lambda name: APIFlask(name))
