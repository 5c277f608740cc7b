"""Making a difference as small as it can be while it stays the same difference.

Greedy and deterministic: drop each step before the differing request, then each of its header
fields, its query, its body, and try shorter path segments, keeping every change after which the
same request still differs in the same aspects. What is left is the smallest case a reader needs
to see the difference: often one request, or the two requests a cookie needs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator, List

from ..client import Request
from .model import Case, Step, send

#: Replacements tried for a long path segment, shortest first.
SHORTER_SEGMENTS = ("", "a", "0", "1")


def shrink(case: Case, keeps: Callable[[Case], bool]) -> Case:
    """The smallest case found from ``case`` (whose last step is the differing request) for which
    ``keeps`` still holds."""
    steps: List[Step] = list(case.steps)
    index = 0
    while index < len(steps) - 1:  # the steps before the request
        candidate = steps[:index] + steps[index + 1:]
        if keeps(replace(case, steps=tuple(candidate))):
            steps = candidate
        else:
            index += 1
    request = steps[-1].request
    for simpler in _simpler(request):
        trial = replace(case, steps=tuple(steps[:-1]) + (send(simpler(request)),))
        changed = trial.steps[-1].request
        if changed != request and keeps(trial):
            request = changed
    return replace(case, steps=tuple(steps[:-1]) + (send(request),))


def _simpler(request: Request) -> Iterator[Callable[[Request], Request]]:
    """Changes that make a request simpler, each applied to the request as it is by then."""
    for position in reversed(range(len(request.headers))):
        yield lambda r, p=position: _without_header(r, p)
    yield lambda r: replace(r, target=r.path)
    yield lambda r: replace(r, body=b"") if r.body else r
    for position in range(1, request.path.count("/") + 1):
        for segment in SHORTER_SEGMENTS:
            yield lambda r, p=position, s=segment: _shorter_segment(r, p, s)


def _without_header(request: Request, position: int) -> Request:
    if position >= len(request.headers):
        return request
    return replace(request, headers=request.headers[:position] + request.headers[position + 1:])


def _shorter_segment(request: Request, position: int, segment: str) -> Request:
    path, sep, query = request.target.partition("?")
    parts = path.split("/")
    if position >= len(parts) or len(parts[position]) <= len(segment):
        return request
    parts[position] = segment
    return replace(request, target="/".join(parts) + sep + query)
