"""Damage the implementation did to the process it runs in, noted where it is seen.

An app that closes the standard streams or leaves a thread stuck inside itself has changed the
process every later requirement would run in. The transports note such damage here; a supervised
worker names it on the requirement that caused it and hands the rest of the run to a fresh worker,
so the damage never reaches the next requirement.
"""

from __future__ import annotations

import sys
from typing import List, Optional, Tuple

_blamed: List[str] = []
_spoiled: List[str] = []

STREAMS = ("stdin", "stdout", "stderr")


def reset() -> None:
    """Forget damage noted before this process became a worker (it was forked from another)."""
    _blamed.clear()
    _spoiled.clear()


def note(reason: str, *, blame: bool = True) -> None:
    """Record damage. ``blame``: the requirement in flight gets this reason as its error;
    otherwise (it already has an outcome naming the fault) the process is only retired."""
    (_blamed if blame else _spoiled).append(reason)


def streams() -> Tuple:
    """The standard streams that are open now (None for the others)."""
    found = (getattr(sys, name, None) for name in STREAMS)
    return tuple(None if s is None or getattr(s, "closed", False) else s for s in found)


def check_streams(before: Tuple, what: str) -> None:
    """Note each standard stream that was open in ``before`` and is closed now."""
    prefix = f"{what}: " if what else ""
    for name, stream in zip(STREAMS, before):
        if getattr(stream, "closed", False):
            note(f"{prefix}the app closed sys.{name}")


def take_blame() -> Optional[str]:
    """The first damage to blame on the requirement in flight, once."""
    if not _blamed:
        return None
    reason = _blamed[0]
    _spoiled.extend(_blamed)
    _blamed.clear()
    return reason


def damaged() -> Optional[str]:
    """Why this process should run no further requirement, if it should not."""
    return (_blamed or _spoiled or [None])[0]
