"""The spec's requirements, read from the spec package without running pytest."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Dict, List

from .requirements import Requirement, declared

SPEC_PACKAGE = "flask_conformance.spec"


def chapter_names() -> List[str]:
    """Chapters in reading order: those the spec lists first, then any others by name."""
    spec = importlib.import_module(SPEC_PACKAGE)
    present = {m.name for m in pkgutil.iter_modules(spec.__path__) if not m.name.startswith("_")}
    ordered = [c for c in spec.CHAPTERS if c in present]
    return ordered + sorted(present - set(ordered))


def chapter_module(name: str):
    return importlib.import_module(f"{SPEC_PACKAGE}.{name}")


def chapter_requirements(name: str) -> List[Requirement]:
    module = chapter_module(name)
    functions = [f for f in vars(module).values() if callable(f) and declared(f)]
    functions.sort(key=lambda f: inspect.unwrap(f).__code__.co_firstlineno)
    return [member for f in functions for member in declared(f)]


def requirements() -> List[Requirement]:
    """Every requirement, chapter by chapter, in the order the chapters declare them."""
    return [r for name in chapter_names() for r in chapter_requirements(name)]


def retired() -> Dict[str, str]:
    """IDs the spec no longer has, each with what became of it.

    A chapter lists them in a module-level ``RETIRED`` mapping (ID -> "split into ...: why"),
    because IDs are never reused and expectation files and links name them.
    """
    found: Dict[str, str] = {}
    for name in chapter_names():
        found.update(getattr(chapter_module(name), "RETIRED", {}))
    return found
