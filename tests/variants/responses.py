"""Responses: media types spelled as RFC 9110 allows."""

from tests.variants import rewrite_header, variant


CONTENT_TYPES = {
    "text/html; charset=utf-8": 'Text/HTML;Charset="UTF-8"',
    "text/plain; charset=utf-8": "text/plain ;charset=UTF-8",
    "text/csv; charset=utf-8": "TEXT/CSV;  CHARSET=Utf-8",
    "text/plain": "Text/Plain",
    "application/json": "application/json; charset=UTF-8",
}


@variant("responses", transport="both")
def content_types_spelled_otherwise(app):
    """Every Content-Type in another spelling of the same media type and charset (and JSON with
    the ``charset=UTF-8`` RFC 8259 says changes nothing), as Bottle and Microdot write them."""
    return rewrite_header(app, "content-type", lambda v: CONTENT_TYPES.get(v, v))


