"""Mutants of the responses chapter.

Most faults sit where a framework turns a view's return value into a response: they replace
``app.make_response`` on the new application (stage ``setup``) with a version that mishandles
one kind of value and hands everything else to the real one.
"""

from collections.abc import Iterator

from flask.json.provider import DefaultJSONProvider

from . import MUTANTS, mutant, rewrite_response


def convert_with(app, fault):
    """Replace ``app.make_response`` with ``fault(rv, original)``."""
    original = app.make_response
    app.make_response = lambda rv: fault(rv, original)


def on_profile(name, profile):
    """Make the mutant ``name`` claim the Flask-API version ``profile`` (for ``until`` notes)."""
    for registered in MUTANTS:
        if registered.name == name:
            registered.flask_api = profile
            return
    raise LookupError(name)


# Response objects


@mutant("responses", stage="setup", kills=[
    "responses.object.passthrough",
    "responses.make-response.header",
    "responses.make-response.cookie",
    "responses.make-response.status-body",
])
def response_object_rebuilt(app):
    """Copies only the body of a returned response object into a fresh default response."""
    def fault(rv, original):
        if isinstance(rv, app.response_class):
            return app.response_class(rv.get_data())
        return original(rv)
    convert_with(app, fault)


# str and bytes


@mutant("responses", stage="setup", kills=[
    "responses.str.content-type",
    "responses.bytes.content-type",
    "responses.exact.content-type.str",
])
def default_media_type_plain_text(app):
    """Text and bytes default to ``text/plain`` instead of ``text/html``."""
    class PlainResponse(app.response_class):
        default_mimetype = "text/plain"

    app.response_class = PlainResponse


def _content_types(change):
    """A response rewrite passing every Content-Type value through ``change``."""
    return lambda status, headers, body, environ: (
        status, [(k, change(v) if k.lower() == "content-type" else v) for k, v in headers], body)


@mutant("responses", kills=[
    "responses.str.content-type",
    "responses.bytes.content-type",
])
def default_charset_left_out(app):
    """Sends the default media type without its charset (``text/html``): the media type matches,
    the charset does not, so case-insensitive comparison must still check the value."""
    return rewrite_response(app, _content_types(lambda v: "text/html" if v == "text/html; charset=utf-8" else v))


@mutant("responses", kills=["responses.str.content-type", "responses.bytes.content-type"])
def default_charset_latin1(app):
    """Declares the default charset as ISO-8859-1 (written in upper case, like many servers)."""
    return rewrite_response(app, _content_types(
        lambda v: "text/html; charset=ISO-8859-1" if v == "text/html; charset=utf-8" else v))


@mutant("responses", kills=["responses.json.dict", "responses.jsonify.content-type"])
def json_declares_latin1(app):
    """Adds ``charset=iso-8859-1`` to ``application/json``: only an equivalent ``utf-8`` is allowed."""
    return rewrite_response(app, _content_types(
        lambda v: "application/json; charset=iso-8859-1" if v == "application/json" else v))


@mutant("responses", stage="setup", kills=["responses.str.utf8-body"])
def str_encoded_latin1(app):
    """Encodes text as ISO-8859-1 (HTTP/1.1's old default) while declaring UTF-8."""
    def fault(rv, original):
        if isinstance(rv, str):
            return original(rv.encode("latin-1", "replace"))
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.str.status"])
def str_answered_created(app):
    """Answers a plain text return value with 201 instead of 200."""
    def fault(rv, original):
        response = original(rv)
        if isinstance(rv, str):
            response.status_code = 201
        return response
    convert_with(app, fault)


@mutant("responses", stage="setup", transport="http", kills=["responses.str.content-length"])
def no_content_length(app):
    """Never computes a Content-Length, even for a body known in advance."""
    class UnsizedResponse(app.response_class):
        automatically_set_content_length = False

    app.response_class = UnsizedResponse


@mutant("responses", stage="setup", kills=["responses.bytes.body", "responses.bytes.content-type"])
def bytes_decoded_as_text(app):
    """Treats bytes as UTF-8 text (invalid bytes replaced) and serves them as plain text."""
    def fault(rv, original):
        if isinstance(rv, bytes):
            return app.response_class(rv.decode("utf-8", "replace"), mimetype="text/plain")
        return original(rv)
    convert_with(app, fault)


# dict and list


@mutant("responses", stage="setup", kills=[
    "responses.json.dict",
    "responses.json.list",
    "responses.jsonify.content-type",
])
def json_served_as_javascript(app):
    """Sends JSON with the pre-RFC 4627 media type ``text/javascript``."""
    app.json.mimetype = "text/javascript"


@mutant("responses", stage="setup", kills=["responses.json.list"])
def list_read_as_tuple(app):
    """Reads a returned list as a (body, status, headers) tuple, the bug of Flask 1.0.0."""
    def fault(rv, original):
        return original(tuple(rv) if isinstance(rv, list) else rv)
    convert_with(app, fault)


# Iterators and generators


@mutant("responses", stage="setup", kills=[
    "responses.stream.body.generator",
    "responses.stream.body.bytes",
    "responses.stream.body.iterator",
])
def iterators_rejected(app):
    """Refuses iterators and generators as return values, as Flask did before 2.2."""
    def fault(rv, original):
        if isinstance(rv, Iterator):
            raise TypeError(f"unsupported return type {type(rv).__name__}")
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.stream.body.iterator"])
def only_generators_streamed(app):
    """Streams generators but sends a plain iterator's repr as the body."""
    def fault(rv, original):
        if isinstance(rv, Iterator) and not hasattr(rv, "gi_frame"):
            return original(repr(rv))
        return original(rv)
    convert_with(app, fault)


@mutant("responses", transport="http", kills=["responses.stream.incremental"])
def stream_buffered(app):
    """Collects the whole body before sending anything, as a buffering middleware does."""
    return rewrite_response(app, lambda status, headers, body, environ: (status, headers, body))


# Tuples


@mutant("responses", stage="setup", kills=[
    "responses.tuple.status.integer",
    "responses.tuple.json-body",
    "responses.tuple.status-response-object",
])
def pair_read_as_headers(app):
    """Reads the second item of every 2-tuple as headers, so a status there is an error."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[1], int):
            response = original(rv[0])
            response.headers.update(rv[1])
            return response
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.tuple.status.string"])
def status_string_parsed_as_int(app):
    """Converts a status given as a string with ``int()``, which fails on a reason phrase."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) >= 2 and isinstance(rv[1], str):
            rv = (rv[0], int(rv[1])) + rv[2:]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.tuple.status-response-object"])
def response_object_keeps_status(app):
    """Applies a tuple's status only when it builds the response itself, not to a response
    object the view made."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[0], app.response_class):
            return rv[0]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=[
    "responses.tuple.extra-headers.dict",
    "responses.tuple.extra-headers.pairs",
])
def pair_read_as_status(app):
    """Reads the second item of every 2-tuple as a status, so headers there are an error."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[1], (dict, list)):
            response = original(rv[0])
            response.status_code = rv[1]
            return response
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=[
    "responses.tuple.extra-headers.pairs",
    "responses.tuple.status-and-headers.pairs",
    "responses.make-response.tuple-args",
])
def header_pairs_dropped(app):
    """Accepts tuple headers only as a dict and silently drops a list of pairs."""
    def fault(rv, original):
        if isinstance(rv, tuple) and isinstance(rv[-1], list):
            rv = rv[:-1]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=[
    "responses.tuple.status-and-headers.dict",
    "responses.tuple.status-and-headers.pairs",
])
def third_item_ignored(app):
    """Honours (body, status) but ignores the headers of a 3-tuple."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 3:
            rv = rv[:2]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.tuple.headers-replace"])
def tuple_headers_extend(app):
    """Adds tuple headers next to the response's own, the behaviour of Flask before 2.0."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[1], dict):
            response = original(rv[0])
            response.headers.extend(rv[1])
            return response
        return original(rv)
    convert_with(app, fault)


@mutant("responses", kills=["responses.tuple.headers-extend"])
def tuple_headers_replace_on_1_1(app):
    """Claims the Flask 1.1 API but already replaces same-named headers (the 2.0 behaviour)."""
    return app


on_profile("responses:tuple_headers_replace_on_1_1", "1.1.4")


# WSGI applications


@mutant("responses", stage="setup", kills=["responses.wsgi.callable"])
def wsgi_status_and_headers_lost(app):
    """Runs a returned WSGI application but keeps only its body."""
    def fault(rv, original):
        if callable(rv) and not isinstance(rv, app.response_class):
            return app.response_class(original(rv).get_data())
        return original(rv)
    convert_with(app, fault)


# Invalid return values


@mutant("responses", stage="setup", kills=["responses.invalid.server-error.none"])
def none_is_empty_ok(app):
    """Turns a missing return value into an empty 200 response."""
    def fault(rv, original):
        return original("" if rv is None else rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.invalid.server-error.number"])
def unknown_types_stringified(app):
    """Sends ``str()`` of a value of an unsupported type instead of failing."""
    def fault(rv, original):
        if isinstance(rv, (int, float)):
            rv = str(rv)
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.invalid.server-error.long-tuple"])
def long_tuple_truncated(app):
    """Uses the first three items of a longer tuple and ignores the rest."""
    def fault(rv, original):
        return original(rv[:3] if isinstance(rv, tuple) else rv)
    convert_with(app, fault)


# make_response


@mutant("responses", stage="setup", kills=["responses.make-response.cookie-path-attribute"])
def cookie_without_path(app):
    """Sets cookies without a Path: the same for a view at the top of the site (RFC 6265's
    default path is then ``/``), but not Flask's form."""
    class PathlessCookies(app.response_class):
        def set_cookie(self, key, value="", **options):
            options.setdefault("path", None)
            super().set_cookie(key, value, **options)

    app.response_class = PathlessCookies


@mutant("responses", stage="setup", kills=["responses.make-response.cookie"])
def cookie_scoped_to_view(app):
    """Sets cookies for the view's own path by default, so the rest of the site never sees them."""
    from flask import request

    class ViewScopedCookies(app.response_class):
        def set_cookie(self, key, value="", **options):
            options.setdefault("path", request.path)
            super().set_cookie(key, value, **options)

    app.response_class = ViewScopedCookies


@mutant("responses", stage="setup", kills=["responses.make-response.cookie"])
def cookie_persistent_by_default(app):
    """Gives cookies a lifetime of one day by default, so they outlive the browser session."""
    class LastingCookies(app.response_class):
        def set_cookie(self, key, value="", **options):
            options.setdefault("max_age", 86400)
            super().set_cookie(key, value, **options)

    app.response_class = LastingCookies


@mutant("responses", kills=["responses.tuple.json-body"], stage="setup")
def tuple_dict_as_text(app):
    """Sends a dict inside a tuple as its Python text, not as JSON."""
    def fault(rv, original):
        if isinstance(rv, tuple) and isinstance(rv[0], dict):
            rv = (str(rv[0]),) + rv[1:]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.exact.json-body"])
def json_pretty_printed(app):
    """Indents JSON for reading (the same JSON, not Flask's bytes)."""
    app.json.compact = False


@mutant("responses", kills=["responses.exact.content-type.object", "responses.exact.content-type.jsonify"])
def content_types_in_upper_case(app):
    """Writes every media type in upper case: equal as HTTP compares them, not Flask's bytes."""
    return rewrite_response(app, _content_types(str.upper))


# jsonify


def json_provider(app, rewrite):
    """Install a JSON provider whose ``response`` first passes its arguments to ``rewrite``."""
    class FaultyProvider(DefaultJSONProvider):
        def response(self, *args, **kwargs):
            args, kwargs = rewrite(args, kwargs)
            return super().response(*args, **kwargs)

    app.json = FaultyProvider(app)


@mutant("responses", stage="setup", kills=["responses.jsonify.arguments.keywords"])
def jsonify_keywords_as_pairs(app):
    """Serializes keyword arguments as a list of [name, value] pairs."""
    json_provider(app, lambda args, kwargs: (
        ([[k, v] for k, v in kwargs.items()],) if kwargs else args, {}))


@mutant("responses", stage="setup", kills=["responses.jsonify.arguments.positional"])
def jsonify_first_argument_only(app):
    """Serializes only the first of several positional arguments."""
    json_provider(app, lambda args, kwargs: (args[:1], kwargs))


@mutant("responses", stage="setup", kills=["responses.jsonify.arguments.single"])
def jsonify_single_argument_wrapped(app):
    """Always treats positional arguments as an array, even a single one."""
    json_provider(app, lambda args, kwargs: ((list(args),) if len(args) == 1 else args, kwargs))


@mutant("responses", stage="setup", kills=["responses.jsonify.args-and-kwargs"])
def jsonify_args_and_kwargs_merged(app):
    """Accepts both kinds of arguments, merging them into one object."""
    def rewrite(args, kwargs):
        if args and kwargs:
            return (), dict(kwargs, args=list(args))
        return args, kwargs
    json_provider(app, rewrite)
