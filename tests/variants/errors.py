"""Errors: error pages and redirects in spellings HTTP and HTML treat as Flask's."""

import re

from tests.mutants import rewrite_response
from tests.variants import rewrite_header, variant


@variant("errors", transport="both")
def page_type_respelled(app):
    """The media type of every answer as ``TEXT/HTML;Charset="UTF-8"``: the same media type."""
    return rewrite_header(app, "content-type",
                          lambda v: 'TEXT/HTML;Charset="UTF-8"' if v.startswith("text/html") else v)


@variant("errors")
def page_type_without_charset(app):
    """HTML answers as bare ``text/html`` (UTF-8 is the default a page may state itself)."""
    return rewrite_header(app, "content-type", lambda v: "text/html" if v.startswith("text/html") else v)


@variant("errors", transport="both")
def locations_absolute(app):
    """Every Location made absolute against the request's URL (Werkzeug before 2.1 did)."""
    def middleware(environ, start_response):
        origin = f"{environ['wsgi.url_scheme']}://{environ.get('HTTP_HOST', 'localhost')}"

        def respond(status, headers, exc_info=None):
            headers = [(k, origin + v if k.lower() == "location" and v.startswith("/") else v)
                       for k, v in headers]
            return start_response(status, headers, exc_info)

        return app(environ, respond)
    return middleware


@variant("errors")
def redirect_page_of_its_own(app):
    """A redirect's note in other markup: a single-quoted, absolute ``href`` with ``&#38;``."""
    def change(status, headers, body, environ):
        if status.startswith("3"):
            origin = f"{environ['wsgi.url_scheme']}://{environ.get('HTTP_HOST', 'localhost')}"
            location = dict((k.lower(), v) for k, v in headers)["location"]
            href = (location if "://" in location else origin + location).replace("&", "&#38;")
            body = f"<p>Moved: <A HREF='{href}'>here</A></p>".encode()
        return status, headers, body
    return rewrite_response(app, change)


@variant("errors")
def location_escapes_lower_case(app):
    """Every percent-escape in Location in lower-case hex (``%3c``): the same URI (RFC 3986,
    section 6.2.2.1), so a target encoded that way is still encoded."""
    lower = re.compile(r"%[0-9A-F]{2}")
    return rewrite_header(app, "location", lambda v: lower.sub(lambda m: m.group().lower(), v))
