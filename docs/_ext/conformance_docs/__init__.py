"""Sphinx extension of the flask-conformance docs: everything is generated from the code.

* :mod:`.chapters` — one page per spec chapter, the requirement index, the chapter summary;
* :mod:`.sends` and :mod:`.routes` — the requests a check sends and the fixture code they reach;
* :mod:`.matrix` and :mod:`.resultsdata` — outcomes and scores from ``results/*.json``;
* :mod:`.cli_docs` — the command line from its own parser;
* :mod:`.reference` — the results schema, described values, changelog, harness modules, examples;
* :mod:`.domain` — ``:req:`` and ``:spec:chapter:`` links.
"""

from . import chapters, cli_docs, domain, matrix, reference


def setup(app):
    domain.setup(app)
    chapters.setup(app)
    matrix.setup(app)
    cli_docs.setup(app)
    reference.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
