"""Sending a case to both apps, in-process, and finding the first request they answer differently.

Each side is the chapter app behind the ``wsgi`` transport, the one the spec's checks use: WebTest
with its WSGI lint, the guard bounding bodies, and the per-request deadline that unwinds a view
which hangs (``TIMEOUT`` seconds). Every case starts from a fresh session, so cookies travel
only between the steps of one case.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from typing import Dict, List, Optional, Tuple

from ..client import Client, Headers, Request
from ..errors import ImplementationError
from ..transports.base import Breaker
from .compare import differences
from .model import TOKEN, Answer, Case

#: Seconds a request may take on either side before it counts as an error answer.
TIMEOUT = 10.0


class Side:
    """One chapter app behind the wsgi transport."""

    def __init__(self, app, timeout: float = TIMEOUT):
        from ..transports.wsgi import WSGITransport

        self.transport = WSGITransport(app, timeout=timeout)
        # an app that stops answering costs three deadlines, not one per request
        self.breaker = Breaker()

    def client(self) -> Client:
        """A client of a fresh session: its own cookie jar, set and cleared as the spec's checks do."""
        return Client(self.breaker.wrap(self.transport.session()), "wsgi")

    @staticmethod
    def send(client: Client, request: Request) -> Answer:
        try:
            response = client.send(request)
        except ImplementationError as exc:
            text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return Answer(None, Headers(), b"", text, time.time())
        return Answer(response.status, response.headers, response.body, received=time.time())


def _fresh_tokens(request: Request, tokens: Dict[str, str]) -> Request:
    """``request`` with each token replaced by this replay's own: apps built from one fixture
    module share its records, and a replay must not read what another one left there."""
    def fresh(match):
        return tokens.setdefault(match.group(0), uuid.uuid4().hex)
    target = TOKEN.sub(fresh, request.target)
    return request if target == request.target else replace(request, target=target)


def replay(case: Case, side: Side) -> List[Optional[Answer]]:
    """Send ``case`` to ``side`` from a fresh session: an answer per step (None for cookie steps)."""
    client, tokens, answers = side.client(), {}, []
    for step in case.steps:
        if step.kind == "send":
            answers.append(Side.send(client, _fresh_tokens(step.request, tokens)))
        else:
            if step.kind == "set-cookie":
                client.set_cookie(step.name, step.value)
            else:
                client.delete_cookie(step.name)
            answers.append(None)
    return answers


Found = Tuple[int, List[str], Answer, Answer]


def first_difference(case: Case, reference: Side, implementation: Side, exact: bool = False) -> Optional[Found]:
    """Send ``case`` to each side in turn; the first request answered differently (its index
    among the steps, the aspects, both answers), or None when every answer is equivalent.
    The sides take the whole case one after the other, not step by step, so neither sees the
    other's requests in state their apps share."""
    ref_answers, imp_answers = replay(case, reference), replay(case, implementation)
    for index, (step, ref, imp) in enumerate(zip(case.steps, ref_answers, imp_answers)):
        if step.kind == "send":
            found = differences(step.request, ref, imp, exact)
            if found:
                return index, found, ref, imp
    return None
