"""The reference (the installed Flask) passes every requirement on both transports."""

import pytest

from flask_conformance import api, registry


@pytest.fixture(scope="module")
def reference_results():
    return api.run(registry.load("flask"), transport="both")


def test_reference_passes_everything(reference_results):
    from flask_conformance import catalog

    profile = reference_results["implementation"]["profile"]
    by_id = {r.id: r for r in catalog.requirements()}

    packages = reference_results["implementation"]["packages"]

    def excused(record):
        """Not applicable is right only outside the profile, outside the releases of the package
        that decides it, or off the requirement's transports."""
        requirement = by_id[record["id"]]
        return record["outcome"] == "not-applicable" and (
            not requirement.applies_to(profile) or requirement.admitted_by(packages) is not None
            or record["transport"] not in requirement.transports)

    bad = [f"{r['id']} [{r['transport']}]: {r['outcome']}: {r['message']}"
           for r in reference_results["requirements"] if r["outcome"] != "pass" and not excused(r)]
    assert not bad, "\n".join(bad)
    assert reference_results["exit_status"] == 0


def test_reference_runs_every_requirement(reference_results):
    from flask_conformance import catalog

    ran = {(r["id"], r["transport"]) for r in reference_results["requirements"]}
    expected = {(r.id, t) for r in catalog.requirements() for t in ("wsgi", "http")}
    assert ran == expected


def test_no_transport_disagreements(reference_results):
    assert reference_results["disagreements"] == []


def test_two_runs_give_identical_outcomes(reference_results):
    """Determinism: the derandomized Hypothesis profile and fixed fixtures make runs repeatable."""
    again = api.run(registry.load("flask"), transport="both")

    def outcomes(document):
        return sorted((r["id"], r["transport"], r["outcome"], r["message"]) for r in document["requirements"])

    assert outcomes(again) == outcomes(reference_results)
