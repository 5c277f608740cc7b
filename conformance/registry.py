"""Finding an implementation by entry-point name or by ``package.module:attribute``."""

from __future__ import annotations

import importlib
import os
import sys
from importlib.metadata import entry_points
from typing import List

from packaging.version import InvalidVersion, Version

from .errors import LoadError
from .implementation import missing_attributes

#: Entry-point group through which installed packages register implementations.
GROUP = "flask_conformance.implementations"


def _entry_points():
    if sys.version_info >= (3, 10):
        group = entry_points(group=GROUP)
    else:  # Python 3.9's entry_points() takes no selection: a dict of groups
        group = entry_points().get(GROUP, ())
    return {ep.name: ep for ep in group}


def available() -> List[str]:
    """Names of the implementations registered through the entry-point group."""
    return sorted(_entry_points())


def _importable_from_the_working_directory() -> None:
    """Let ``--impl module:attribute`` name a module in the current directory, as ``python -m``
    and WSGI servers do; a console script does not put the directory on the path itself."""
    cwd = os.getcwd()
    if cwd not in sys.path and "" not in sys.path:
        sys.path.insert(0, cwd)


def load(spec: str):
    """Load the implementation ``spec`` names; raise LoadError with a one-line reason.

    The target may be an implementation object, or a class or function returning one.
    """
    if ":" in spec:
        module_name, _, attribute = spec.partition(":")
        _importable_from_the_working_directory()
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            hint = ""
            if isinstance(exc, ModuleNotFoundError) and exc.name == module_name.partition(".")[0]:
                hint = (f" (run from the directory that holds {exc.name!r}, or add that directory to "
                        "PYTHONPATH)")
            raise LoadError(f"implementation {spec!r} could not be imported: {_one_line(exc, name=False)}{hint}") from exc
        except (Exception, SystemExit) as exc:  # its own code failed while importing: still untrusted input
            raise LoadError(f"implementation {spec!r} could not be imported: {_one_line(exc)}") from exc
        try:
            target = getattr(module, attribute)
        except AttributeError as exc:
            raise LoadError(f"implementation {spec!r}: module {module_name!r} has no attribute {attribute!r}") from exc
    else:
        found = _entry_points().get(spec)
        if found is None:
            names = ", ".join(available()) or "none"
            raise LoadError(
                f"no implementation named {spec!r} (registered: {names}); "
                "use an entry point name or package.module:attribute"
            )
        try:
            target = found.load()
        except (Exception, SystemExit) as exc:
            raise LoadError(f"implementation {spec!r} could not be imported: {_one_line(exc)}") from exc
    if missing_attributes(target) and callable(target):
        try:
            target = target()
        except LoadError:
            raise
        except (Exception, SystemExit) as exc:
            raise LoadError(f"implementation {spec!r} could not be constructed: {_one_line(exc)}") from exc
    return check(target, spec)


def check(impl, spec: str):
    """Validate an implementation object against the protocol."""
    missing = missing_attributes(impl)
    if missing:
        raise LoadError(f"implementation {spec!r} is missing {', '.join(missing)} (see flask_conformance.Implementation)")
    try:
        Version(impl.flask_api)
    except (InvalidVersion, TypeError) as exc:
        raise LoadError(f"implementation {spec!r}: flask_api {impl.flask_api!r} is not a version") from exc
    return impl


def _one_line(exc: BaseException, name: bool = True) -> str:
    """The first line of the exception's message, after its type unless ``name`` is false."""
    text = str(exc).strip().splitlines()
    if not name and text:
        return text[0]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
