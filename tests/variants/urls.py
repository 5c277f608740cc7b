"""URL building: where a built URL leads, compared as RFC 3986 compares URIs after resolving it
against the request's URL, and by the round trip where reserved characters are concerned."""

import re
from urllib.parse import quote, unquote

from tests.mutants.urls import rewrite_build
from tests.variants import variant

SPELLING = ("urls.variable.upper-hex", "urls.query.flask-form")


@variant("urls", transport="both", fails=SPELLING)
def escapes_in_lower_case(app):
    """Percent-escapes with lower-case hex digits, in the path, the query and the fragment."""
    return rewrite_build(app, lambda url, asked, environ: re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), url))


@variant("urls", transport="both", fails=["urls.external.path-absolute"])
def always_absolute(app):
    """Every URL absolute, on the request's scheme, host and script root: it resolves to the same."""
    def change(url, asked, environ):
        if "://" in url:
            return url
        return f"{environ['wsgi.url_scheme']}://{environ['HTTP_HOST']}{url}"
    return rewrite_build(app, change)


@variant("urls", transport="both", fails=["urls.external.path-absolute"])
def relative_to_the_request(app):
    """A path-relative reference (``about`` for ``/about``, resolved against ``.../build``)."""
    def change(url, asked, environ):
        if "://" in url or url.count("/") != 1:
            return url
        return url[1:] or "./"
    return rewrite_build(app, change)


@variant("urls", transport="both")
def reserved_characters_encoded(app):
    """Every character but unreserved ones and ``/`` percent-encoded in the path, as Werkzeug before
    2.1 did (``%21``, ``%2B``...): the values decode the same."""
    def change(url, asked, environ):
        match = re.match(r"^((?:[a-z]+://[^/]*)?)([^?#]*)(.*)$", url)
        return match.group(1) + quote(unquote(match.group(2)), safe="/") + match.group(3)
    return rewrite_build(app, change)


@variant("urls", transport="both", fails=["urls.query.flask-form"])
def query_respelled(app):
    """The query's keys in another order and a space as ``%20``: the same form data."""
    def change(url, asked, environ):
        path, sep, rest = url.partition("?")
        if not sep:
            return url
        query, hash_, fragment = rest.partition("#")
        pairs = sorted(query.split("&"), key=lambda pair: pair.split("=")[0])
        return path + "?" + "&".join(pairs).replace("+", "%20") + hash_ + fragment
    return rewrite_build(app, change)


@variant("urls", transport="both")
def default_port_named(app):
    """An external URL naming the scheme's default port (``http://example.com:80/about``)."""
    def change(url, asked, environ):
        def port(match):
            scheme, host = match.group(1), match.group(2)
            if ":" in host:
                return match.group()
            return f"{scheme}://{host}:{'443' if scheme == 'https' else '80'}"
        return re.sub(r"^([a-z]+)://([^/]*)", port, url)
    return rewrite_build(app, change)
