"""Responses: media types spelled as RFC 9110 allows, another default media type, JSON and
cookies written otherwise with the same meaning."""

import datetime
import decimal
import time
import uuid

from tests.variants import rewrite_header, variant


CONTENT_TYPES = {
    "text/html; charset=utf-8": 'Text/HTML;Charset="UTF-8"',
    "text/plain; charset=utf-8": "text/plain ;charset=UTF-8",
    "text/csv; charset=utf-8": "TEXT/CSV;  CHARSET=Utf-8",
    "text/plain": "Text/Plain",
    "application/json": "application/json; charset=UTF-8",
}

#: The requirements about Flask's exact Content-Type bytes, one per case.
EXACT_TYPES = {f"responses.exact.content-type.{case}" for case in ("str", "object", "jsonify")}


@variant("responses", transport="both", fails=EXACT_TYPES)
def content_types_spelled_otherwise(app):
    """Every Content-Type in another spelling of the same media type and charset (and JSON with
    the ``charset=UTF-8`` RFC 8259 says changes nothing), as Bottle and Microdot write them."""
    return rewrite_header(app, "content-type", lambda v: CONTENT_TYPES.get(v, v))


@variant("responses", stage="setup", fails={
    "responses.str.content-type", "responses.bytes.content-type", "responses.exact.content-type.str"})
def default_media_type_plain_text(app):
    """Text and bytes default to ``text/plain; charset=utf-8`` (Microdot's default): only the
    requirements about the default media type fail, not those about statuses, tuples or streams."""
    class PlainResponse(app.response_class):
        default_mimetype = "text/plain"

    app.response_class = PlainResponse


@variant("responses", transport="both", fails={"responses.exact.content-type.object"})
def view_media_type_without_charset(app):
    """A ``text/plain`` a view sets sent without the charset Werkzeug appends."""
    return rewrite_header(app, "content-type",
                          lambda v: "text/plain" if v == "text/plain; charset=utf-8" else v)


@variant("responses", stage="setup", fails={"responses.exact.json-body"})
def json_indented_unsorted(app):
    """JSON indented, keys in insertion order and non-ASCII text as UTF-8: the same JSON."""
    provider = app.json
    provider.compact, provider.sort_keys, provider.ensure_ascii = False, False, False


@variant("responses", stage="setup", fails={"responses.make-response.cookie-path-attribute"})
def cookie_without_path_attribute(app):
    """Cookies set without a ``Path``: for ``/make-response`` RFC 6265's default path is ``/``."""
    class PathlessCookies(app.response_class):
        def set_cookie(self, key, value="", **options):
            options.setdefault("path", None)
            super().set_cookie(key, value, **options)

    app.response_class = PathlessCookies


def json_default(app, change):
    """Make the app's JSON provider serialize with ``change(value, original)``."""
    original = app.json.default
    app.json.default = lambda value: change(value, original)


def _utc(value):
    """A date or datetime as a naive UTC datetime, the way Werkzeug's ``http_date`` reads it."""
    if not isinstance(value, datetime.datetime):
        return datetime.datetime.combine(value, datetime.time())
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


@variant("responses", stage="setup", fails={"responses.exact.json-value.datetime"})
def json_dates_in_obsolete_forms(app):
    """Dates in asctime form and datetimes in RFC 850 form: HTTP dates RFC 9110 obliges
    recipients to read, naming the same instants."""
    def change(value, original):
        if isinstance(value, datetime.datetime):
            return _utc(value).strftime("%A, %d-%b-%y %H:%M:%S GMT")
        if isinstance(value, datetime.date):
            return time.asctime(_utc(value).timetuple())
        return original(value)
    json_default(app, change)


@variant("responses", stage="setup", fails={"responses.exact.json-value.uuid"})
def json_uuid_upper_case(app):
    """UUIDs with upper-case hexadecimal digits: the same UUID."""
    json_default(app, lambda value, original: str(value).upper()
                 if isinstance(value, uuid.UUID) else original(value))


@variant("responses", stage="setup")
def json_decimal_in_exponent_form(app):
    """Decimals in exponent notation (``1.250E+1`` for ``12.50``): the same number with the same
    precision."""
    json_default(app, lambda value, original: f"{value:E}"
                 if isinstance(value, decimal.Decimal) else original(value))


@variant("responses", transport="both")
def allow_as_separate_lines(app):
    """An ``Allow`` sent as one field line per method, in another order and case: the same list."""
    def middleware(environ, start_response):
        def split(status, headers, exc_info=None):
            allow = [v for k, v in headers if k.lower() == "allow"]
            if allow:
                headers = [(k, v) for k, v in headers if k.lower() != "allow"]
                methods = [m.strip() for v in allow for m in v.split(",") if m.strip()]
                headers += [("allow", m.lower()) for m in reversed(methods)]
            return start_response(status, headers, exc_info)
        return app(environ, split)
    return middleware
