"""Mutants of the methods chapter: method sets, automatic HEAD/OPTIONS and 405 gone wrong."""

from werkzeug.exceptions import MethodNotAllowed
from werkzeug.routing import Map, MapAdapter, Rule

from . import mutant, rewrite_response

DEFAULT_REJECTS = [f"methods.default.rejects-other.{case}" for case in ("post", "put", "patch", "delete", "extension")]
SHORTCUT_CASES = ("get", "post", "put", "delete", "patch")


def _patch_add_url_rule(app, change):
    """Make ``app.add_url_rule`` call ``change(rule, endpoint, view_func, options)`` first; it
    returns the (possibly altered) arguments. ``route`` and the shortcuts go through it."""
    original = app.add_url_rule

    def add_url_rule(rule, endpoint=None, view_func=None, **options):
        rule, endpoint, view_func, options = change(rule, endpoint, view_func, dict(options))
        return original(rule, endpoint, view_func, **options)

    app.add_url_rule = add_url_rule


def _method(environ):
    return environ["REQUEST_METHOD"]


# Default methods.

@mutant("methods", kills=["methods.default.get", "methods.argument.dispatch.get",
                          "methods.separate-views.dispatch.get", "methods.shortcut.dispatch.get"])
def get_body_stripped(app):
    """A response finaliser that drops the body for GET as it should only for HEAD."""
    return rewrite_response(app, lambda s, h, b, e: (s, h, b"" if _method(e) == "GET" else b))


@mutant("methods", kills=DEFAULT_REJECTS + ["methods.not-allowed.allow.default"], stage="setup")
def default_allows_every_method(app):
    """A rule registered without ``methods`` matches every method (Werkzeug's ``methods=None``)."""
    original = app.add_url_rule

    def add_url_rule(rule, endpoint=None, view_func=None, **options):
        given = options.get("methods") or getattr(view_func, "methods", None)
        original(rule, endpoint, view_func, **options)
        if not given:
            added = list(app.url_map.iter_rules())[-1]
            added.methods = None

    app.add_url_rule = add_url_rule


# Automatic HEAD.

@mutant("methods", kills=["methods.head.no-body"])
def head_keeps_body(app):
    """HEAD is served exactly like GET, body included."""

    def middleware(environ, start_response):
        if _method(environ) == "HEAD":
            environ = dict(environ, REQUEST_METHOD="GET")
        return app(environ, start_response)

    return middleware


@mutant("methods", kills=["methods.head.automatic", "methods.head.content-length"])
def head_content_length_zero(app):
    """HEAD responses get ``Content-Length: 0`` (measured after the body was dropped), which
    contradicts the size GET announces."""

    def middleware(environ, start_response):
        def respond(status, headers, exc_info=None):
            if _method(environ) == "HEAD":
                headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
                headers.append(("Content-Length", "0"))
            return start_response(status, headers, exc_info)

        return app(environ, respond)

    return middleware


@mutant("methods", kills=["methods.head.automatic"])
def head_announces_plain_text(app):
    """HEAD announces another media type than GET sends (a HEAD handler built apart from GET)."""

    def middleware(environ, start_response):
        def respond(status, headers, exc_info=None):
            if _method(environ) == "HEAD":
                headers = [(k, "text/plain; charset=utf-8" if k.lower() == "content-type" else v)
                           for k, v in headers]
            return start_response(status, headers, exc_info)

        return app(environ, respond)

    return middleware


class NoAutomaticHead(Rule):
    def __init__(self, string, methods=None, **options):
        super().__init__(string, methods=methods, **options)
        if self.methods is not None and "HEAD" not in {m.upper() for m in methods}:
            self.methods.discard("HEAD")


@mutant("methods", kills=["methods.head.automatic", "methods.options.automatic.default",
                          "methods.options.automatic.get-post", "methods.not-allowed.allow.default"],
        stage="setup")
def head_not_automatic(app):
    """GET rules do not get HEAD added."""
    app.url_rule_class = NoAutomaticHead


class HeadAlways(Rule):
    def __init__(self, string, methods=None, **options):
        super().__init__(string, methods=methods, **options)
        if self.methods is not None:
            self.methods.add("HEAD")


@mutant("methods", kills=["methods.head.requires-get", "methods.options.automatic.post-only",
                          "methods.not-allowed.allow.post-only"], stage="setup")
def head_without_get(app):
    """HEAD is added to every rule, even one that does not allow GET."""
    app.url_rule_class = HeadAlways


# Automatic OPTIONS.

@mutant("methods", kills=["methods.options.status-200"])
def options_answers_204(app):
    """The automatic OPTIONS answer uses 204 No Content instead of 200 (as good to a client:
    tests/variants/methods.py shows the MUST requirements accept it)."""

    def change(status, headers, body, environ):
        if _method(environ) == "OPTIONS" and status.startswith("200") and not body:
            status = "204 NO CONTENT"
        return status, headers, body

    return rewrite_response(app, change)


@mutant("methods", kills=["methods.options.automatic.default", "methods.options.automatic.get-post",
                          "methods.options.automatic.post-only", "methods.options.merges-rules"])
def options_without_allow(app):
    """The automatic OPTIONS answer forgets the ``Allow`` header."""

    def change(status, headers, body, environ):
        if _method(environ) == "OPTIONS" and status.startswith("200"):
            headers = [(k, v) for k, v in headers if k.lower() != "allow"]
        return status, headers, body

    return rewrite_response(app, change)


@mutant("methods", kills=["methods.options.merges-rules"], stage="setup")
def options_lists_matched_rule_only(app):
    """The automatic OPTIONS answer lists the methods of the rule that matched, not the path's."""
    from flask import request

    def make_default_options_response(*args):
        response = app.response_class()
        response.allow.update(request.url_rule.methods)
        return response

    app.make_default_options_response = make_default_options_response


@mutant("methods", kills=["methods.options.unknown-path", "methods.options.automatic.post-only",
                          "methods.options.opt-out", "methods.options.listed-by-view.implicit",
                          "methods.options.listed-by-view.opted-out", "methods.options.config-disabled"])
def options_catch_all(app):
    """A CORS-style layer answers every OPTIONS request itself, with one fixed ``Allow``."""

    def middleware(environ, start_response):
        if _method(environ) == "OPTIONS":
            start_response("200 OK", [("Allow", "GET, HEAD, OPTIONS"), ("Content-Length", "0")])
            return [b""]
        return app(environ, start_response)

    return middleware


@mutant("methods", kills=["methods.options.opt-out"], stage="setup")
def options_opt_out_ignored(app):
    """``provide_automatic_options=False`` (keyword or attribute) is ignored."""

    def change(rule, endpoint, view_func, options):
        options.pop("provide_automatic_options", None)
        if view_func is not None and hasattr(view_func, "provide_automatic_options"):
            del view_func.provide_automatic_options
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


@mutant("methods", kills=["methods.options.listed-by-view.implicit", "methods.options.listed-by-view.opted-out"],
        stage="setup")
def options_automatic_even_if_listed(app):
    """OPTIONS stays automatic even when the rule lists it (Flask before 0.6 did this)."""

    def change(rule, endpoint, view_func, options):
        if "OPTIONS" in [m.upper() for m in options.get("methods") or ()]:
            options["provide_automatic_options"] = True
            if view_func is not None and hasattr(view_func, "provide_automatic_options"):
                del view_func.provide_automatic_options
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


@mutant("methods", kills=["methods.options.config-disabled"], stage="setup")
def options_config_ignored(app):
    """The ``PROVIDE_AUTOMATIC_OPTIONS`` setting cannot be turned off."""

    class StickyConfig(type(app.config)):
        def __setitem__(self, key, value):
            if key != "PROVIDE_AUTOMATIC_OPTIONS":
                super().__setitem__(key, value)

    app.config.__class__ = StickyConfig


# 405 Method Not Allowed.

@mutant("methods", kills=["methods.not-allowed.allow.default", "methods.not-allowed.allow.get-post",
                          "methods.not-allowed.allow.post-only", "methods.not-allowed.merges-rules"])
def not_allowed_without_allow(app):
    """405 responses lose their ``Allow`` header."""

    def change(status, headers, body, environ):
        if status.startswith("405"):
            headers = [(k, v) for k, v in headers if k.lower() != "allow"]
        return status, headers, body

    return rewrite_response(app, change)


@mutant("methods", kills=DEFAULT_REJECTS + ["methods.argument.post-only", "methods.head.requires-get",
                                            "methods.not-allowed.merges-rules"])
def not_allowed_as_not_found(app):
    """A method mismatch is reported as 404, as if the path did not exist."""

    def change(status, headers, body, environ):
        if status.startswith("405"):
            status = "404 NOT FOUND"
            headers = [(k, v) for k, v in headers if k.lower() != "allow"]
        return status, headers, body

    return rewrite_response(app, change)


@mutant("methods", kills=["methods.not-allowed.unknown-path"])
def unknown_path_not_allowed(app):
    """A router that checks the method before the path: unknown paths get 405 for non-GET methods."""

    def change(status, headers, body, environ):
        if status.startswith("404") and _method(environ) not in ("GET", "HEAD"):
            status = "405 METHOD NOT ALLOWED"
            headers = headers + [("Allow", "GET, HEAD, OPTIONS")]
        return status, headers, body

    return rewrite_response(app, change)


class FirstRuleAdapter(MapAdapter):
    """Reports the methods of the first rule whose path is the requested one, not of all."""

    def match(self, path_info=None, method=None, *args, **kwargs):
        try:
            return super().match(path_info, method, *args, **kwargs)
        except MethodNotAllowed:
            path = path_info if path_info is not None else self.path_info
            for rule in self.map.iter_rules():
                if rule.rule == path:
                    raise MethodNotAllowed(valid_methods=sorted(rule.methods)) from None
            raise


class FirstRuleMap(Map):
    def bind_to_environ(self, *args, **kwargs):
        adapter = super().bind_to_environ(*args, **kwargs)
        adapter.__class__ = FirstRuleAdapter
        return adapter


@mutant("methods", kills=["methods.not-allowed.merges-rules", "methods.options.merges-rules"], stage="setup")
def allow_from_first_rule_only(app):
    """``Allow`` lists only the first rule with the path, ignoring other rules for it."""
    app.url_map.__class__ = FirstRuleMap


# The ``methods`` argument.

@mutant("methods", kills=["methods.argument.dispatch.post", "methods.not-allowed.allow.get-post",
                          "methods.options.automatic.get-post"], stage="setup")
def methods_first_only(app):
    """Only the first name of the ``methods`` list is registered."""

    def change(rule, endpoint, view_func, options):
        if options.get("methods"):
            options["methods"] = list(options["methods"])[:1]
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


@mutant("methods", kills=["methods.argument.dispatch.get", "methods.not-allowed.allow.get-post",
                          "methods.options.automatic.get-post"], stage="setup")
def methods_last_only(app):
    """Only the last name of the ``methods`` list is registered."""

    def change(rule, endpoint, view_func, options):
        if options.get("methods"):
            options["methods"] = list(options["methods"])[-1:]
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


@mutant("methods", kills=["methods.argument.case-insensitive", "methods.request.case-insensitive"], stage="setup")
def methods_case_kept(app):
    """Method names are registered as written, so ``methods=["post"]`` never matches POST."""
    original = app.add_url_rule

    def add_url_rule(rule, endpoint=None, view_func=None, **options):
        written = list(options.get("methods") or ())
        original(rule, endpoint, view_func, **options)
        if any(m != m.upper() for m in written):
            added = list(app.url_map.iter_rules())[-1]
            added.methods = (added.methods - {m.upper() for m in written}) | set(written)

    app.add_url_rule = add_url_rule


@mutant("methods", kills=["methods.request.case-insensitive"])
def request_method_case_sensitive(app):
    """The request method is matched as sent: ``post`` is an unknown method, not POST."""

    def middleware(environ, start_response):
        method = _method(environ)
        if method != method.upper():
            environ = dict(environ, REQUEST_METHOD="X-" + method)  # stays unknown once upper-cased
        return app(environ, start_response)

    return middleware


# Several views, one path.

@mutant("methods", kills=["methods.separate-views.dispatch.post", "methods.options.merges-rules",
                          "methods.not-allowed.merges-rules"], stage="setup")
def second_rule_for_path_ignored(app):
    """A router keyed by path: a second rule for a registered path is silently dropped."""
    original = app.add_url_rule
    seen = set()

    def add_url_rule(rule, endpoint=None, view_func=None, **options):
        if rule not in seen:
            seen.add(rule)
            original(rule, endpoint, view_func, **options)

    app.add_url_rule = add_url_rule


@mutant("methods", kills=["methods.separate-views.dispatch.get"], stage="setup")
def second_view_replaces_first(app):
    """A second view for a registered path replaces the first view for every method."""
    endpoints = {}

    def change(rule, endpoint, view_func, options):
        if rule in endpoints and view_func is not None:
            app.view_functions[endpoints[rule]] = view_func
        endpoints.setdefault(rule, endpoint or view_func.__name__)
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


# Route shortcuts.

@mutant("methods", kills=[f"methods.shortcut.dispatch.{c}" for c in SHORTCUT_CASES if c != "get"]
        + [f"methods.shortcut.only-its-method.{c}" for c in SHORTCUT_CASES if c != "get"], stage="setup")
def shortcut_ignores_method(app):
    """The shortcuts forget their method and register the default (GET)."""
    app._method_route = lambda method, rule, options: app.route(rule, **options)


@mutant("methods", kills=[f"methods.shortcut.only-its-method.{c}" for c in SHORTCUT_CASES if c != "get"],
        stage="setup")
def shortcut_keeps_get(app):
    """The shortcuts add their method to GET instead of replacing it."""
    app._method_route = lambda method, rule, options: app.route(rule, methods=["GET", method], **options)


@mutant("methods", kills=["methods.shortcut.dispatch.get", "methods.shortcut.only-its-method.get"], stage="setup")
def get_shortcut_registers_post(app):
    """A copy-paste slip: ``get`` registers POST."""
    app.get = lambda rule, **options: app._method_route("POST", rule, options)


# View function attributes.

@mutant("methods", kills=["methods.view-attribute.methods"], stage="setup")
def view_methods_attribute_ignored(app):
    """The view function's ``methods`` attribute is ignored: the default GET applies."""

    def change(rule, endpoint, view_func, options):
        if "methods" not in options and getattr(view_func, "methods", None):
            options["methods"] = ["GET"]
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


@mutant("methods", kills=["methods.view-attribute.required-methods"], stage="setup")
def required_methods_ignored(app):
    """The view function's ``required_methods`` attribute is ignored when ``methods`` is given."""

    def change(rule, endpoint, view_func, options):
        if options.get("methods") and getattr(view_func, "required_methods", None):
            view_func.required_methods = ()
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


@mutant("methods", kills=["methods.not-allowed.allow.default", "methods.options.automatic.default",
                          "methods.options.merges-rules"])
def allow_in_lower_case(app):
    """``Allow`` written in lower case: method names are case-sensitive, so ``get`` is another
    method than GET (RFC 9110, section 9.1)."""

    def middleware(environ, start_response):
        def respond(status, headers, exc_info=None):
            headers = [(k, v.lower() if k.lower() == "allow" else v) for k, v in headers]
            return start_response(status, headers, exc_info)

        return app(environ, respond)

    return middleware


# HEAD on a streamed body.

@mutant("methods", kills=["methods.head.streamed-no-body"])
def head_streamed_body_sent(app):
    """HEAD drops the body only when its size is known: a streamed body (no ``Content-Length``)
    is sent as for GET."""

    def middleware(environ, start_response):
        if _method(environ) != "HEAD":
            return app(environ, start_response)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, list(headers)
            return lambda data: None

        body = b"".join(app(dict(environ, REQUEST_METHOD="GET"), capture))
        sized = any(k.lower() == "content-length" for k, _ in captured["headers"])
        start_response(captured["status"], captured["headers"])
        return [b"" if sized else body]

    return middleware


@mutant("methods", kills=["methods.head.streamed"])
def head_streamed_announces_zero(app):
    """HEAD on a streamed body announces ``Content-Length: 0`` (the size of the body it sends),
    which GET, whose size is unknown, does not."""

    def middleware(environ, start_response):
        def respond(status, headers, exc_info=None):
            if _method(environ) == "HEAD" and not any(k.lower() == "content-length" for k, _ in headers):
                headers = list(headers) + [("Content-Length", "0")]
            return start_response(status, headers, exc_info)

        return app(environ, respond)

    return middleware


# Request hooks.

def _skip_hooks(app, when):
    """Run neither the before_request nor the after_request hooks for requests ``when`` picks."""
    from flask import request

    preprocess, process = app.preprocess_request, app.process_response

    def preprocess_request():
        return None if when(request) else preprocess()

    def process_response(response):
        return response if when(request) else process(response)

    app.preprocess_request, app.process_response = preprocess_request, process_response


@mutant("methods", kills=["methods.hooks.before-request.head", "methods.hooks.after-request.head"], stage="setup")
def hooks_skipped_for_head(app):
    """HEAD is answered from GET's response by a layer below the hooks, which never see it."""
    _skip_hooks(app, lambda request: request.method == "HEAD")


@mutant("methods", kills=["methods.hooks.before-request.options", "methods.hooks.after-request.options"],
        stage="setup")
def hooks_skipped_for_automatic_options(app):
    """The automatic OPTIONS answer is made at routing time, before and without the hooks."""
    _skip_hooks(app, lambda request: request.method == "OPTIONS")


@mutant("methods", kills=["methods.hooks.before-request.not-allowed", "methods.hooks.after-request.not-allowed"],
        stage="setup")
def hooks_skipped_when_routing_fails(app):
    """A method the rule does not allow is answered by the router, before and without the hooks."""
    _skip_hooks(app, lambda request: request.routing_exception is not None)


# Class-based views.

def _replace_class_views(app, replace):
    """Register ``replace(view_func)`` instead of each view made by ``as_view``."""

    def change(rule, endpoint, view_func, options):
        if getattr(view_func, "view_class", None) is not None:
            view_func = replace(view_func)
        return rule, endpoint, view_func, options

    _patch_add_url_rule(app, change)


def _method_views(app, dispatch):
    """Each MethodView dispatched by ``dispatch(instance, method)`` instead of its own."""
    from flask import request
    from flask.views import MethodView

    def replace(view_func):
        cls = view_func.view_class
        if not issubclass(cls, MethodView):
            return view_func

        def view(**kwargs):
            return dispatch(cls(), request.method)(**kwargs)

        view.__name__, view.methods = view_func.__name__, view_func.methods
        return view

    _replace_class_views(app, replace)


@mutant("methods", kills=["methods.class-view.dispatch.post", "methods.class-view.allow"], stage="setup")
def class_view_methods_ignored(app):
    """``as_view`` forgets the class's ``methods`` attribute: a View answers GET only."""
    from flask.views import MethodView

    def replace(view_func):
        if not issubclass(view_func.view_class, MethodView):
            view_func.methods = None
        return view_func

    _replace_class_views(app, replace)


@mutant("methods", kills=["methods.class-view.dispatch.get", "methods.class-view.dispatch.post"], stage="setup")
def class_view_sees_lower_case_method(app):
    """A View's ``dispatch_request`` sees the method in lower case, as a handler name."""
    from flask import request
    from flask.views import MethodView

    def replace(view_func):
        if issubclass(view_func.view_class, MethodView):
            return view_func

        def view(**kwargs):
            request.method = request.method.lower()
            return view_func(**kwargs)

        view.__name__, view.methods = view_func.__name__, view_func.methods
        return view

    _replace_class_views(app, replace)


@mutant("methods", kills=["methods.method-view.dispatch.get", "methods.method-view.dispatch.post",
                          "methods.method-view.inherited.own", "methods.method-view.inherited.base",
                          "methods.method-view.mixin", "methods.method-view.head-handler"], stage="setup")
def method_view_upper_case_lookup(app):
    """A MethodView looking its handler up by the method as sent (``GET``), finding none, and
    falling back to ``get`` for HEAD only."""
    def dispatch(view, method):
        handler = getattr(view, method, None) or (view.get if method == "HEAD" else None)
        assert handler is not None, f"no handler for {method}"
        return handler
    _method_views(app, dispatch)


@mutant("methods", kills=["methods.method-view.head-from-get"], stage="setup")
def method_view_head_without_fallback(app):
    """A MethodView without a ``head`` handler fails HEAD instead of using ``get``."""
    def dispatch(view, method):
        handler = getattr(view, method.lower(), None)
        assert handler is not None, f"no handler for {method}"
        return handler
    _method_views(app, dispatch)


@mutant("methods", kills=["methods.method-view.head-handler"], stage="setup")
def method_view_head_always_get(app):
    """HEAD always goes to ``get``, even when the view has a ``head`` handler."""
    def dispatch(view, method):
        return getattr(view, "get" if method == "HEAD" else method.lower())
    _method_views(app, dispatch)


def _method_view_methods(app, infer):
    """Each MethodView registered with the methods ``infer(cls)`` gives."""
    from flask.views import MethodView

    def replace(view_func):
        if issubclass(view_func.view_class, MethodView):
            view_func.methods = infer(view_func.view_class)
        return view_func

    _replace_class_views(app, replace)


HANDLERS = ("get", "post", "head", "options", "delete", "put", "trace", "patch")


@mutant("methods", kills=["methods.method-view.allow", "methods.method-view.dispatch.post"], stage="setup")
def method_view_methods_not_inferred(app):
    """A MethodView registered like a plain view: GET only, whatever handlers it has."""
    _method_view_methods(app, lambda cls: None)


@mutant("methods", kills=["methods.method-view.inherited.base", "methods.method-view.mixin"], stage="setup")
def method_view_own_handlers_only(app):
    """Methods inferred from the handlers in the class body only, not those it inherits."""
    _method_view_methods(app, lambda cls: [name.upper() for name in HANDLERS if name in vars(cls)] or None)


@mutant("methods", kills=["methods.method-view.inherited.own"], stage="setup")
def method_view_methods_of_first_view(app):
    """Methods computed once, for the first MethodView in the class's ancestry, and inherited
    unchanged: a subclass's new handlers are not registered."""
    from flask.views import MethodView

    def infer(cls):
        first = [base for base in cls.__mro__ if issubclass(base, MethodView) and base is not MethodView][-1]
        return [name.upper() for name in HANDLERS if hasattr(first, name)]

    _method_view_methods(app, infer)


# A 405 answered by an error handler.

def _patch_http_errors(app, change):
    """Let ``change(error, handle)`` decide what an HTTP error becomes (``handle`` is Flask's)."""
    handle = app.handle_http_exception
    app.handle_http_exception = lambda error: change(error, handle)


@mutant("methods", kills=["methods.not-allowed.handler", "methods.not-allowed.handler-status"], stage="setup")
def not_allowed_handler_bypassed(app):
    """The router answers 405 itself: error handlers registered for 405 never see it."""
    _patch_http_errors(app, lambda error, handle: error if error.code == 405 else handle(error))


@mutant("methods", kills=["methods.not-allowed.handler-status"], stage="setup")
def not_allowed_handler_keeps_status(app):
    """A handler's body without a status gets the error's status instead of 200."""
    def change(error, handle):
        value = handle(error)
        return (value, error.code) if isinstance(value, str) else value
    _patch_http_errors(app, change)


@mutant("methods", kills=["methods.not-allowed.handler-passthrough"], stage="setup")
def not_allowed_passthrough_loses_allow(app):
    """An exception returned by a handler is rendered from its status and page only, without
    the header fields it carries (``Allow``)."""
    def change(error, handle):
        value = handle(error)
        if value is error:
            return app.response_class(error.get_body(), error.code, mimetype="text/html")
        return value
    _patch_http_errors(app, change)


@mutant("methods", kills=["methods.method-view.base-methods", "methods.method-view.explicit-methods"],
        stage="setup")
def method_view_methods_from_handler_names(app):
    """Methods always inferred from the handler names a MethodView knows: a class's own
    ``methods`` attribute is overridden, and a base's listing ``PROPFIND`` is lost."""
    _method_view_methods(app, lambda cls: [name.upper() for name in HANDLERS if hasattr(cls, name)] or None)


@mutant("methods", kills=["methods.class-view.opt-out"], stage="setup")
def class_view_opt_out_dropped(app):
    """``as_view`` does not pass ``provide_automatic_options`` on (Flask before 1.0)."""
    def replace(view_func):
        view_func.provide_automatic_options = None
        return view_func
    _replace_class_views(app, replace)


@mutant("methods", kills=["methods.head.view-sees-head"])
def head_rewritten_to_get(app):
    """HEAD handed to the app as GET, the body dropped afterwards: the view never sees HEAD."""
    def change(status, headers, body, environ):
        return status, headers, b""

    rewrite = rewrite_response(app, change)

    def middleware(environ, start_response):
        if _method(environ) == "HEAD":
            return rewrite(dict(environ, REQUEST_METHOD="GET"), start_response)
        return app(environ, start_response)

    return middleware


@mutant("methods", kills=["methods.not-allowed.blueprint-handler"], stage="setup")
def blueprint_owns_its_prefix(app):
    """A router's 405 under a blueprint's URL prefix goes to that blueprint's handler."""
    def change(error, handle):
        from flask import request

        if error.code == 405 and request.path.startswith("/blueprint/"):
            return "blueprint-handler", 405
        return handle(error)
    _patch_http_errors(app, change)
