"""Request data: URLs the view reports compared as RFC 3986 compares URIs (an IRI mapped to a URI
first), the host without regard to case, a file's media type as a media type."""

import re
from urllib.parse import quote

from tests.mutants.requests import rewrite_json, rewrite_parts
from tests.variants import variant


def _as_uri(url):
    """Non-ASCII characters percent-encoded with lower-case hex, scheme and host in capitals."""
    url = "".join(quote(c, safe="").lower() if ord(c) > 127 else c for c in url)
    return re.sub(r"^([a-z]+)://([^/]*)", lambda m: f"{m.group(1).upper()}://{m.group(2).upper()}", url)


@variant("requests", transport="both")
def urls_as_uris(app):
    """``url`` and ``base_url`` as URIs, spelled otherwise; ``host`` in capitals."""
    def change(info, environ):
        return dict(info, url=_as_uri(info["url"]), base_url=_as_uri(info["base_url"]), host=info["host"].upper())
    return rewrite_json(app, "/request", change)


@variant("requests", transport="both")
def default_port_named(app):
    """``url`` and ``base_url`` naming the scheme's default port."""
    def port(url):
        def add(match):
            scheme, host = match.group(1), match.group(2)
            return match.group() if ":" in host else f"{scheme}://{host}:{'443' if scheme == 'https' else '80'}"
        return re.sub(r"^([a-z]+)://([^/]*)", add, url)
    return rewrite_json(app, "/request", lambda info, environ: dict(info, url=port(info["url"]), base_url=port(info["base_url"])))


@variant("requests", transport="both", fails=["requests.info.full-path-mark"])
def full_path_without_mark(app):
    """``full_path`` of a request without a query is the path alone."""
    def change(info, environ):
        return dict(info, full_path=info["full_path"][:-1] if info["full_path"].endswith("?") else info["full_path"])
    return rewrite_json(app, "/request", change)


@variant("requests", transport="both")
def file_media_types_respelled(app):
    """A file part's media type with the type in capitals and a quoted, upper-case charset: the
    same media type."""
    def respell(head):
        def one(match):
            value = match.group(1).decode("latin-1")
            kind, _, params = value.partition(";")
            params = re.sub(r"charset=([^;]+)", lambda m: f'charset="{m.group(1).upper()}"', params)
            return ("Content-Type: " + kind.upper() + (";" + params if params else "")).encode("latin-1")
        return re.sub(rb"Content-Type: ([^\r\n]*)", one, head)
    return rewrite_parts(app, lambda parts: [[respell(h), d] for h, d in parts])
