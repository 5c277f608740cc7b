"""Hypothesis profiles for the spec's properties.

``flask-conformance-ci`` (the default in a run) is derandomized with a bounded number of examples
and no deadline, so runs are repeatable and never flaky on a slow machine;
``flask-conformance-thorough`` (``--conformance-thorough``, ``flask-conformance run --thorough``)
explores far more examples for the security-relevant properties.
"""

from hypothesis import HealthCheck, settings

CI = "flask-conformance-ci"
THOROUGH = "flask-conformance-thorough"

_COMMON = dict(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

settings.register_profile(CI, derandomize=True, max_examples=25, print_blob=False, **_COMMON)
settings.register_profile(THOROUGH, max_examples=1000, **_COMMON)


def load(thorough: bool) -> None:
    settings.load_profile(THOROUGH if thorough else CI)
