"""Flashing: what the chapter is not about may differ (media types, plain bodies, redirect form)."""

from tests.mutants import rewrite_response
from tests.variants import rewrite_header, variant


@variant("flashing", transport="both")
def relative_location(app):
    """The flash-and-redirect answer says ``Location: messages``, a relative reference that
    resolves to the same page against the request's URL."""
    return rewrite_header(app, "location", lambda value: value.rsplit("/", 1)[-1])


@variant("flashing")
def see_other(app):
    """The redirect after the POST is a 303 See Other: a browser fetches the page with GET too."""
    def change(status, headers, body, environ):
        return ("303 SEE OTHER" if status.startswith("302") else status), headers, body
    return rewrite_response(app, change)


@variant("flashing", transport="both")
def json_as_text(app):
    """JSON bodies labelled ``text/plain; charset=UTF-8``: the messages are the same JSON."""
    return rewrite_header(app, "content-type",
                          lambda value: "text/plain; charset=UTF-8" if "json" in value else value)


@variant("flashing")
def other_plain_bodies(app):
    """The views that answer with plain text (``flashed:<n>``, ``untouched``) say ``OK``."""
    def change(status, headers, body, environ):
        plain = any(k.lower() == "content-type" and v.startswith("text/plain") for k, v in headers)
        return status, headers, (b"OK" if plain and status.startswith("200") else body)
    return rewrite_response(app, change)


def _character_references(value):
    return value.replace(b"&lt;", b"&#60;").replace(b"&gt;", b"&#x3E;").replace(b"&amp;", b"&#38;")


@variant("flashing", transport="both")
def other_character_references(app):
    """Rendered pages spell the escaped characters as numeric references (``&#60;`` for
    ``&lt;``): HTML decodes them to the same text."""
    def change(status, headers, body, environ):
        html = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        return status, headers, (_character_references(body) if html else body)
    return rewrite_response(app, change)
