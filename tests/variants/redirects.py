"""Redirects: Location as RFC 3986 compares URIs."""

import re

from tests.variants import rewrite_header, variant


def _respell_location(value):
    value = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), value)
    return re.sub(r"^(\w+)://([^/]*)", lambda m: f"{m.group(1).upper()}://{m.group(2).upper()}", value)


@variant("redirects", transport="both")
def locations_spelled_otherwise(app):
    """Scheme and host upper-case, percent-escapes with lower-case hex digits."""
    return rewrite_header(app, "location", _respell_location)


