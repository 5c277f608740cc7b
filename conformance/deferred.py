"""Deferred checks: requirements that must let the clock run, without holding up the run.

Some behaviour can only be observed across whole seconds of the real clock (a cookie's expiry is
pushed forward, a signature grows too old): the check sends its first requests, waits, then sends
the rest. Written as a generator decorated with :func:`deferred`, such a check yields the moment
(``time.time()``) it may go on from::

    @requirement("sessions.permanent.server-expiry", MUST, ...)
    @deferred
    def test_server_expiry(client):
        cookie = ...                              # first steps: mint the cookie
        yield past_second(time.time(), seconds=2)
        assert ...                                # the check, two seconds later or more

In a serial run the plugin starts every deferred check first, each in an item of its own
(``<test>@start``, no requirement of its own), and finishes it last, in the requirement's own
test: the wait overlaps the rest of the run instead of blocking it. Anywhere else (a pytest-xdist
worker, a test selected alone, a worker restarted after its start) the check runs in one go,
sleeping until each moment. Either way the app is the real one and the clock the real clock.
"""

from __future__ import annotations

import functools
import time
from typing import Callable, Generator, Optional

#: The attribute of a deferred check's plain function holding its generator function.
ATTRIBUTE = "flask_conformance_deferred"

Steps = Generator[float, None, None]


def deferred(check: Callable[..., Steps]) -> Callable[..., None]:
    """Make a generator check a plain test that pytest runs in one go; the plugin may split it."""

    @functools.wraps(check)
    def in_one_go(*args, **kwargs):
        steps = check(*args, **kwargs)
        moment = start(steps)
        if moment is not None:
            finish(steps, moment)

    setattr(in_one_go, ATTRIBUTE, check)
    return in_one_go


def steps_of(func) -> Optional[Callable[..., Steps]]:
    """The generator function of a deferred check, or None for any other function."""
    return getattr(func, ATTRIBUTE, None)


def past_second(timestamp: float, seconds: int = 1, margin: float = 0.02) -> float:
    """The moment ``margin`` past the ``seconds``-th whole second after ``timestamp``.

    Cookie dates and signature timestamps have whole seconds: waiting for the boundary, not a
    fixed time, keeps the wait as short as the check allows.
    """
    return int(timestamp) + seconds + margin


def start(steps: Steps) -> Optional[float]:
    """Run the first steps: the moment to go on from, or None when the check already ended."""
    try:
        return next(steps)
    except StopIteration:
        return None


def finish(steps: Steps, moment: float) -> None:
    """Run the remaining steps, waiting for each moment the check yields."""
    while True:
        remaining = moment - time.time()
        if remaining > 0:
            time.sleep(remaining)
        try:
            moment = next(steps)
        except StopIteration:
            return
