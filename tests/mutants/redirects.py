"""Mutants of the redirects chapter: faults a router or its redirect responses could have."""

import html
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from flask import request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, RequestRedirect

from . import MUTANTS, mutant, rewrite_response

REDIRECT = "308 PERMANENT REDIRECT"


def claims(**packages):
    """Make the mutant registered just below report other versions of the deciding packages.

    Used for requirements that hold only for older releases of a package (Werkzeug): the
    unchanged current Flask, presented as running on that release, is the fault.
    """
    def decorate(fault):
        for registered in MUTANTS:
            if registered.fault is fault:
                registered.packages = dict(registered.packages, **packages)
        return fault
    return decorate


def is_redirect(status):
    return status.split(" ", 1)[0] in ("301", "302", "303", "307", "308")


def rewrite_location(app, change):
    """Middleware passing each redirect's Location through ``change(parts, environ)``, where
    ``parts`` is the ``urlsplit`` result; it returns the new Location."""
    def edit(status, headers, body, environ):
        if not is_redirect(status):
            return status, headers, body
        edited = [(k, change(urlsplit(v), environ) if k.lower() == "location" else v) for k, v in headers]
        return status, edited, body
    return rewrite_response(app, edit)


def answer(status, location=None):
    """A small replacement response, as a rewrite_response result."""
    headers = [("Content-Type", "text/plain; charset=utf-8")]
    if location is not None:
        headers.append(("Location", location))
    return status, headers, status.encode("ascii")


def origin(environ):
    return "%s://%s%s" % (environ["wsgi.url_scheme"], environ["HTTP_HOST"], environ.get("SCRIPT_NAME", ""))


# Status

@mutant("redirects", kills=[
    "redirects.status.permanent-308.missing-slash", "redirects.status.permanent-308.defaults",
    "redirects.slash.post-body-kept", "redirects.merge.permanent-308",
])
def redirects_with_301(app):
    """The pre-0.15 Werkzeug status: clients turn a redirected POST into a GET without body."""
    def change(status, headers, body, environ):
        return ("301 MOVED PERMANENTLY" if status == REDIRECT else status), headers, body
    return rewrite_response(app, change)


@claims(werkzeug="0.14.1")
@mutant("redirects", kills=["redirects.status.permanent-301.missing-slash", "redirects.status.permanent-301.defaults"])
def old_werkzeug_with_308(app):
    """Claims Werkzeug 0.14, whose redirects were 301, but answers 308."""
    return app


@claims(werkzeug="2.1.2")
@mutant("redirects", kills=["redirects.slash.wrong-method-405"])
def old_router_answering_404(app):
    """Claims Werkzeug 2.1 but answers a wrong-method slash-less request with 404, as the
    Werkzeug 2.2 router does."""
    return app


# Trailing slash

@mutant("redirects", stage="setup", kills=["redirects.slash.location.converter", "redirects.slash.location.path-converter"])
def no_slash_redirect_for_variable_rules(app):
    """Rules with variables silently accept the slash-less URL instead of redirecting."""
    base = app.url_rule_class

    class Rule(base):
        def __init__(self, string, **options):
            if "<" in string:
                options["strict_slashes"] = False
            super().__init__(string, **options)

    app.url_rule_class = Rule


@mutant("redirects", kills=["redirects.slash.location.percent-encoded"])
def location_quoted_twice(app):
    """The already percent-encoded path is encoded again (``%C3`` becomes ``%25C3``)."""
    return rewrite_location(app, lambda p, e: urlunsplit(p._replace(path=quote(p.path))))


@mutant("redirects", kills=["redirects.slash.method.head"])
def head_not_redirected(app):
    """HEAD is routed on its own and misses the slash redirect."""
    def change(status, headers, body, environ):
        if environ["REQUEST_METHOD"] == "HEAD" and is_redirect(status):
            return answer("404 NOT FOUND")
        return status, headers, body
    return rewrite_response(app, change)


@mutant("redirects", kills=["redirects.slash.method.post", "redirects.slash.post-body-kept"])
def post_not_redirected(app):
    """Only safe methods get the slash redirect; a POST is refused."""
    def change(status, headers, body, environ):
        if environ["REQUEST_METHOD"] == "POST" and is_redirect(status):
            return answer("405 METHOD NOT ALLOWED")
        return status, headers, body
    return rewrite_response(app, change)


@mutant("redirects", stage="setup", kills=[
    "redirects.slash.leaf-not-found", "redirects.status.permanent-308.missing-slash",
    "redirects.slash.location.static",
])
def strict_slashes_off_everywhere(app):
    """Trailing slashes are ignored app-wide: no canonical URL, no 404 for a leaf with a slash."""
    app.url_map.strict_slashes = False


@mutant("redirects", kills=["redirects.slash.wrong-method-404"])
def redirect_ignores_method(app):
    """The slash redirect is decided on the path alone (Werkzeug before 0.12 did this)."""
    def middleware(environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(app(environ, capture))
        if captured["status"][:3] in ("404", "405"):
            probe = dict(environ, REQUEST_METHOD="GET", CONTENT_LENGTH="0")
            probe.pop("CONTENT_TYPE", None)
            probed = {}
            probe_body = b"".join(app(probe, lambda s, h, e=None: probed.update(status=s, headers=h) or (lambda d: None)))
            if is_redirect(probed["status"]):
                captured, body = probed, probe_body
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], headers + [("Content-Length", str(len(body)))])
        return [body]
    return middleware


# Location

@mutant("redirects", kills=[
    "redirects.location.absolute.host-and-port", "redirects.location.absolute.https",
    "redirects.location.absolute.script-root", "redirects.location.absolute.https-script-root",
])
def location_relative(app):
    """Location is only the path and query, like Werkzeug's plain redirects since 2.1: still where
    the redirect should lead, but not the absolute form Werkzeug documents for the router."""
    return rewrite_location(app, lambda p, e: urlunsplit(("", "", p.path, p.query, p.fragment)))


@mutant("redirects", kills=[
    "redirects.location.target.script-root", "redirects.location.target.https-script-root",
    "redirects.merge.location",
])
def location_without_script_root(app):
    """The redirect is built from PATH_INFO alone, forgetting where the app is mounted."""
    def change(parts, environ):
        root = environ.get("SCRIPT_NAME", "")
        path = parts.path[len(root):] if root and parts.path.startswith(root) else parts.path
        return urlunsplit(parts._replace(path=path))
    return rewrite_location(app, change)


@mutant("redirects", kills=[
    "redirects.location.target.host-and-port", "redirects.location.target.https",
    "redirects.location.target.https-script-root",
])
def location_drops_port(app):
    """The host name is used without the port the client asked for."""
    return rewrite_location(app, lambda p, e: urlunsplit(p._replace(netloc=p.hostname)))


@mutant("redirects", kills=[
    "redirects.location.target.https", "redirects.location.target.https-script-root",
    "redirects.merge.location",
])
def location_always_http(app):
    """The request's scheme is ignored, as behind a TLS-terminating proxy."""
    return rewrite_location(app, lambda p, e: urlunsplit(p._replace(scheme="http")))


@mutant("redirects", kills=["redirects.location.default-port-omitted.http", "redirects.location.default-port-omitted.https"])
def location_keeps_default_port(app):
    """The Host header is copied verbatim, default port included."""
    return rewrite_location(app, lambda p, e: urlunsplit(p._replace(netloc=e["HTTP_HOST"])))


@mutant("redirects", kills=[
    "redirects.location.query-kept.missing-slash", "redirects.location.query-kept.defaults",
    "redirects.merge.location",
])
def query_reencoded(app):
    """The query is rebuilt from the parsed arguments, changing its escapes."""
    return rewrite_location(app, lambda p, e: urlunsplit(
        p._replace(query=urlencode(parse_qsl(p.query, keep_blank_values=True)))))


@mutant("redirects", kills=["redirects.location.query-kept.missing-slash", "redirects.location.query-kept.defaults"])
def query_sorted(app):
    """The query parameters are sorted by name."""
    return rewrite_location(app, lambda p, e: urlunsplit(
        p._replace(query="&".join(sorted(p.query.split("&"))))))


# strict_slashes=False

@mutant("redirects", stage="setup", kills=[
    "redirects.strict-slashes-off.serves.branch-without-slash", "redirects.strict-slashes-off.serves.leaf-with-slash",
])
def strict_slashes_option_ignored(app):
    """The rule's strict_slashes option is dropped, so the app-wide default applies."""
    base = app.url_rule_class

    class Rule(base):
        def __init__(self, string, **options):
            options.pop("strict_slashes", None)
            super().__init__(string, **options)

    app.url_rule_class = Rule


# Default values

@mutant("redirects", stage="setup", kills=[
    "redirects.defaults.redirect.plain", "redirects.defaults.redirect.leading-zero",
    "redirects.status.permanent-308.defaults", "redirects.location.query-kept.defaults",
])
def redirect_defaults_off(app):
    """A URL spelling out the default value is served instead of redirected."""
    app.url_map.redirect_defaults = False


@mutant("redirects", kills=["redirects.defaults.served.default"])
def variable_rule_made_canonical(app):
    """The router prefers the variable rule and redirects the defaults rule to it."""
    def change(status, headers, body, environ):
        if environ["PATH_INFO"] == "/page/":
            return answer(REDIRECT, origin(environ) + "/page/1")
        return status, headers, body
    return rewrite_response(app, change)


@mutant("redirects", kills=["redirects.defaults.served.other-value"])
def every_value_redirects_to_default(app):
    """Any value of the variable is taken for the default and redirected to the defaults rule."""
    def change(status, headers, body, environ):
        path = environ["PATH_INFO"]
        if path.startswith("/page/") and path != "/page/":
            return answer(REDIRECT, origin(environ) + "/page/")
        return status, headers, body
    return rewrite_response(app, change)


# Repeated slashes

@mutant("redirects", stage="setup", kills=[
    "redirects.merge.redirect.inner", "redirects.merge.redirect.before-trailing-slash",
    "redirects.merge.redirect.before-variable", "redirects.merge.location", "redirects.merge.run-of-slashes",
])
def no_slash_merging(app):
    """Repeated slashes are not merged app-wide (Werkzeug before 1.0): such URLs are not found."""
    app.url_map.merge_slashes = False


@mutant("redirects", kills=["redirects.merge.run-of-slashes"])
def merges_pairs_only(app):
    """Only pairs of slashes are merged; a run of three is not found (Werkzeug 2.2 to 3.1.6)."""
    def change(status, headers, body, environ):
        if "///" in environ["PATH_INFO"]:
            return answer("404 NOT FOUND")
        return status, headers, body
    return rewrite_response(app, change)


@mutant("redirects", kills=["redirects.merge.variable-part-kept"])
def merges_inside_variables(app):
    """Every path is normalised, the slashes in a path converter's value included."""
    def change(status, headers, body, environ):
        path = environ["PATH_INFO"]
        if "//" in path and not is_redirect(status):
            while "//" in path:
                path = path.replace("//", "/")
            return answer(REDIRECT, origin(environ) + path)
        return status, headers, body
    return rewrite_response(app, change)


@mutant("redirects", stage="setup", kills=["redirects.merge.disabled"])
def merge_option_ignored(app):
    """The rule's merge_slashes=False is dropped, so its URL with doubled slashes redirects."""
    base = app.url_rule_class

    class Rule(base):
        def __init__(self, string, **options):
            options.pop("merge_slashes", None)
            super().__init__(string, **options)

    app.url_rule_class = Rule


# Catch-all error handlers

@mutant("redirects", stage="setup", kills=[
    "redirects.catch-all.http-exception.missing-slash", "redirects.catch-all.http-exception.defaults",
    "redirects.catch-all.exception.missing-slash", "redirects.catch-all.exception.defaults",
])
def routing_redirect_passed_to_handlers(app):
    """Every HTTP exception, the router's RequestRedirect included, goes to a registered handler
    (Flask 1.0.0 to 1.0.2)."""
    def handle_http_exception(error):
        handler = app._find_error_handler(error, request.blueprints)
        return error if handler is None else app.ensure_sync(handler)(error)
    app.handle_http_exception = handle_http_exception


@mutant("redirects", stage="setup", kills=[
    "redirects.catch-all.exception.missing-slash", "redirects.catch-all.exception.defaults",
])
def exception_handler_sees_everything(app):
    """A handler for ``Exception`` is given every exception before the HTTP ones are sorted out."""
    handle_user_exception = app.handle_user_exception

    def first_the_catch_all(error):
        handler = app.error_handler_spec.get(None, {}).get(None, {}).get(Exception)
        return handler(error) if handler is not None else handle_user_exception(error)
    app.handle_user_exception = first_the_catch_all


# Request hooks

@mutant("redirects", stage="setup", kills=["redirects.hooks.after-request", "redirects.hooks.before-request"])
def redirects_answered_by_the_router(app):
    """The router answers its redirects itself, before the request reaches the application's
    hooks."""
    inner = app.wsgi_app

    def early(environ, start_response):
        try:
            app.url_map.bind_to_environ(environ).match(method=environ["REQUEST_METHOD"])
        except RequestRedirect as redirect:
            return redirect.get_response(environ)(environ, start_response)
        except HTTPException:
            pass
        return inner(environ, start_response)
    app.wsgi_app = early


# The redirect's own body

def rewrite_redirect_body(app, body_for, content_type="text/html; charset=utf-8"):
    """Middleware giving each redirect the body ``body_for(location)``."""
    def change(status, headers, body, environ):
        if not is_redirect(status):
            return status, headers, body
        location = next(v for k, v in headers if k.lower() == "location")
        kept = [(k, v) for k, v in headers if k.lower() != "content-type"]
        return status, kept + [("Content-Type", content_type)], body_for(location).encode("utf-8")
    return rewrite_response(app, change)


@mutant("redirects", kills=["redirects.body.hypertext-link", "redirects.body.werkzeug-page",
                            "redirects.body.content-type"])
def redirect_body_plain_text(app):
    """A redirect whose body is a plain-text status line, with no link to follow."""
    return rewrite_redirect_body(app, lambda location: "308 Permanent Redirect", "text/plain; charset=utf-8")


@mutant("redirects", kills=["redirects.body.hypertext-link", "redirects.body.werkzeug-page"])
def redirect_link_not_escaped(app):
    """The Location pasted into the link unescaped, so ``&copy=2`` reads as ``©=2``."""
    return rewrite_redirect_body(app, lambda location: '<p>Redirecting to <a href="%s">%s</a>.' % (location, location))


@mutant("redirects", kills=["redirects.body.werkzeug-page"])
def redirect_page_before_werkzeug_2_1_2(app):
    """Werkzeug's page before 2.1.2 (HTML 3.2 doctype, other wording), claiming a newer one."""
    return rewrite_redirect_body(app, lambda location: (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>Redirecting...</title>\n'
        '<h1>Redirecting...</h1>\n<p>You should be redirected automatically to target URL: '
        '<a href="{0}">{0}</a>. If not click the link.'.format(html.escape(location))))


@mutant("redirects", kills=["redirects.defaults.location-encoded", "redirects.slash.location.percent-encoded"])
def location_path_decoded(app):
    """The Location's path written as decoded text (``/cat/café x``), not as a URI."""
    return rewrite_location(app, lambda p, e: urlunsplit(p._replace(path=unquote(p.path))))


@mutant("redirects", kills=["redirects.slash.before-catch-all"])
def leaf_rules_before_slash_redirect(app):
    """Every rule without a trailing slash is tried before any trailing-slash redirect, so a
    ``path`` catch-all takes the slash-less URL of a more specific branch rule."""
    leaves = Map([rule.empty() for rule in app.url_map.iter_rules() if not rule.rule.endswith("/")])

    def change(status, headers, body, environ):
        if not is_redirect(status):
            return status, headers, body
        try:
            endpoint, values = leaves.bind_to_environ(environ).match()
        except HTTPException:
            return status, headers, body
        text = app.view_functions[endpoint](**values)
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], text.encode("utf-8")
    return rewrite_response(app, change)
