"""Runs of the spec inside explore, kept out of explore's own output."""

from __future__ import annotations

import contextlib
import io
import os
import sys


@contextlib.contextmanager
def silenced():
    """Standard output and error (the file descriptors too, which a forked spec worker shares)
    sent to the null device, so a spec run made for explore does not print into its report."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved + [null]:
            os.close(fd)
