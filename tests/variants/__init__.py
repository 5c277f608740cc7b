"""Equivalent variants: the reference with an output HTTP or HTML treats as the same must pass.

A mutant proves a requirement can fail; a variant proves it does not fail a correct
implementation for an accident of Flask's output. Each variant is the Flask reference with one
change that keeps the behaviour (``charset=UTF-8`` for ``charset=utf-8``, ``&quot;`` for
``&#34;``, ``httponly`` for ``HttpOnly``, ``%c3%a9`` for ``%C3%A9``...); the spec is run against
it and every requirement must pass except those named in ``fails``, which are about the exact
spelling (a SHOULD or MAY) or about the one thing the variant really changes.

Declare one with :func:`variant` in the module of its chapter (``tests/variants/<chapter>.py``);
``tests/test_variants.py`` runs the chapter against each.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import FrozenSet, List, Tuple

from tests.mutants import Mutant

VARIANTS: List[Tuple[Mutant, FrozenSet[str]]] = []


def variant(chapter, *, stage="wrap", fails=(), transport="wsgi"):
    """Register the decorated fault as an equivalent variant of the reference (see Mutant)."""
    def register(fault):
        VARIANTS.append((Mutant(chapter=chapter, kills=(), fault=fault, stage=stage, transport=transport,
                                name=f"variant:{chapter}:{fault.__name__}"), frozenset(fails)))
        return fault
    return register


def load_all() -> List[Tuple[Mutant, FrozenSet[str]]]:
    """Import every variant module once and return the registered variants."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return VARIANTS


def rewrite_header(app, name, change):
    """A middleware passing every value of the response header ``name`` through ``change``; the
    body streams through untouched."""
    def middleware(environ, start_response):
        def respelled(status, headers, exc_info=None):
            headers = [(k, change(v) if k.lower() == name else v) for k, v in headers]
            return start_response(status, headers, exc_info)
        return app(environ, respelled)
    return middleware
