"""Declared gaps: a requirement needing an API the implementation says it lacks is not applicable,
with the gap named, counted apart, never a pass."""

from dataclasses import replace

import pytest

from flask_conformance import MUST, catalog, requirement
from flask_conformance.capabilities import CAPABILITIES, GAP_PREFIX
from flask_conformance.errors import LoadError
from flask_conformance.requirements import RequirementError
from flask_conformance.results import Record
from flask_conformance.run import ConformanceRun


class Lacking:
    name, version, flask_api = "lacking", "1.0", "3.1"

    def __init__(self, lacks):
        self.lacks = lacks

    def build_app(self, chapter):
        return None


def _needing(capability):
    return replace(catalog.requirements()[0], needs=(capability,))


def test_a_needed_capability_the_implementation_lacks_is_a_declared_gap():
    run = ConformanceRun(implementation=Lacking({"view-attributes"}))
    reason = run.not_applicable_reason(_needing("view-attributes"), "wsgi")
    assert reason.startswith(GAP_PREFIX) and "lacks view-attributes" in reason
    assert run.not_applicable_reason(_needing("jsonify"), "wsgi") is None


def test_gaps_are_recorded_and_counted_apart(monkeypatch):
    run = ConformanceRun(implementation=Lacking({"view-attributes"}))
    first = catalog.requirements()[0]
    record = Record(id=first.id, chapter=first.chapter, level="MUST", transport="wsgi", since="0.12",
                    until=None, outcome="not-applicable",
                    message=run.not_applicable_reason(_needing("view-attributes"), "wsgi"))
    run.records[(first.id, "wsgi")] = record
    patched = [_needing("view-attributes")] + catalog.requirements()[1:]
    monkeypatch.setattr(catalog, "requirements", lambda: patched)
    run.finish()
    assert record.gap == "view-attributes"
    assert run.gaps() == {"view-attributes": 1}
    assert record.as_dict()["gap"] == "view-attributes"


def test_an_unknown_capability_is_an_error_on_both_sides():
    with pytest.raises(LoadError, match="unknown capability 'teleport'"):
        ConformanceRun(implementation=Lacking({"teleport"})).not_applicable_reason(_needing("jsonify"), "wsgi")
    with pytest.raises(RequirementError, match="unknown capability"):
        requirement("demo.x", MUST, since="1.0", source="flask:api", needs=("teleport",))


def test_every_capability_says_what_it_means():
    assert all(len(text) > 20 for text in CAPABILITIES.values())
