"""Every equivalent variant (``tests/variants``) passes all but the requirements it names."""

import pytest

from flask_conformance import api
from tests.variants import load_all

VARIANTS = load_all()


@pytest.mark.parametrize("entry", VARIANTS, ids=[v.name for v, _ in VARIANTS])
def test_equivalent_variant_passes(entry):
    impl, fails = entry
    document = api.run(impl, transport=impl.transport, requirements=[f"{impl.chapter}.*"])
    records = document["requirements"]
    assert records, f"no requirement of {impl.chapter} ran"
    failed = {r["id"] for r in records if r["outcome"] not in ("pass", "not-applicable")}
    wrong = [f"{r['id']} [{r['transport']}]: {r['outcome']}: {r['message']}"
             for r in records if r["outcome"] not in ("pass", "not-applicable") and r["id"] not in fails]
    assert not wrong, "an equivalent output failed:\n" + "\n".join(wrong)
    assert failed == fails, f"expected exactly {sorted(fails)} to fail, these did: {sorted(failed)}"
