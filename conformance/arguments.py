"""Checks on the suite's own option values, shared by the CLI and the pytest plugin.

A bad value must stop the run with a usage error before anything runs: a negative, zero, NaN or
infinite timeout would otherwise make every requirement time out (or never time out) and the
verdict would blame the implementation for the suite's own input.
"""

from __future__ import annotations

import argparse
import math

#: The longest per-request timeout accepted: long enough to debug a slow view, short enough that
#: every clock and socket the transports use can wait that long.
MAX_TIMEOUT = 3600.0

TIMEOUT_RANGE = f"a number of seconds greater than 0 and at most {MAX_TIMEOUT:g}"


def timeout(text: str) -> float:
    """Parse a per-request timeout; raise ArgumentTypeError (a one-line usage error) when out of range."""
    try:
        seconds = float(text)
    except (TypeError, ValueError):
        raise argparse.ArgumentTypeError(f"{text!r} is not {TIMEOUT_RANGE}") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text!r} is not {TIMEOUT_RANGE}")
    return seconds
