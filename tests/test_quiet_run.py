"""A run leaves the implementer's project as it found it and prints no warnings of its own."""

import subprocess
import sys


def test_a_run_prints_no_harness_warnings_and_leaves_no_files(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "flask_conformance.cli", "run", "--impl", "flask",
         "--requirement", "methods.*", "--requirement", "flashing.property.*"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "warnings summary" not in run.stdout, run.stdout
    assert "Warning" not in run.stderr, run.stderr
    assert list(tmp_path.iterdir()) == [], "the run left files in the working directory"
