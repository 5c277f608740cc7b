"""Mutants of the responses chapter.

Most faults sit where a framework turns a view's return value into a response: they replace
``app.make_response`` on the new application (stage ``setup``) with a version that mishandles
one kind of value and hands everything else to the real one.
"""

import dataclasses
import datetime
import decimal
import http
import importlib.util
import uuid
from collections.abc import Iterator

import flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException, default_exceptions
from werkzeug.wrappers import Response as WerkzeugResponse

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


def fixture_with(**names):
    """A fresh copy of the Flask fixture module in which ``names`` replace what it imported
    (``stream_with_context``...), for a fault inside a helper the views call."""
    from flask_conformance.fixtures.flask import responses as fixture

    spec = importlib.util.spec_from_file_location(f"{fixture.__name__}_mutated", fixture.__file__)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = fixture.__package__
    spec.loader.exec_module(module)
    vars(module).update(names)
    return module


def json_default(app, fault):
    """Make the app's JSON provider pass each value it cannot serialize natively to
    ``fault(value, original)``."""
    original = app.json.default
    app.json.default = lambda value: fault(value, original)


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


@mutant("responses", stage="setup", kills=["responses.object.werkzeug"])
def foreign_response_flattened(app):
    """Passes through only its own response class: another response object keeps its body but
    loses its status and headers."""
    def fault(rv, original):
        if isinstance(rv, WerkzeugResponse) and not isinstance(rv, app.response_class):
            rv = rv.get_data()
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


@mutant("responses", stage="setup", transport="both", kills=["responses.str.content-length"])
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


@mutant("responses", stage="setup", kills=["responses.stream.tuple"])
def stream_tuple_unwrapped(app):
    """Streams a generator inside a tuple but drops the tuple's status and headers."""
    def fault(rv, original):
        if isinstance(rv, tuple) and rv and isinstance(rv[0], Iterator):
            rv = rv[0]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", transport="both", kills=["responses.stream.incremental"])
def stream_buffered(app):
    """Collects the whole body before sending anything, as a buffering middleware does."""
    return rewrite_response(app, lambda status, headers, body, environ: (status, headers, body))


def truncating_stream_with_context(generator_or_function):
    """``stream_with_context`` that keeps no context: the generator runs after the request is
    gone, and the body silently ends where reading the request fails."""
    if callable(generator_or_function) and not isinstance(generator_or_function, Iterator):
        return lambda *args, **kwargs: truncating_stream_with_context(generator_or_function(*args, **kwargs))

    def chunks():
        try:
            yield from generator_or_function
        except RuntimeError:
            return
    return chunks()


@mutant("responses", stage="build", kills=[
    "responses.stream.request-context.wrapped",
    "responses.stream.request-context.decorated",
    "responses.stream.teardown-after-body",
])
def stream_context_not_kept(make_app):
    """``stream_with_context`` keeps nothing: the request is gone (and torn down) before the
    generator runs."""
    return fixture_with(stream_with_context=truncating_stream_with_context).create_app(make_app)


@mutant("responses", stage="setup", kills=["responses.stream.after-request-headers"])
def after_request_skips_streams(app):
    """Runs ``after_request`` functions only for responses whose body is already complete."""
    original = app.process_response

    def process_response(response):
        return response if response.is_streamed else original(response)
    app.process_response = process_response


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


@mutant("responses", stage="setup", kills=["responses.tuple.status.http-status"])
def http_status_member_ignored(app):
    """Honours a tuple's status only when it is a plain int, so an ``HTTPStatus`` member is
    dropped and the response keeps 200."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[1], http.HTTPStatus):
            rv = rv[0]
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.tuple.status.unregistered"])
def unregistered_status_refused(app):
    """Answers 500 for a tuple's status that has no registered reason phrase."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[1], int) and rv[1] not in list(http.HTTPStatus):
            rv = (rv[0], 500)
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


@mutant("responses", stage="setup", kills=["responses.invalid.server-error.reversed-tuple"])
def reversed_tuple_accepted(app):
    """Reads a ``(status, body)`` tuple as if it were written the right way round."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 2 and isinstance(rv[0], int):
            rv = (rv[1], rv[0])
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.invalid.server-error.empty-tuple"])
def empty_tuple_is_empty_ok(app):
    """Turns an empty tuple into an empty 200 response."""
    def fault(rv, original):
        return original("" if rv == () else rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.invalid.tuple-shape.one-item"])
def one_item_tuple_unwrapped(app):
    """Reads a one-item tuple as its body, as Flask 0.12 did."""
    def fault(rv, original):
        return original(rv[0] if isinstance(rv, tuple) and len(rv) == 1 else rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.invalid.tuple-shape.status-last"])
def status_and_headers_any_order(app):
    """Accepts a 3-tuple's status and headers in either order."""
    def fault(rv, original):
        if isinstance(rv, tuple) and len(rv) == 3 and isinstance(rv[1], dict) and isinstance(rv[2], int):
            rv = (rv[0], rv[2], rv[1])
        return original(rv)
    convert_with(app, fault)


@mutant("responses", kills=["responses.tuple.one-item"], profile="0.12.5")
def one_item_tuple_refused_on_0_12(app):
    """Claims the Flask 0.12 API but refuses a one-item tuple (the 1.0 behaviour)."""
    return app


# HTTP exceptions and abort


@mutant("responses", stage="setup", kills=["responses.http-exception.status", "responses.http-exception.headers"])
def returned_http_exception_as_text(app):
    """Honours HTTP exceptions only when raised: a returned one is sent as its text, with 200."""
    def fault(rv, original):
        if isinstance(rv, HTTPException):
            rv = str(rv)
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.http-exception.headers"])
def returned_http_exception_rebuilt(app):
    """Builds a response from a returned HTTP exception's status and page, losing its headers."""
    def fault(rv, original):
        if isinstance(rv, HTTPException):
            return app.response_class(rv.get_body(), rv.code, mimetype="text/html")
        return original(rv)
    convert_with(app, fault)


@mutant("responses", stage="setup", kills=["responses.abort.response"])
def aborted_response_rebuilt(app):
    """Sends the body and status of a response given to ``abort``, but not its headers."""
    original = app.handle_http_exception

    def handle_http_exception(error):
        if error.code is None and error.response is not None:
            return app.response_class(error.response.get_data(), error.response.status_code)
        return original(error)
    app.handle_http_exception = handle_http_exception


@mutant("responses", stage="setup", kills=["responses.abort.response-not-handled"])
def aborted_response_handled(app):
    """Passes a response given to ``abort`` to the error handler registered for its status."""
    original = app.handle_http_exception

    def handle_http_exception(error):
        if error.code is None and error.response is not None:
            error = default_exceptions[error.response.status_code](response=error.response)
        return original(error)
    app.handle_http_exception = handle_http_exception


# Values the JSON provider converts


@mutant("responses", stage="setup", kills=[
    "responses.json.date.date",
    "responses.json.date.naive-datetime",
    "responses.json.date.aware-datetime",
    "responses.exact.json-value.datetime",
])
def dates_as_iso_8601(app):
    """Serializes dates and datetimes in ISO 8601, the form most JSON libraries choose."""
    json_default(app, lambda value, original: value.isoformat()
                 if isinstance(value, datetime.date) else original(value))


@mutant("responses", stage="setup", kills=["responses.json.date.aware-datetime"])
def aware_datetime_not_converted(app):
    """Writes an aware datetime's wall-clock time as GMT without converting it (Flask 0.12's bug)."""
    json_default(app, lambda value, original: original(value.replace(tzinfo=None))
                 if isinstance(value, datetime.datetime) else original(value))


@mutant("responses", stage="setup", kills=["responses.json.uuid", "responses.exact.json-value.uuid"])
def uuid_as_hex(app):
    """Serializes a UUID as its 32 hexadecimal digits, without hyphens."""
    json_default(app, lambda value, original: value.hex if isinstance(value, uuid.UUID) else original(value))


@mutant("responses", stage="setup", kills=["responses.json.decimal"])
def decimal_as_float(app):
    """Serializes a Decimal as a JSON number, losing its precision."""
    json_default(app, lambda value, original: float(value)
                 if isinstance(value, decimal.Decimal) else original(value))


@mutant("responses", stage="setup", kills=["responses.json.decimal"])
def decimal_normalized(app):
    """Serializes a Decimal as a string without its trailing zeros (``12.5``)."""
    json_default(app, lambda value, original: str(value.normalize())
                 if isinstance(value, decimal.Decimal) else original(value))


@mutant("responses", stage="setup", kills=["responses.json.dataclass"])
def dataclass_as_text(app):
    """Serializes a dataclass as its repr."""
    json_default(app, lambda value, original: repr(value)
                 if dataclasses.is_dataclass(value) else original(value))


@mutant("responses", stage="setup", kills=["responses.json.html-object"])
def html_object_as_text(app):
    """Ignores ``__html__`` and serializes such an object with ``str()``."""
    json_default(app, lambda value, original: str(value) if hasattr(value, "__html__") else original(value))


@mutant("responses", stage="setup", kills=["responses.json.unserializable"])
def unserializable_as_text(app):
    """Serializes any value it does not know with ``str()`` instead of failing."""
    def fault(value, original):
        try:
            return original(value)
        except TypeError:
            return str(value)
    json_default(app, fault)


# make_response


def text_only_make_response(*args):
    """``make_response`` that takes a lone dict for text, as if only views converted dicts."""
    if len(args) == 1 and isinstance(args[0], dict):
        args = (str(args[0]),)
    return flask.make_response(*args)


@mutant("responses", stage="build", kills=["responses.make-response.dict"])
def make_response_dict_as_text(make_app):
    """``make_response`` sends a dict as its Python text, not as JSON."""
    return fixture_with(make_response=text_only_make_response).create_app(make_app)


@mutant("responses", stage="setup", kills=["responses.make-response.no-arguments"])
def empty_response_not_empty(app):
    """Gives a response built without a body a placeholder body."""
    class PlaceholderResponse(app.response_class):
        def __init__(self, response=None, *args, **kwargs):
            super().__init__("empty" if response is None else response, *args, **kwargs)

    app.response_class = PlaceholderResponse


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


@mutant("responses", stage="setup", kills=["responses.jsonify.no-arguments"])
def jsonify_nothing_as_object(app):
    """Serializes ``jsonify()`` without arguments as an empty object, as Flask did before 2.2."""
    json_provider(app, lambda args, kwargs: (({},), {}) if not args and not kwargs else (args, kwargs))


@mutant("responses", kills=["responses.jsonify.no-arguments-object"], profile="2.1.3")
def jsonify_nothing_as_null_on_2_1(app):
    """Claims the Flask 2.1 API but serializes ``jsonify()`` as ``null`` (the 2.2 behaviour)."""
    return app
