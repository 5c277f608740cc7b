"""Hypothesis profiles for the spec's properties.

``flask-conformance-ci`` (the default in a run) is derandomized with a bounded number of examples
and no deadline, so runs are repeatable and never flaky on a slow machine;
``flask-conformance-thorough`` (``--conformance-thorough``, ``flask-conformance run --thorough``)
explores far more examples for the security-relevant properties.
"""

import os
from pathlib import Path

CI = "flask-conformance-ci"
THOROUGH = "flask-conformance-thorough"


def _profiles():
    """Hypothesis' settings with the suite's profiles registered: imported only once a property
    is collected, so a run (or a pytest session) without properties never loads Hypothesis."""
    from hypothesis import HealthCheck, settings

    if not getattr(_profiles, "registered", False):
        common = dict(deadline=None, database=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
        settings.register_profile(CI, derandomize=True, max_examples=25, print_blob=False, **common)
        settings.register_profile(THOROUGH, max_examples=1000, **common)
        _profiles.registered = True
    return settings


def apply(test, thorough: bool) -> None:
    """Run the Hypothesis property ``test`` under the suite's profile.

    ``@given`` captures the default settings when a chapter is imported, which may be long before
    a run starts (or in another run of the same process), so the profile is set on the test just
    before it runs. A property with its own ``@settings`` keeps them.
    """
    if not getattr(test, "is_hypothesis_test", False):
        return
    if getattr(test, "_hypothesis_internal_settings_applied", False):
        return
    test._hypothesis_internal_use_settings = _profiles().get_profile(THOROUGH if thorough else CI)


def keep_storage_out_of_the_working_directory() -> None:
    """Point Hypothesis' caches at the user's cache directory.

    Hypothesis keeps them in ``.hypothesis/`` under the current directory, which in a run of the
    suite is the implementer's project: nothing of the suite's belongs there.
    """
    from hypothesis.configuration import set_hypothesis_home_dir

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    set_hypothesis_home_dir(cache / "flask-conformance" / "hypothesis")
