"""Implementations for the CLI and robustness tests, loadable as ``tests.impls:<name>``."""

from flask_conformance.implementations.flask import load as load_flask


class Wrapped:
    """The Flask reference with every chapter app passed through ``wrap(chapter, app)``."""

    def __init__(self, name, wrap):
        reference = load_flask()
        self.name, self.version, self.flask_api = name, reference.version, reference.flask_api
        self._reference = reference
        self._wrap = wrap

    def build_app(self, chapter):
        app = self._reference.build_app(chapter)
        return None if app is None else self._wrap(chapter, app)


def raises_on_construction():
    raise RuntimeError("the framework is not configured")


class MissingBuildApp:
    name = "incomplete"
    version = "1.0"
    flask_api = "3.1"


incomplete = MissingBuildApp()

reference = load_flask


def only_routing():
    return Wrapped("only-routing", lambda chapter, app: app if chapter == "routing" else None)


def old_profile():
    impl = load_flask()
    impl.flask_api = "0.12"
    return impl


def _mixed_faults(app):
    """OPTIONS raises through WSGI (error); other answers lose their Allow header (fail)."""
    def middleware(environ, start_response):
        if environ["REQUEST_METHOD"] == "OPTIONS":
            raise RuntimeError("no OPTIONS today")

        def start(status, headers, exc_info=None):
            return start_response(status, [(k, v) for k, v in headers if k.lower() != "allow"], exc_info)
        return app(environ, start)
    return middleware


def mixed_outcomes():
    """Every kind of record in the methods chapter: pass, fail and error."""
    return Wrapped("mixed-outcomes", lambda chapter, app: _mixed_faults(app) if chapter == "methods" else app)
