"""Header fields compared the way their standards define equality.

Shared by the methods, responses and escaping chapters: a check that compares a field byte for
byte rejects outputs HTTP treats as the same, so the checks go through these helpers instead.
"""

import re

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PARAMETER = rf"({_TOKEN})=({_TOKEN}|{_QUOTED})"
#: RFC 9110 section 8.3.1: media-type = type "/" subtype *( OWS ";" OWS [ parameter ] )
_MEDIA_TYPE = re.compile(rf"({_TOKEN})/({_TOKEN})((?:[ \t]*;[ \t]*(?:{_PARAMETER})?)*)")


def list_elements(headers, name):
    """The elements of the list-based field ``name`` (RFC 9110 section 5.6.1): every field line
    of that name joined, split at commas, optional whitespace stripped, empty elements dropped."""
    joined = ",".join(headers.get_all(name))
    return [element.strip(" \t") for element in joined.split(",") if element.strip(" \t")]


def media_type(value):
    """A Content-Type value as HTTP compares it: ``(type/subtype, parameters)``, the type and the
    parameter names lowercased, quoted values unquoted, the ``charset`` value lowercased and the
    parameters sorted (their order means nothing). None when the value is not a media type."""
    match = _MEDIA_TYPE.fullmatch(value.strip(" \t"))
    if match is None:
        return None
    parameters = []
    for name, raw in re.findall(_PARAMETER, match.group(3)):
        name = name.lower()
        if raw.startswith('"'):
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        parameters.append((name, raw.lower() if name == "charset" else raw))
    return f"{match.group(1)}/{match.group(2)}".lower(), tuple(sorted(parameters))


def default_cookie_path(request_path):
    """RFC 6265 section 5.1.4: the path a cookie set without a usable Path attribute gets."""
    if not request_path.startswith("/") or request_path.count("/") == 1:
        return "/"
    return request_path[:request_path.rindex("/")]


def cookie_path(cookie, request_path):
    """The path a user agent stores ``cookie`` (a parsed Set-Cookie) under, set in answer to a
    request for ``request_path`` (RFC 6265 section 5.2.4: a Path that is missing or does not
    start with "/" means the default path)."""
    path = cookie.get("path")
    if isinstance(path, str) and path.startswith("/"):
        return path
    return default_cookie_path(request_path)
