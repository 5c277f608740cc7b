"""An implementation module that cannot be imported (``tests.broken_import:impl``)."""

import a_framework_that_is_not_installed  # noqa: F401

impl = None
