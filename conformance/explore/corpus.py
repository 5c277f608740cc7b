"""The corpus: differences found by earlier runs, kept in a file and replayed first.

A CI job that explores with ``--corpus FILE`` replays every case in the file before generating
anything, in the file's order, so what was found once is checked again on every run, exactly and
at once, whatever the budget; each new kind of difference is appended. The file is JSON
(schema ``flask_conformance/schema/explore-corpus.schema.json``)::

    {"schema": "flask-conformance/explore-corpus/1",
     "cases": [{"chapter": "routing", "rule": "/about", "aspects": ["status"],
                "found_in": "bottle 0.13.4", "steps": [{"send": {"method": "GET", "target": "/ABOUT", "headers": []}}]}]}

``steps`` are sent in order to one fresh session: ``{"send": request}`` (a request as the results'
``request`` field writes it), ``{"set_cookie": [name, value]}`` and ``{"delete_cookie": name}``.
"""

from __future__ import annotations

import json
import os
from typing import Dict, List, Sequence

from ..errors import UsageError
from .model import Case, Difference, Step

SCHEMA_ID = "flask-conformance/explore-corpus/1"


def load(path: str) -> Dict[str, List[Case]]:
    """The corpus' cases by chapter; an absent file is an empty corpus, a malformed one a usage
    error naming it."""
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("schema") != SCHEMA_ID:
            raise ValueError(f"not an explore corpus (schema {document.get('schema')!r})")
        cases: Dict[str, List[Case]] = {}
        for entry in document["cases"]:
            steps = tuple(Step.from_dict(step) for step in entry["steps"])
            cases.setdefault(entry["chapter"], []).append(Case(steps, "corpus", entry.get("origin", "")))
        return cases
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path}: not a readable explore corpus ({exc})") from None


def append(path: str, found: Sequence[Difference], found_in: str) -> int:
    """Add each difference whose case the corpus does not hold yet; how many were added."""
    document = {"schema": SCHEMA_ID, "cases": []}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    known = {json.dumps([entry["chapter"], entry["steps"]], sort_keys=True) for entry in document["cases"]}
    added = 0
    for difference in found:
        steps = [step.as_dict() for step in difference.case().steps]
        key = json.dumps([difference.chapter, steps], sort_keys=True)
        if key in known:
            continue
        known.add(key)
        document["cases"].append({"chapter": difference.chapter, "rule": difference.rule,
                                  "aspects": difference.aspects, "found_in": found_in,
                                  "origin": difference.origin, "steps": steps})
        added += 1
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
        handle.write("\n")
    return added
