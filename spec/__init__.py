"""The executable specification: one module per chapter, one test per requirement.

Each module's docstring is the chapter's prose; each test's docstring is its requirement's
normative statement. Spec tests observe the app only through the ``client`` fixture.
"""

#: Chapters in reading order (the docs and reports follow it).
CHAPTERS = ("routing", "redirects", "methods", "responses", "errors", "hooks", "sessions", "flashing", "escaping", "urls", "requests")
