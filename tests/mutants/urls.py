"""Mutants of the urls chapter: faults a URL builder could have."""

import html
import io
import json
import re
import uuid
from urllib.parse import quote, unquote

from werkzeug.routing import AnyConverter, FloatConverter, IntegerConverter, PathConverter, UUIDConverter

from . import mutant, rewrite_response


def rewrite_build(app, change):
    """A middleware passing each URL ``/build`` answers through ``change(url, asked, environ)``,
    ``asked`` being the request's JSON (endpoint and arguments); it returns the new URL."""
    def middleware(environ, start_response):
        if environ.get("PATH_INFO") != "/build":
            return app(environ, start_response)
        raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(raw)
        asked = json.loads(raw)

        def edit(status, headers, body, environ):
            if not status.startswith("200"):
                return status, headers, body
            url = change(json.loads(body)["url"], asked, environ)
            return status, headers, json.dumps({"url": url}).encode("utf-8")
        return rewrite_response(app, edit)(environ, start_response)
    return middleware


def _path_only(change):
    """``change`` applied to the URL's path, the rest kept."""
    def apply(url, asked, environ):
        match = re.match(r"^((?:[a-z]+://[^/]*)?)([^?#]*)(.*)$", url)
        return match.group(1) + change(match.group(2), asked) + match.group(3)
    return apply


@mutant("urls", kills=["urls.static.path.root", "urls.static.path.word", "urls.static.path.non-ascii"])
def static_rules_under_another_root(app):
    """URLs of static rules built under ``/static-root`` (a prefix the app does not have)."""
    def change(path, asked):
        return "/static-root" + path if asked["endpoint"] in ("index", "about", "cafe") else path
    return rewrite_build(app, _path_only(change))


VARIABLE_ENDPOINTS = ("user", "post", "fixed", "float", "files", "uuid", "any")


@mutant("urls", kills=[f"urls.variable.converter.{case}" for case in
                       ("string", "int", "fixed-digits", "float", "path", "uuid", "any")]
        + ["urls.variable.round-trip.uuid"])
def variable_rules_slash_terminated(app):
    """A slash appended to every URL of a rule with variables: the rule, without one, answers 404."""
    def change(path, asked):
        return path + "/" if asked["endpoint"] in VARIABLE_ENDPOINTS else path
    return rewrite_build(app, _path_only(change))


@mutant("urls", stage="setup", kills=["urls.variable.converter.fixed-digits", "urls.variable.round-trip.fixed-digits"])
def fixed_digits_not_padded(app):
    """The int converter builds the plain number, ignoring ``fixed_digits``."""
    class Unpadded(IntegerConverter):
        def to_url(self, value):
            return str(int(value))
    app.url_map.converters["int"] = Unpadded


@mutant("urls", stage="setup", kills=["urls.variable.converter.float", "urls.variable.round-trip.float"])
def float_built_as_integer(app):
    """The float converter builds the integer part only, which the float rule does not match."""
    class Truncating(FloatConverter):
        def to_url(self, value):
            return str(int(float(value)))
    app.url_map.converters["float"] = Truncating


@mutant("urls", stage="setup", kills=["urls.variable.converter.path"])
def path_slashes_encoded(app):
    """The path converter encodes the slashes of its value."""
    class Encoding(PathConverter):
        def to_url(self, value):
            return quote(str(value), safe="")
    app.url_map.converters["path"] = Encoding


@mutant("urls", stage="setup", kills=["urls.variable.converter.uuid", "urls.variable.round-trip.uuid"])
def uuid_without_dashes(app):
    """The uuid converter builds the 32 hex digits without dashes, which the rule does not match."""
    class Hex(UUIDConverter):
        def to_url(self, value):
            return uuid.UUID(str(value)).hex
    app.url_map.converters["uuid"] = Hex


@mutant("urls", stage="setup", kills=["urls.build-error.any-choice"])
def any_builds_any_value(app):
    """The any converter builds a value outside its choices (Werkzeug before 2.2 did)."""
    class Lenient(AnyConverter):
        def to_url(self, value):
            return quote(str(value))
    app.url_map.converters["any"] = Lenient


@mutant("urls", kills=["urls.variable.encoded.space", "urls.variable.encoded.non-ascii",
                       "urls.variable.encoded.delimiters", "urls.variable.encoded.percent",
                       "urls.static.path.non-ascii"])
def values_not_encoded(app):
    """The path built with its values as they are: spaces, ``?``, ``#``, ``%`` and non-ASCII raw."""
    return rewrite_build(app, _path_only(lambda path, asked: unquote(path)))


@mutant("urls", kills=["urls.variable.encoded.non-ascii", "urls.variable.round-trip.space-non-ascii",
                       "urls.variable.round-trip.path", "urls.static.path.non-ascii"])
def latin1_escapes(app):
    """Non-ASCII characters percent-encoded as Latin-1 (``%E9``), not UTF-8."""
    def change(path, asked):
        return quote(unquote(path), safe="/!$&'()*+,;=:@~", encoding="latin-1")
    return rewrite_build(app, _path_only(change))


@mutant("urls", kills=["urls.variable.round-trip.percent", "urls.variable.encoded.percent"])
def percent_taken_as_encoded(app):
    """A ``%`` in a value is taken as the start of an escape and left as it is."""
    return rewrite_build(app, _path_only(lambda path, asked: path.replace("%25", "%")))


@mutant("urls", kills=["urls.variable.round-trip.reserved"])
def urls_html_escaped(app):
    """The built URL HTML-escaped (``&amp;``, ``&#x27;``), as if bound for an attribute."""
    return rewrite_build(app, _path_only(lambda path, asked: html.escape(path)))


@mutant("urls", kills=["urls.variable.upper-hex", "urls.query.flask-form"])
def lower_case_escapes(app):
    """Percent-escapes with lower-case hex digits (equivalent, but not Flask's spelling)."""
    return rewrite_build(app, lambda url, asked, environ: re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), url))


@mutant("urls", kills=["urls.defaults.rule.default", "urls.defaults.rule.other"])
def defaults_rule_swapped(app):
    """The defaults rule built for other values and the variable rule for the defaults."""
    def change(path, asked):
        if asked["endpoint"] != "page":
            return path
        return "/page/1" if path == "/page/" else "/page/"
    return rewrite_build(app, _path_only(change))


@mutant("urls", kills=["urls.query.unknown-arguments", "urls.query.repeated", "urls.query.flask-form"])
def unknown_arguments_dropped(app):
    """Arguments without a rule variable are dropped: no query string."""
    return rewrite_build(app, lambda url, asked, environ: url.split("?")[0])


@mutant("urls", kills=["urls.query.repeated"])
def list_keeps_last_item(app):
    """A list value gives its last item only."""
    def change(url, asked, environ):
        path, _, query = url.partition("?")
        pairs = dict(pair.split("=", 1) for pair in query.split("&") if pair)
        return path + ("?" + "&".join(f"{k}={v}" for k, v in pairs.items()) if pairs else "")
    return rewrite_build(app, change)


@mutant("urls", kills=["urls.query.flask-form"])
def query_space_as_escape(app):
    """A space in the query written ``%20`` (equivalent as form data, not Flask's spelling)."""
    def change(url, asked, environ):
        path, sep, query = url.partition("?")
        return path + sep + query.replace("+", "%20")
    return rewrite_build(app, change)


@mutant("urls", kills=["urls.external.absolute.host-and-port", "urls.external.absolute.https"])
def external_on_server_name(app):
    """External URLs name ``http://localhost``, not the request's scheme, host and port."""
    return rewrite_build(app, lambda url, asked, environ: re.sub(r"^[a-z]+://[^/]*", "http://localhost", url))


@mutant("urls", kills=["urls.external.absolute.host-and-port", "urls.external.absolute.https"])
def external_ignored(app):
    """``_external`` ignored: a path is built, without scheme and host."""
    return rewrite_build(app, lambda url, asked, environ: re.sub(r"^[a-z]+://[^/]*", "", url))


@mutant("urls", kills=["urls.external.path-absolute"])
def always_external(app):
    """Every URL built absolute, ``_external`` or not."""
    def change(url, asked, environ):
        if "://" in url:
            return url
        return f"{environ['wsgi.url_scheme']}://{environ['HTTP_HOST']}{url}"
    return rewrite_build(app, change)


@mutant("urls", kills=["urls.external.scheme"])
def scheme_ignored(app):
    """``_scheme`` ignored: the request's own scheme is used."""
    return rewrite_build(app, lambda url, asked, environ: re.sub(r"^https://", "http://", url))


@mutant("urls", kills=["urls.anchor.fragment"])
def anchor_dropped(app):
    """``_anchor`` ignored: no fragment."""
    return rewrite_build(app, lambda url, asked, environ: url.split("#")[0])


@mutant("urls", kills=["urls.method.choose.get", "urls.method.choose.post"])
def method_ignored(app):
    """``_method`` read backwards: the rule of the other method is built."""
    def change(path, asked):
        swap = {"/method/get": "/method/post", "/method/post": "/method/get"}
        return swap.get(path, path) if asked["endpoint"] == "method" else path
    return rewrite_build(app, _path_only(change))


@mutant("urls", kills=["urls.script-root.path", "urls.script-root.external", "urls.script-root.round-trip"])
def script_root_ignored(app):
    """URLs built from the application root, without the prefix it is mounted under."""
    def change(url, asked, environ):
        root = environ.get("SCRIPT_NAME", "")
        return url.replace(root, "", 1) if root else url
    return rewrite_build(app, change)


@mutant("urls", kills=["urls.build-error.unknown-endpoint", "urls.build-error.missing-value",
                       "urls.build-error.invalid-value"])
def build_errors_give_empty_url(app):
    """A URL that cannot be built comes back empty instead of failing the request."""
    def middleware(environ, start_response):
        def change(status, headers, body, environ):
            if environ.get("PATH_INFO") == "/build" and status.startswith("500"):
                return "200 OK", [("Content-Type", "application/json")], b'{"url": ""}'
            return status, headers, body
        return rewrite_response(app, change)(environ, start_response)
    return middleware
