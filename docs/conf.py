"""Sphinx configuration of the flask-conformance reference docs.

Build: ``sphinx-build -W -n --keep-going -b html docs docs/_build/html`` (``tox -e docs``).
The chapter pages, the requirement index, the matrix, the CLI reference and the changelog are
generated at build time by the extension in ``_ext/conformance_docs`` from the installed spec,
fixtures, harness and ``results/*.json``.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "_ext"))
if ROOT not in sys.path:
    sys.path.append(ROOT)  # the repository's tests package: the development page shows a mutant

import flask_conformance  # noqa: E402
from flask_conformance.registry import GROUP  # noqa: E402

project = "flask-conformance"
author = "the flask-conformance authors"
copyright = "the flask-conformance authors"
release = flask_conformance.__version__
version = release

extensions = ["conformance_docs"]

exclude_patterns = ["_build", "examples", "spec-versions", "**/.pytest_cache"]
nitpicky = True
# Quotes and ellipses only: "--strict" must stay two hyphens, not become a dash.
smartquotes_action = "qe"
highlight_language = "python"

html_theme = "furo"
html_title = f"flask-conformance {release}"
html_static_path = ["_static"]
html_css_files = ["conformance.css"]

#: Where results files are read from (``results/`` at the repository root).
conformance_results_dir = os.path.join(ROOT, "results")
#: Frozen requirement lists of released spec versions, for the changelog.
conformance_spec_versions_dir = os.path.join(HERE, "spec-versions")

rst_epilog = f"""
.. |spec_version| replace:: {flask_conformance.SPEC_VERSION}
.. |entry_point_group| replace:: ``{GROUP}``
"""
