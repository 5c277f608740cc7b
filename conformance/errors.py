"""Exceptions that turn into outcomes other than ``fail``.

A spec check that finds wrong behaviour raises ``AssertionError`` (outcome ``fail``). When the
implementation itself breaks (raises through WSGI, violates the WSGI protocol, hangs), the
transport raises one of these instead, so the outcome says the implementation broke rather than
that it answered wrongly.
"""


class ConformanceError(Exception):
    """Base class of the harness' own errors."""


class ImplementationError(ConformanceError):
    """The implementation raised, broke the WSGI protocol or could not build an app."""

    outcome = "error"


class ImplementationTimeout(ImplementationError):
    """The implementation did not answer within the per-request timeout."""

    outcome = "timeout"


class UsageError(ConformanceError):
    """A configuration or command-line mistake; the CLI exits with status 2."""


class LoadError(UsageError):
    """An implementation could not be found, imported or constructed."""
