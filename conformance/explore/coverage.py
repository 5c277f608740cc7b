"""Which requirements already cover a difference.

A requirement covers a difference when it fails against the implementation and its check is
about the same thing: it is the check whose own requests the difference came from (a seed, as
sent or mutated); or its reproducer sent the same method to the same path, or to a path the
reference routes to the same rule; or the last request of its reproducer, sent to both apps,
shows the same difference (the same aspects, with the same two statuses where they differ; an
error page's media type, body, length and other fields left out), which is how a framework-wide behaviour met in one chapter (an
``Allow`` field, a 404 for a 405) is matched to the requirement of another chapter about it. A
requirement the implementation declares a gap (an API it lacks) covers like a failing one. Finding the failing requirements takes one supervised
spec run of the explored chapters against the implementation (the implementation is untrusted
code there, as in ``flask-conformance run``).
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence, Set

from ..client import Request
from .model import Case, Difference, send
from .quiet import silenced
from .rules import same_rule

FAILING = ("fail", "error", "timeout")


def failing_records(implementation, chapters: Sequence[str]) -> List[dict]:
    """The records of ``chapters``' requirements that fail against ``implementation``, or that
    it declares a gap (an API it lacks: the difference is known)."""
    from .. import api

    with silenced():
        document = api.run(implementation, requirements=[f"{chapter}.*" for chapter in chapters])
    return [r for r in document.get("requirements", []) if r.get("outcome") in FAILING or r.get("gap")]


#: Aspects left out of a signature when either answer is an error status (but for HEAD, whose
#: answer has no body at any status): error pages are not specified beyond their status and the
#: fields a requirement names, so their media types and bodies differ everywhere.
ERROR_PAGE_ASPECTS = {"content-type", "body", "content-length", "headers"}


def signature_of(reference_status, implementation_status, aspects, method: str) -> Optional[tuple]:
    """What a difference looks like from outside: both statuses and the aspects. An app that
    raises instead of answering is that, whatever the other side answered."""
    if "error" in aspects:
        return ("error", reference_status is None, implementation_status is None)
    if max(reference_status or 0, implementation_status or 0) >= 400 and method != "HEAD":
        aspects = [a for a in aspects if a not in ERROR_PAGE_ASPECTS]
    if reference_status == implementation_status:  # the same aspects of any agreed status
        return ("same status", tuple(aspects)) if aspects else None  # only an error page's form: no match
    return (reference_status, implementation_status, tuple(aspects))


def signature(difference: Difference) -> Optional[tuple]:
    return signature_of(difference.reference.status, difference.implementation.status, difference.aspects,
                        difference.request.method)


def signatures(records: Iterable[dict], implementation, reference, exact: bool) -> Dict[str, Set[tuple]]:
    """Per failing record, the signature its reproducer's last request shows between the apps."""
    from .sides import Side, first_difference

    sides: Dict[str, tuple] = {}
    found: Dict[str, Set[tuple]] = {}
    for record in records:
        exchanges = (record.get("reproducer") or {}).get("exchanges") or []
        if not exchanges or not exchanges[-1].get("sent"):
            continue
        chapter = record["chapter"]
        if chapter not in sides:
            sides[chapter] = (Side(reference.build_app(chapter)), Side(implementation.build_app(chapter)))
        request = Request.from_dict(exchanges[-1]["sent"])
        hit = first_difference(Case((send(request),)), *sides[chapter], exact)
        if hit is not None:
            shown = signature_of(hit[2].status, hit[3].status, hit[1], request.method)
            if shown is not None:
                found.setdefault(record["id"], set()).add(shown)
    return found


def covering(difference: Difference, records: Iterable[dict], shown: Dict[str, Set[tuple]]) -> List[str]:
    """The IDs of the failing ``records`` that cover ``difference``."""
    covered = set()
    for record in records:
        if (_is_its_check(difference, record) or _same_request(difference, record)
                or (signature(difference) or "none") in shown.get(record["id"], ())):
            covered.add(record["id"])
    return sorted(covered)


def _is_its_check(difference: Difference, record: dict) -> bool:
    test = record.get("test") or (record.get("reproducer") or {}).get("test") or ""
    return bool(difference.origin) and test.rpartition("::")[2] == difference.origin.rpartition("::")[2]


def _same_request(difference: Difference, record: dict) -> bool:
    if record.get("chapter") != difference.chapter:
        return False
    for exchange in (record.get("reproducer") or {}).get("exchanges", []):
        sent = exchange.get("sent") or {}
        path = str(sent.get("target", "")).partition("?")[0]
        if sent.get("method") == difference.request.method and same_rule(difference.rule, difference.request.path, path):
            return True
    return False


def coverage(implementation, reference, found: Sequence[Difference], exact: bool = False) -> None:
    """Set ``covered_by`` on each of ``found``."""
    if not found:
        return
    chapters = list(dict.fromkeys(d.chapter for d in found))
    records = failing_records(implementation, chapters)
    shown = signatures(records, implementation, reference, exact)
    for difference in found:
        difference.covered_by = covering(difference, records, shown)
