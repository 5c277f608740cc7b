"""Requirements bounded by the releases of the package that decides them, and known defects."""

import pytest

from flask_conformance import Defect, MUST, api, requirement
from flask_conformance.requirements import RequirementError
from tests.mutants import load_all


def _declare(**kwargs):
    @requirement("demo.thing", MUST, since="1.0", source="flask:api", **kwargs)
    def check():
        """A demo."""
    return check.__requirements__.members[0]


def test_a_package_bound_admits_only_its_releases():
    req = _declare(packages={"werkzeug": ">=2.2"})
    assert req.admitted_by({"werkzeug": "2.2.0"}) is None
    assert req.admitted_by({"werkzeug": "2.1.2"}).package == "werkzeug"


def test_several_ranges_are_a_union():
    req = _declare(packages={"werkzeug": (">=2.2.5,<2.3", ">=2.3.2")})
    assert req.admitted_by({"werkzeug": "2.2.5"}) is None
    assert req.admitted_by({"werkzeug": "2.3.1"}) is not None
    assert req.admitted_by({"werkzeug": "3.0.0"}) is None


def test_an_unreported_package_is_judged_at_its_newest_release():
    assert _declare(packages={"werkzeug": ">=2.2"}).admitted_by({}) is None
    assert _declare(packages={"werkzeug": "<2.2"}).admitted_by({}) is not None


def test_flask_is_bounded_by_the_profile_not_by_packages():
    with pytest.raises(RequirementError, match="since and until"):
        _declare(packages={"flask": ">=2"})


def test_a_defect_names_only_the_releases_it_affects():
    defect = Defect("werkzeug", ">=3.1.0,<3.1.7 or <1.0", fixed="3.1.7",
                    link="https://github.com/pallets/werkzeug/issues/3121", what="merges pairs only")
    req = _declare(defects=[defect])
    assert req.defect_in({"werkzeug": "3.1.6"}) is defect
    assert req.defect_in({"werkzeug": "0.16.1"}) is defect
    assert req.defect_in({"werkzeug": "3.1.7"}) is None
    assert req.defect_in({}) is None
    assert "fixed in 3.1.7" in defect.describe({"werkzeug": "3.1.6"})


def _mutant_killing_must():
    from flask_conformance import catalog

    by_id = {r.id: r for r in catalog.requirements()}
    for mutant in load_all():
        ids = [i for i in mutant.kills if by_id[i].level == MUST and not by_id[i].packages]
        if ids and mutant.transport == "wsgi":
            return mutant, ids[0], by_id[ids[0]]
    pytest.fail("no mutant kills a MUST requirement")


def test_run_records_packages_and_names_a_known_defect(monkeypatch):
    mutant, rid, req = _mutant_killing_must()
    defect = Defect("werkzeug", "<99999", fixed="99999", link="https://example.org/issue/1", what="breaks it")
    monkeypatch.setattr(type(req), "defect_in", lambda self, packages: defect if self.id == rid else None)
    document = api.run(mutant, requirements=[rid])
    assert document["implementation"]["packages"]["werkzeug"]
    record = next(r for r in document["requirements"] if r["id"] == rid)
    assert record["outcome"] == "fail"
    assert "known upstream defect of werkzeug <99999" in record["message"]
    assert record["defect"]["link"] == "https://example.org/issue/1"


def test_a_requirement_outside_the_reported_package_range_is_not_applicable(monkeypatch):
    mutant, rid, req = _mutant_killing_must()
    monkeypatch.setattr(mutant, "packages", {"werkzeug": "0.1"})
    monkeypatch.setattr(type(req), "admitted_by",
                        lambda self, packages: _declare(packages={"werkzeug": ">=1"}).packages[0]
                        if self.id == rid and packages.get("werkzeug") == "0.1" else None)
    document = api.run(mutant, requirements=[rid])
    record = next(r for r in document["requirements"] if r["id"] == rid)
    assert record["outcome"] == "not-applicable"
    assert "werkzeug >=1" in record["message"] and "werkzeug 0.1" in record["message"]


def test_a_defect_of_some_members_of_a_family_stays_with_them():
    defect = Defect("werkzeug", "==2.2.0", fixed="2.2.1", link="https://example.org/1", what="x", cases=("b",))

    @requirement("demo.family", MUST, since="1.0", source="flask:api", defects=[defect], cases={"a": 1, "b": 2})
    def check(case):
        """A demo family."""
    members = {m.case: m for m in check.__requirements__.members}
    assert members["a"].defect_in({"werkzeug": "2.2.0"}) is None
    assert members["b"].defect_in({"werkzeug": "2.2.0"}) is defect
