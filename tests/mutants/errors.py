"""Mutants of the errors chapter: abort, handler lookup, the 500 handler and redirect() gone wrong.

Most faults change how the finished app finds its handlers (``_find_error_handler``, the
registry ``error_handler_spec``) or answers an exception, the way a reimplementation could get
them wrong.
"""

from urllib.parse import unquote

from flask import request
from werkzeug.exceptions import InternalServerError
from werkzeug.utils import redirect as werkzeug_redirect

from flask_conformance.fixtures.contract import AppError

from . import mutant, rewrite_response

UNHANDLED_CASES = ["errors.unhandled.handler", "errors.unhandled.internal-server-error"]


def _path(environ):
    """The request's path (the fixture's mount moves ``/plain`` to ``SCRIPT_NAME``)."""
    return environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")


def _exc_class_and_code(app, error):
    return app._get_exc_class_and_code(type(error))


def _find_with(app, order):
    """Replace the app's handler lookup with ``order(app, exc_class, code, names)``, which yields
    the handler maps to search (each searched along the class's MRO)."""

    def find(error, blueprints):
        exc_class, code = _exc_class_and_code(app, error)
        for handler_map in order(app, exc_class, code, (*blueprints, None)):
            for cls in exc_class.__mro__:
                if handler_map.get(cls) is not None:
                    return handler_map[cls]
        return None

    app._find_error_handler = find
    return app


def _maps(app, names, codes):
    return [app.error_handler_spec[name][c] for c in codes for name in names]


# abort and the pages of HTTP errors

@mutant("errors", kills=[f"errors.abort.status.{code}" for code in (400, 401, 403, 404, 410, 418, 503)])
def abort_is_server_error(app):
    """Every ``abort`` becomes a 500, whatever its code."""
    return rewrite_response(app, lambda s, h, b, e: (
        "500 INTERNAL SERVER ERROR" if _path(e).startswith("/plain/abort/") else s, h, b))


@mutant("errors", kills=["errors.page.media-type"])
def page_is_plain_text(app):
    """Error pages announced as ``text/plain``."""
    return rewrite_response(app, lambda s, h, b, e: (s, [
        (k, "text/plain; charset=utf-8" if k.lower() == "content-type" and int(s[:3]) >= 400 else v)
        for k, v in h], b))


@mutant("errors", kills=["errors.page.werkzeug-title"])
def page_of_its_own(app):
    """Error pages in markup of another framework's design."""
    return rewrite_response(app, lambda s, h, b, e: (
        s, h, b"<p>Error %s</p>" % s[:3].encode() if int(s[:3]) >= 400 else b))


@mutant("errors", kills=["errors.unhandled.status"])
def unhandled_is_ok(app):
    """A view's exception reported as a 200 page."""
    return rewrite_response(app, lambda s, h, b, e: ("200 OK" if s.startswith("500") else s, h, b))


# Handlers by status code

@mutant("errors", kills=["errors.handler.code", "errors.blueprint.fallback"])
def code_handler_ignored(app):
    """The application's handler for 410 is never registered."""
    del app.error_handler_spec[None][410]
    return app


@mutant("errors", kills=["errors.handler.register-function"], stage="setup")
def register_error_handler_ignored(app):
    """``register_error_handler`` accepts the handler and drops it."""
    app.register_error_handler = lambda code_or_exception, f: None


@mutant("errors", kills=["errors.handler.status-replaced", "errors.handler.status-default"])
def status_forced_to_code(app):
    """The answer of a handler gets the error's code as its status, whatever the handler said."""

    def change(status, headers, body, environ):
        path = _path(environ)
        if path.startswith("/abort/"):
            code = path.rpartition("/")[2]
            status = code + " " + status.partition(" ")[2]
        return status, headers, body

    return rewrite_response(app, change)


@mutant("errors", kills=["errors.handler.not-found.routing"])
def routing_errors_unhandled(app):
    """A routing error skips the error handlers and gets the default page."""
    original = app.handle_http_exception

    def handle_http_exception(error):
        if request.routing_exception is error:
            return error
        return original(error)

    app.handle_http_exception = handle_http_exception
    return app


@mutant("errors", kills=["errors.handler.not-found.abort", "errors.blueprint.first"])
def aborted_404_unhandled(app):
    """``abort(404)`` from a view skips the error handlers (only the router's 404 is handled)."""
    original = app.handle_http_exception

    def handle_http_exception(error):
        if error.code == 404 and request.routing_exception is not error:
            return error
        return original(error)

    app.handle_http_exception = handle_http_exception
    return app


# Handlers by exception class

@mutant("errors", kills=["errors.handler.class", "errors.handler.subclass"])
def class_handler_ignored(app):
    """The application's handler for ``AppError`` is never registered."""
    del app.error_handler_spec[None][None][AppError]
    return app


@mutant("errors", kills=["errors.handler.subclass"])
def exact_class_only(app):
    """Handlers are looked up by the exception's exact class, not along its bases."""

    def find(error, blueprints):
        exc_class, code = _exc_class_and_code(app, error)
        for handler_map in _maps(app, (*blueprints, None), (code, None) if code else (None,)):
            if handler_map.get(exc_class) is not None:
                return handler_map[exc_class]
        return None

    app._find_error_handler = find
    return app


def _first_registered(app, error, blueprints, pick):
    exc_class, code = _exc_class_and_code(app, error)
    for handler_map in _maps(app, (*blueprints, None), (code, None) if code else (None,)):
        matches = [handler for cls, handler in handler_map.items() if issubclass(exc_class, cls)]
        if matches:
            return pick(matches)
    return None


@mutant("errors", kills=["errors.handler.most-specific.registered-after"])
def first_registered_wins(app):
    """The first registered handler whose class matches answers, not the most specific."""
    app._find_error_handler = lambda error, blueprints: _first_registered(app, error, blueprints, lambda m: m[0])
    return app


@mutant("errors", kills=["errors.handler.most-specific.registered-before"])
def last_registered_wins(app):
    """The last registered handler whose class matches answers, not the most specific."""
    app._find_error_handler = lambda error, blueprints: _first_registered(app, error, blueprints, lambda m: m[-1])
    return app


@mutant("errors", kills=["errors.handler.http-exception"])
def http_exception_handler_ignored(app):
    """A handler for ``HTTPException`` is only found for that exact class (as in Flask 0.12)."""

    def find(error, blueprints):
        exc_class, code = _exc_class_and_code(app, error)
        for handler_map in _maps(app, (*blueprints, None), (code,) if code else (None,)):
            for cls in exc_class.__mro__:
                if handler_map.get(cls) is not None:
                    return handler_map[cls]
        return None

    app._find_error_handler = find
    return app


@mutant("errors", kills=["errors.handler.code-over-class"])
def class_over_code(app):
    """Class handlers are searched before handlers for the code."""
    return _find_with(app, lambda app, cls, code, names: _maps(app, names, (None, code) if code else (None,)))


# Blueprints

@mutant("errors", kills=["errors.blueprint.first", "errors.blueprint.before-app-class"])
def app_before_blueprint(app):
    """The application's handlers are searched before the blueprint's."""
    return _find_with(app, lambda app, cls, code, names: _maps(
        app, tuple(reversed(names)), (code, None) if code else (None,)))


@mutant("errors", kills=["errors.blueprint.fallback"])
def blueprint_only(app):
    """An error raised in a blueprint's view is only looked up in the blueprint's handlers."""
    return _find_with(app, lambda app, cls, code, names: _maps(
        app, names[:1], (code, None) if code else (None,)))


@mutant("errors", kills=["errors.blueprint.before-app-class"])
def class_before_blueprint(app):
    """Each class of the MRO is looked up in the blueprint, then in the app, before its base."""

    def find(error, blueprints):
        exc_class, code = _exc_class_and_code(app, error)
        for c in (code, None) if code else (None,):
            for cls in exc_class.__mro__:
                for name in (*blueprints, None):
                    handler = app.error_handler_spec[name][c].get(cls)
                    if handler is not None:
                        return handler
        return None

    app._find_error_handler = find
    return app


# Unhandled exceptions

@mutant("errors", kills=UNHANDLED_CASES)
def server_error_handler_ignored(app):
    """The application's 500 handler is never registered."""
    del app.error_handler_spec[None][500]
    return app


def _pass_original(app):
    handler = app.error_handler_spec[None][500][InternalServerError]

    def original(error):
        return handler(getattr(error, "original_exception", None) or error)

    app.error_handler_spec[None][500][InternalServerError] = original
    return app


@mutant("errors", kills=["errors.unhandled.internal-server-error"])
def handler_gets_original(app):
    """The 500 handler receives the view's exception, as before Flask 1.1."""
    return _pass_original(app)


@mutant("errors", kills=["errors.unhandled.original-exception"], profile="1.0.4")
def handler_gets_wrapper_on_old_profile(app):
    """An implementation targeting Flask 1.0 that passes the 500 handler an
    ``InternalServerError``, as Flask 1.1 does."""
    return app


# redirect()

def _redirect_as(change):
    def fault(app):
        app.redirect = lambda location, code=302: change(location, code)
    return fault


@mutant("errors", kills=["errors.redirect.default-status"], stage="setup")
def redirect_see_other(app):
    """``redirect()`` answers 303 where 302 was asked for."""
    _redirect_as(lambda location, code: werkzeug_redirect(location, 303 if code == 302 else code))(app)


@mutant("errors", kills=[f"errors.redirect.code.{code}" for code in (301, 303, 307, 308)], stage="setup")
def redirect_code_ignored(app):
    """``redirect()`` always answers 302."""
    _redirect_as(lambda location, code: werkzeug_redirect(location, 302))(app)


@mutant("errors", kills=["errors.redirect.location.path", "errors.redirect.location.code",
                         "errors.redirect.location.external"], stage="setup")
def redirect_location_mangled(app):
    """``redirect()`` loses the query and alters the path of its target."""
    _redirect_as(lambda location, code: werkzeug_redirect(location.partition("?")[0] + "-moved", code))(app)


@mutant("errors", kills=["errors.redirect.body"])
def redirect_body_empty(app):
    """Redirects without a body."""
    return rewrite_response(app, lambda s, h, b, e: (s, h, b"" if s.startswith("3") else b))


@mutant("errors", kills=["errors.redirect.location-encoded"])
def redirect_location_raw(app):
    """``Location`` carries the target as given: its percent-escapes decoded back to the space,
    quote and angle brackets a URI cannot hold (Quart's, Bottle's and Microdot's answer)."""

    def raw(status, headers, body, environ):
        return status, [(k, unquote(v) if k.lower() == "location" else v) for k, v in headers], body

    return rewrite_response(app, raw)
