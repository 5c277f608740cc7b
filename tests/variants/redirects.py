"""Redirects: where a Location points, compared as RFC 3986 compares URIs after resolving it
against the request's URL (RFC 9110, section 10.2.2)."""

import re

from tests.mutants import rewrite_response
from tests.variants import rewrite_header, variant


def _respell_location(value):
    value = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), value)
    return re.sub(r"^(\w+)://([^/]*)", lambda m: f"{m.group(1).upper()}://{m.group(2).upper()}", value)


@variant("redirects", transport="both")
def locations_spelled_otherwise(app):
    """Scheme and host upper-case, percent-escapes with lower-case hex digits."""
    return rewrite_header(app, "location", _respell_location)



def _relative(value):
    """The absolute URL as a path-absolute reference: its path and query only."""
    return re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*", "", value) or "/"


@variant("redirects", transport="both", fails=[
    "redirects.location.absolute.host-and-port", "redirects.location.absolute.https",
    "redirects.location.absolute.script-root", "redirects.location.absolute.https-script-root",
])
def locations_relative(app):
    """Location as a relative reference (``/slash/?b=2...``), which RFC 9110 allows and the client
    resolves against the URL it requested; only the absolute form, a SHOULD, is missing."""
    return rewrite_header(app, "location", _relative)


def _network_path(value):
    """The absolute URL without its scheme: a network-path reference (``//host/path``)."""
    return re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:", "", value)


@variant("redirects", fails=[
    "redirects.location.absolute.host-and-port", "redirects.location.absolute.https",
    "redirects.location.absolute.script-root", "redirects.location.absolute.https-script-root",
])
def locations_without_scheme(app):
    """Location as a network-path reference, the client keeping the scheme of its request."""
    return rewrite_header(app, "location", _network_path)


def _default_port_spelled_out(value):
    match = re.match(r"^(https?)://([^/?#:]*)(?=[/?#]|$)", value)
    if not match:
        return value
    port = {"http": "80", "https": "443"}[match.group(1)]
    return f"{match.group(0)}:{port}{value[match.end():]}"


@variant("redirects", fails=["redirects.location.default-port-omitted.http",
                             "redirects.location.default-port-omitted.https"])
def default_port_spelled_out(app):
    """``http://example.com:80/slash/`` for ``http://example.com/slash/``: the same URI once
    normalised (RFC 3986, section 6.2.3)."""
    return rewrite_header(app, "location", _default_port_spelled_out)



@variant("redirects")
def bodies_as_plain_text(app):
    """Every view's body labelled ``text/plain; charset="UTF-8"``: the views' text is unchanged
    (a redirect's HTML note keeps its label: that it is HTML is a requirement of its own)."""
    def middleware(environ, start_response):
        def relabelled(status, headers, exc_info=None):
            if not status.startswith("30"):
                headers = [(k, v) for k, v in headers if k.lower() != "content-type"]
                headers.append(("Content-Type", 'text/plain; charset="UTF-8"'))
            return start_response(status, headers, exc_info)
        return app(environ, relabelled)
    return middleware


@variant("redirects", transport="both", fails=["redirects.body.werkzeug-page", "redirects.body.content-type"])
def redirect_note_written_otherwise(app):
    """Another short HTML note: a relative link with ``&`` written ``&#38;``, the media type
    spelled ``Text/HTML`` with a quoted charset. The same link for a browser."""
    def change(status, headers, body, environ):
        if not status.startswith("30"):
            return status, headers, body
        location = next(v for k, v in headers if k.lower() == "location")
        href = _relative(location).replace("&", "&#38;")
        note = "<!DOCTYPE html><title>Moved</title><p>Moved to <A HREF='%s'>here</A>.</p>" % href
        kept = [(k, v) for k, v in headers if k.lower() != "content-type"]
        return status, kept + [("Content-Type", 'Text/HTML; charset="utf-8"')], note.encode("utf-8")
    return rewrite_response(app, change)
