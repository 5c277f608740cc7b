"""What explore sends and what it finds: steps, cases, answers and differences, with their JSON.

A *case* is a short sequence of steps sent to one fresh client session (its own cookie jar) on
each side: requests, and the cookies a spec check put in its jar by hand (a tampered session
cookie, say). Sequences, not single requests, because sessions and flashing only show up across
requests: what one response sets, the next request sends back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from ..client import Headers, Request

#: Where a case came from: the corpus, a spec check's own requests (as sent, or mutated), or
#: requests generated from the fixture's URL rules.
SOURCES = ("corpus", "seed", "mutated-seed", "generated")
NOT_COVERED = "not covered by any requirement"
#: The rule named for a request the reference routes to no rule.
ANY_PATH = "(any path)"
BODY_EXCERPT = 300
#: A token a check puts in a query to name its own record in the app (32 hex digits).
TOKEN = re.compile(r"\b[0-9a-f]{32}\b")


@dataclass(frozen=True)
class Step:
    """One step of a case: ``send`` a request, or put (``set-cookie``) or remove
    (``delete-cookie``) a cookie in the jar before the next request."""

    kind: str
    request: Optional[Request] = None
    name: str = ""
    value: str = ""

    def as_dict(self) -> dict:
        if self.kind == "send":
            return {"send": self.request.as_dict()}
        if self.kind == "set-cookie":
            return {"set_cookie": [self.name, self.value]}
        return {"delete_cookie": self.name}

    @classmethod
    def from_dict(cls, data: dict) -> "Step":
        if "send" in data:
            return cls("send", Request.from_dict(data["send"]))
        if "set_cookie" in data:
            name, value = data["set_cookie"]
            return cls("set-cookie", name=str(name), value=str(value))
        return cls("delete-cookie", name=str(data["delete_cookie"]))


def send(request: Request) -> Step:
    return Step("send", request)


@dataclass(frozen=True)
class Case:
    """Steps sent in order to one fresh session per side; ``origin`` names the spec check a seed
    came from (its pytest node ID), empty for generated cases."""

    steps: Tuple[Step, ...]
    source: str = "generated"
    origin: str = ""

    @property
    def requests(self) -> List[Request]:
        return [step.request for step in self.steps if step.kind == "send"]

    def key(self) -> tuple:
        """Identity for de-duplication: what is sent, not where it came from."""
        return tuple(repr(step) for step in self.steps)


@dataclass
class Answer:
    """A response, or the error the implementation raised instead of answering; ``received`` is
    when it arrived (POSIX time), so cookie lifetimes compare as user agents compute them."""

    status: Optional[int]
    headers: Headers
    body: bytes
    error: Optional[str] = None
    received: float = 0.0

    def as_dict(self) -> dict:
        excerpt = self.body[:BODY_EXCERPT].decode("utf-8", "replace")
        return {"status": self.status, "headers": [list(h) for h in self.headers], "body": excerpt,
                "body_length": len(self.body), "error": self.error}


@dataclass
class Difference:
    """The first request of a case whose two answers differ, with the steps sent before it."""

    chapter: str
    rule: str
    aspects: List[str]
    request: Request
    reference: Answer
    implementation: Answer
    before: List[Step] = field(default_factory=list)
    source: str = "generated"
    origin: str = ""
    covered_by: List[str] = field(default_factory=list)

    def kind(self) -> tuple:
        """What makes two differences the same finding: the rule and the aspects."""
        return (self.rule, tuple(self.aspects))

    def case(self) -> Case:
        """The case that shows this difference: the steps before it, then its request."""
        return Case(tuple(self.before) + (send(self.request),), self.source, self.origin)

    def as_dict(self) -> dict:
        return {"chapter": self.chapter, "rule": self.rule, "aspects": self.aspects,
                "request": self.request.as_dict(), "before": [s.as_dict() for s in self.before],
                "source": self.source, "origin": self.origin,
                "reference": self.reference.as_dict(), "implementation": self.implementation.as_dict(),
                "covered_by": self.covered_by}
