"""Mutants of the requests chapter: faults in how a framework hands the request to the view."""

import io
import json
import re
from urllib.parse import quote, unquote

from flask import Request
from werkzeug.exceptions import BadRequest

from . import mutant, rewrite_request, rewrite_response
from .redirects import claims


def rewrite_json(app, prefix, change):
    """A middleware passing the JSON a view under ``prefix`` reports through ``change(value,
    environ)``, which returns the value to send instead (a fault in what the view was handed)."""
    def edit(status, headers, body, environ):
        if not environ.get("PATH_INFO", "").startswith(prefix) or not status.startswith("200"):
            return status, headers, body
        return status, headers, json.dumps(change(json.loads(body), environ)).encode("utf-8")
    return rewrite_response(app, edit)


def rewrite_body(app, change):
    """A middleware letting ``change(body, environ)`` return the request body the app reads."""
    def edit(environ):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        body = change(body, environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
    return rewrite_request(app, edit)


def rewrite_parts(app, change):
    """A middleware letting ``change(parts)`` rewrite a multipart body's parts, each a
    ``[head, data]`` pair of bytes; it returns the new list."""
    def edit(body, environ):
        match = re.search(r"boundary=([^;]+)", environ.get("CONTENT_TYPE", ""))
        if not match:
            return body
        delimiter = b"--" + match.group(1).encode("ascii")
        chunks = body.split(delimiter)
        parts = [chunk[2:-2].split(b"\r\n\r\n", 1) for chunk in chunks[1:-1]]
        parts = change(parts)
        return b"".join(delimiter + b"\r\n" + head + b"\r\n\r\n" + data + b"\r\n" for head, data in parts) + delimiter + b"--\r\n"
    return rewrite_body(app, edit)


def rewrite_query(app, change):
    """A middleware letting ``change(query_string)`` return the query string the app sees."""
    def edit(environ):
        environ["QUERY_STRING"] = change(environ.get("QUERY_STRING", ""))
    return rewrite_request(app, edit)


def error_status(app, path, status, replacement):
    """A middleware answering ``replacement`` where the view at ``path`` answered ``status``."""
    def edit(old, headers, body, environ):
        if environ.get("PATH_INFO") == path and old.startswith(status):
            return replacement, headers, body
        return old, headers, body
    return rewrite_response(app, edit)


def request_class(app, **overrides):
    """The app's request class replaced by a subclass with ``overrides``."""
    app.request_class = type("MutantRequest", (Request,), overrides)


# The query string.

@mutant("requests", kills=["requests.args.values", "requests.args.repeated", "requests.args.first",
                           "requests.args.plus", "requests.args.percent", "requests.args.blank"])
def query_string_ignored(app):
    """The view sees no query string at all."""
    return rewrite_query(app, lambda query: "")


@mutant("requests", kills=["requests.args.repeated", "requests.args.first"])
def repeated_keys_reversed(app):
    """The query's pairs handed over in reverse order."""
    return rewrite_query(app, lambda query: "&".join(reversed(query.split("&"))))


@mutant("requests", kills=["requests.args.repeated"])
def last_value_wins(app):
    """A key sent several times keeps its last value only."""
    def change(query):
        pairs = {}
        for pair in query.split("&"):
            pairs[pair.split("=")[0]] = pair
        return "&".join(pairs.values())
    return rewrite_query(app, change)


@mutant("requests", kills=["requests.args.plus"])
def plus_kept(app):
    """A ``+`` in the query read as a plus sign, not a space."""
    return rewrite_query(app, lambda query: query.replace("+", "%2B"))


@mutant("requests", kills=["requests.args.percent"])
def query_escapes_as_latin1(app):
    """Query escapes decoded as Latin-1, not UTF-8."""
    def change(query):
        return "&".join("=".join(quote(unquote(side, encoding="latin-1"), safe="+") for side in pair.split("=", 1))
                        for pair in query.split("&"))
    return rewrite_query(app, change)


@mutant("requests", kills=["requests.args.blank"])
def blank_values_dropped(app):
    """Keys without a value left out."""
    return rewrite_query(app, lambda query: "&".join(p for p in query.split("&") if "=" in p and not p.endswith("=")))


@mutant("requests", kills=["requests.args.missing-key"])
def missing_query_key_is_500(app):
    """A missing ``args`` key is an unhandled error (500), not 400."""
    return error_status(app, "/args/item", "400", "500 INTERNAL SERVER ERROR")


# Form bodies.

def _urlencoded(change):
    def edit(body, environ):
        return change(body) if "urlencoded" in environ.get("CONTENT_TYPE", "").lower() else body
    return edit


@mutant("requests", kills=["requests.form.urlencoded"])
def form_plus_kept(app):
    """A ``+`` in a urlencoded body read as a plus sign."""
    return rewrite_body(app, _urlencoded(lambda body: body.replace(b"+", b"%2B")))


@mutant("requests", kills=["requests.form.repeated"])
def form_pairs_reversed(app):
    """The urlencoded body's pairs handed over in reverse order."""
    return rewrite_body(app, _urlencoded(lambda body: b"&".join(reversed(body.split(b"&")))))


@mutant("requests", kills=["requests.form.multipart", "requests.files.separate"])
def multipart_text_parts_dropped(app):
    """The text parts of a multipart body are lost; only files remain."""
    return rewrite_parts(app, lambda parts: [p for p in parts if b"filename=" in p[0]])


@mutant("requests", kills=["requests.form.media-type-case", "requests.json.media-type.case"])
def media_types_case_sensitive(app):
    """A media type in capitals is not recognised (treated as ``text/plain``)."""
    def edit(environ):
        if environ.get("CONTENT_TYPE", "").split(";")[0] != environ.get("CONTENT_TYPE", "").split(";")[0].lower():
            environ["CONTENT_TYPE"] = "text/plain"
    return rewrite_request(app, edit)


@mutant("requests", kills=["requests.form.missing-key"])
def missing_form_key_is_500(app):
    """A missing ``form`` key is an unhandled error (500), not 400."""
    return error_status(app, "/form/item", "400", "500 INTERNAL SERVER ERROR")


# Files.

@mutant("requests", kills=["requests.files.filename", "requests.files.repeated"])
def filename_replaced(app):
    """Every uploaded file named ``file``, whatever the client sent."""
    return rewrite_parts(app, lambda parts: [[re.sub(rb'filename="[^"]*"', b'filename="file"', h), d] for h, d in parts])


@mutant("requests", kills=["requests.files.content"])
def file_read_as_text(app):
    """File contents with their CRLF line breaks turned into LF."""
    return rewrite_parts(app, lambda parts: [[h, d.replace(b"\r\n", b"\n") if b"filename=" in h else d] for h, d in parts])


@mutant("requests", kills=["requests.files.content-type"])
def file_media_type_lost(app):
    """Every file's media type reported as ``application/octet-stream``."""
    return rewrite_parts(app, lambda parts: [
        [re.sub(rb"Content-Type: [^\r\n]*", b"Content-Type: application/octet-stream", h), d] for h, d in parts])


@mutant("requests", kills=["requests.files.separate"])
def text_parts_as_files(app):
    """Text parts handed over as files too (a filename made up for them)."""
    return rewrite_parts(app, lambda parts: [
        [h if b"filename=" in h else h + b'; filename="text"', d] for h, d in parts])


@mutant("requests", kills=["requests.files.repeated"])
def last_file_wins(app):
    """Of several files under one name, the last only."""
    def change(parts):
        kept = {}
        for head, data in parts:
            kept[re.search(rb'name="([^"]*)"', head).group(1)] = [head, data]
        return list(kept.values())
    return rewrite_parts(app, change)


# JSON.

@mutant("requests", stage="setup", kills=["requests.json.parsed", "requests.json.force"])
def json_nulls_dropped(app):
    """JSON objects parsed without their null members."""
    def get_json(self, force=False, silent=False, cache=True):
        value = Request.get_json(self, force=force, silent=silent, cache=cache)
        return json.loads(json.dumps(value), object_hook=lambda o: {k: v for k, v in o.items() if v is not None})
    request_class(app, get_json=get_json)


@mutant("requests", stage="setup", kills=["requests.json.media-type.suffix"])
def json_exact_media_type_only(app):
    """Only ``application/json`` itself counts as JSON, not ``application/*+json``."""
    request_class(app, is_json=property(lambda self: self.mimetype == "application/json"))


@mutant("requests", stage="setup", kills=["requests.json.media-type.parameter"])
def json_without_parameters_only(app):
    """``application/json`` with a parameter does not count as JSON."""
    request_class(app, is_json=property(lambda self: self.headers.get("Content-Type", "").lower() == "application/json"))


@mutant("requests", stage="setup", kills=["requests.json.invalid.syntax", "requests.json.invalid.empty"])
def invalid_json_is_none(app):
    """A body that is not JSON gives ``None`` instead of a 400."""
    def on_json_loading_failed(self, e):
        if e is None:
            return Request.on_json_loading_failed(self, e)
        return None
    request_class(app, on_json_loading_failed=on_json_loading_failed)


@claims(werkzeug="2.0.3")
@mutant("requests", kills=["requests.json.wrong-media-type.ignored"])
def old_werkzeug_refusing_other_media_types(app):
    """Claims Werkzeug 2.0, whose get_json returned None for another media type, but refuses it."""
    return app


@claims(werkzeug="2.2.3")
@mutant("requests", kills=["requests.json.wrong-media-type.400"])
def werkzeug_22_answering_415(app):
    """Claims Werkzeug 2.2, which answered 400, but answers 415."""
    return app


@mutant("requests", stage="setup", kills=["requests.json.wrong-media-type.415"])
def wrong_media_type_is_400(app):
    """Another media type answered with 400, as Flask 2.0's error hook made of it."""
    def on_json_loading_failed(self, e):
        raise BadRequest()
    request_class(app, on_json_loading_failed=on_json_loading_failed)


@mutant("requests", stage="setup", kills=["requests.json.silent.invalid", "requests.json.silent.wrong-media-type"])
def silent_ignored(app):
    """``silent=True`` ignored: the failure is raised."""
    def get_json(self, force=False, silent=False, cache=True):
        return Request.get_json(self, force=force, silent=False, cache=cache)
    request_class(app, get_json=get_json)


@mutant("requests", stage="setup", kills=["requests.json.force"])
def force_ignored(app):
    """``force=True`` ignored: the media type still decides."""
    def get_json(self, force=False, silent=False, cache=True):
        return Request.get_json(self, force=False, silent=silent, cache=cache)
    request_class(app, get_json=get_json)


# The raw body.

@mutant("requests", kills=["requests.data.raw.binary", "requests.data.raw.text"])
def body_read_as_text(app):
    """The body read as UTF-8 text, undecodable bytes replaced and trailing whitespace stripped."""
    def change(body, environ):
        if "form" in environ.get("CONTENT_TYPE", ""):
            return body
        return body.decode("utf-8", "replace").rstrip().encode("utf-8")
    return rewrite_body(app, change)


@mutant("requests", kills=["requests.data.raw.no-media-type"])
def body_without_media_type_dropped(app):
    """A body without a ``Content-Type`` is not read."""
    return rewrite_body(app, lambda body, environ: body if environ.get("CONTENT_TYPE") else b"")


# The size limit.

@mutant("requests", kills=["requests.limit.exceeded.urlencoded", "requests.limit.exceeded.multipart",
                           "requests.limit.exceeded.raw"])
def limit_ignored(app):
    """``MAX_CONTENT_LENGTH`` not enforced."""
    app.config["MAX_CONTENT_LENGTH"] = None
    return app


@mutant("requests", kills=["requests.limit.within"])
def limit_off_by_one(app):
    """A body of exactly the limit refused."""
    app.config["MAX_CONTENT_LENGTH"] -= 1
    return app


# The request's description.

def _info(change):
    return lambda app: rewrite_json(app, "/request", lambda info, environ: dict(info, **change(info, environ)))


@mutant("requests", kills=[f"requests.info.method.{case}" for case in ("get", "post", "put", "patch", "delete", "extension")])
def method_in_lower_case(app):
    """The method reported in lower case."""
    return _info(lambda info, environ: {"method": info["method"].lower()})(app)


@mutant("requests", kills=["requests.info.path"])
def path_not_decoded(app):
    """The path reported percent-encoded, as sent."""
    return _info(lambda info, environ: {"path": quote(info["path"])})(app)


@mutant("requests", kills=["requests.info.script-root"])
def script_root_in_path(app):
    """The mount point reported as part of the path, the script root empty."""
    return _info(lambda info, environ: {"path": info["script_root"] + info["path"], "script_root": ""})(app)


@mutant("requests", kills=["requests.info.full-path", "requests.info.full-path-mark"])
def full_path_without_query(app):
    """``full_path`` without the query string or the ``?``."""
    return _info(lambda info, environ: {"full_path": info["path"]})(app)


@mutant("requests", kills=["requests.info.full-path-no-query"])
def full_path_with_none(app):
    """``full_path`` of a request without a query ending in ``?None``."""
    return _info(lambda info, environ: {"full_path": info["full_path"] + ("None" if info["full_path"].endswith("?") else "")})(app)


@mutant("requests", kills=["requests.info.url.plain", "requests.info.url.https-port", "requests.info.url.script-root"])
def url_without_query(app):
    """``url`` without the query string."""
    return _info(lambda info, environ: {"url": info["url"].split("?")[0]})(app)


@mutant("requests", kills=[f"requests.info.{name}.{case}" for name in ("url", "base-url")
                           for case in ("plain", "https-port", "script-root")])
def url_on_server_name(app):
    """``url`` and ``base_url`` on ``http://localhost``, not the request's scheme, host and mount."""
    def change(info, environ):
        return {name: re.sub(r"^[a-z]+://[^/]*(/prefix)?", "http://localhost", info[name]) for name in ("url", "base_url")}
    return _info(change)(app)


@mutant("requests", kills=["requests.info.base-url.plain", "requests.info.base-url.https-port",
                           "requests.info.base-url.script-root"])
def base_url_with_query(app):
    """``base_url`` with the query string."""
    return _info(lambda info, environ: {"base_url": info["url"]})(app)


@mutant("requests", kills=["requests.info.host.name", "requests.info.host.port"])
def host_with_default_port(app):
    """``host`` with ``:80`` added."""
    return _info(lambda info, environ: {"host": info["host"] + ":80"})(app)


# Header fields and cookies.

@mutant("requests", kills=["requests.headers.any-case"])
def headers_case_sensitive(app):
    """Header fields found only under the name's canonical spelling (``X-Custom-Field``)."""
    def change(found, environ):
        return {name: value if name == "-".join(w.capitalize() for w in name.split("-")) else None
                for name, value in found.items()}
    return rewrite_json(app, "/headers", change)


@mutant("requests", kills=["requests.headers.absent"])
def absent_header_is_empty(app):
    """An absent header field reported as the empty string."""
    return rewrite_json(app, "/headers", lambda found, environ: {k: "" if v is None else v for k, v in found.items()})


@mutant("requests", kills=["requests.cookies.values"])
def first_cookie_only(app):
    """Only the first cookie of the ``Cookie`` field is read."""
    def edit(environ):
        if "HTTP_COOKIE" in environ:
            environ["HTTP_COOKIE"] = environ["HTTP_COOKIE"].split(";")[0]
    return rewrite_request(app, edit)
