"""Explore runs against the shipped non-Flask implementations and finds what docs/explore.rst says.

A small budget on one chapter each, without coverage (a spec run per implementation would double
the time): enough to prove the implementation loads, both sides answer, the report validates, and
a difference the docs list for it is found again.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from flask_conformance import cli, explore, registry

SCHEMA = Path(cli.__file__).resolve().parent / "schema" / "explore.schema.json"

#: (implementation, module it needs, chapter, a request the docs list as differing there): each
#: one a spec check's own request (a seed), which every run replays whatever the budget
FOUND = [
    ("quart", "quart", "escaping", ("GET", "/redirect?value=")),
    ("bottle", "bottle", "errors", ("GET", "/redirect/unsafe")),
    ("microdot", "microdot", "methods", ("POST", "/handled/tuple")),
]


@pytest.mark.parametrize("name, module, chapter, request_start", FOUND, ids=[f[0] for f in FOUND])
def test_explore_finds_the_documented_difference(name, module, chapter, request_start):
    pytest.importorskip(module)
    document = explore.explore(registry.load(name), explore.load_reference(), [chapter],
                               explore.Budget(examples=20), covering=False)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(document)
    method, target = request_start
    sent = [(d["request"]["method"], d["request"]["target"]) for d in document["differences"]]
    assert any(m == method and t.startswith(target) for m, t in sent), sent
    documented = (Path(__file__).resolve().parents[1] / "docs" / "explore.rst").read_text(encoding="utf-8")
    assert f"{method} {target}" in documented
