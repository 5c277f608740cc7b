"""Request data
============

A view learns what the client sent through the ``request`` object: the query string
(``request.args``), form bodies (``request.form`` and ``request.files``), JSON bodies
(``request.get_json()``), the raw body (``request.data``), and the request's own description
(``method``, ``path``, ``full_path``, ``url``, ``base_url``, ``host``, ``script_root``, ``headers``,
``cookies``). A framework that is to run Flask applications must hand the view what the client
sent, decoded the way HTTP and HTML forms define it, because every form post, API call and link
with a query depends on it.

**The query string and form bodies** are ``application/x-www-form-urlencoded``: pairs separated by
``&``, ``+`` for a space, percent-escapes decoded as UTF-8 (in either hex case), a key without
``=`` or with nothing after it meaning the empty string. ``args`` and ``form`` are multi-dicts: a
key sent several times keeps every value, in the order sent (``getlist``), and ``get`` gives the
first. Indexing with a key that is not there (``request.form["name"]``) raises a ``KeyError``
subclass that Flask answers with 400 Bad Request, as the quickstart says. A
``multipart/form-data`` body gives its text parts to ``form`` and its file parts to ``files``:
each file with the filename the client gave, its content byte for byte and the part's media type.
Media types are case-insensitive (RFC 9110), and Werkzeug reads them so from 2.0 on
(``requests.form.media-type-case``; before, ``Application/X-WWW-Form-URLencoded`` was not parsed).

**JSON.** ``get_json()`` parses the body when the request's media type is ``application/json``
or any ``application/*+json``, parameters and case aside. A body that is not valid JSON is
answered with 400 Bad Request (``silent=True`` gives ``None`` instead). A body of another media
type is where the versions differ, all decided by Werkzeug: before 2.1 ``get_json()`` returned
``None``; Werkzeug 2.1 made it 400 Bad Request, to make a common mistake visible; Werkzeug 2.3
made it 415 Unsupported Media Type, the status RFC 9110 has for it. Flask 2.0's own error hook
turns Werkzeug 2.3's 415 back into 400, so the 415 requirement starts at Flask 2.1.
``force=True`` parses whatever the media type, and ``silent=True`` gives ``None`` for every
failure.

**The raw body** is ``request.data`` for a media type that is not a form: the bytes sent.

**Size limit.** With ``MAX_CONTENT_LENGTH`` set, a body larger than the limit is refused with
413 Content Too Large when the view reads it (as form data or as raw data), and a body within it
is read as usual. (Whether ``get_json`` honours the limit depends on the Werkzeug release; the
suite asks nothing about it.)

**The request's description.** ``method`` is the method as sent (extension methods included),
``path`` the path below the application's mount point, percent-decoded, ``script_root`` that
mount point, ``full_path`` the path followed by ``?`` and the query string as sent, ``url`` and
``base_url`` the absolute URL with and without the query, ``host`` the host (and port) the client
named. Header fields are looked up in any case; cookies come as a mapping of names to values.

How the checks compare
----------------------

Values the view reports are compared as JSON. A URL the view reports (``url``, ``base_url``) is
compared as RFC 3986 compares URIs, after the non-ASCII characters Werkzeug leaves in it (it
reports an IRI) are percent-encoded as UTF-8, as RFC 3987 maps an IRI to a URI. The host is
compared without regard to case (Werkzeug lower-cases it from 2.3 on). A file's media type is
compared as a media type. Statuses are exact. ``full_path`` ends with ``?`` even when the
request has no query: that is Werkzeug's own spelling, a MAY; the MUST accepts the path alone
too.

Fixture contract
----------------

The app sets ``MAX_CONTENT_LENGTH`` to 4096 bytes. JSON answers have the media type
``application/json``.

``GET /args``
    ``{"lists": {<key>: [<every value, in order>]}, "first": {<key>: args.get(<key>)}}`` for the
    query string.
``GET /args/item``
    The text of ``request.args["name"]`` (a missing key is not caught).
``POST /form``
    ``{"form": {<key>: [<values>]}, "files": {<key>: [{"filename": ..., "content": ...,
    "content_type": ...}]}}``; a file's ``content`` is its bytes as Latin-1 code points (each byte
    one character), ``content_type`` the part's ``Content-Type`` as the view sees it.
``POST /form/item``
    The text of ``request.form["name"]`` (a missing key is not caught).
``POST /json``, ``POST /json/silent``, ``POST /json/force``
    ``{"json": <the value of get_json(), get_json(silent=True), get_json(force=True)>}``; errors
    are not caught.
``POST /data``
    ``request.data`` as the body, media type ``application/octet-stream``.
``/request`` and ``/request/<path:rest>``, methods GET, POST, PUT, PATCH, DELETE and PURGE
    ``{"method", "path", "full_path", "script_root", "url", "base_url", "host"}``, each the
    request attribute of that name.
``GET /headers?name=<field name>&...``
    ``{<name>: request.headers.get(<name>)}`` for each name given.
``GET /cookies``
    ``request.cookies`` as a JSON object.
"""

import json
from urllib.parse import quote

from flask_conformance import MAY, MUST, requirement

from ._fields import media_type
from ._uri import normalise

HOST = {"Host": "example.com"}

QUICKSTART = "flask:quickstart#the-request-object"
UPLOADS = "flask:quickstart#file-uploads"
REQUEST = "flask:api#flask.Request"
GET_JSON = "flask:api#flask.Request.get_json"
MULTIDICT = "werkzeug:datastructures#werkzeug.datastructures.MultiDict"
LIMIT = "flask:config#MAX_CONTENT_LENGTH"
FORM = "application/x-www-form-urlencoded"
LIMIT_BYTES = 4096

#: IDs this chapter no longer uses, and why (IDs are never reused).
RETIRED = {}


def _ok(response):
    """The JSON the view answered with, after a 200."""
    assert response.status == 200, f"expected 200\n{response.describe()}"
    return response.json()


def _status(response, expected):
    assert response.status == expected, f"expected {expected}\n{response.describe()}"


def multipart(parts, boundary="conformance-boundary"):
    """A ``multipart/form-data`` body: ``parts`` are ``(name, value)`` for a text field, as UTF-8,
    or ``(name, filename, content type, bytes)`` for a file. Returns (body, headers)."""
    chunks = []
    for part in parts:
        if len(part) == 2:
            name, value = part
            head = f'Content-Disposition: form-data; name="{name}"\r\n'
            data = value.encode("utf-8")
        else:
            name, filename, content_type, data = part
            head = (f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n")
        chunks.append(f"--{boundary}\r\n{head}\r\n".encode("utf-8") + data + b"\r\n")
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode("ascii")
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def _post_form(client, path, body, content_type=FORM):
    return client.post(path, body=body, headers={"Content-Type": content_type})


# The query string.

@requirement("requests.args.values", MUST, since="0.12", source=QUICKSTART)
def test_args_values(client):
    """``request.args`` MUST hold every key of the query string with its value."""
    lists = _ok(client.get("/args", query="name=alice&city=Paris"))["lists"]
    assert lists == {"name": ["alice"], "city": ["Paris"]}, f"got {lists}"


@requirement("requests.args.repeated", MUST, since="0.12", source=MULTIDICT)
def test_args_repeated(client):
    """A key sent several times MUST keep every value, in the order sent (``getlist``)."""
    lists = _ok(client.get("/args", query="tag=b&tag=a&tag=c"))["lists"]
    assert lists == {"tag": ["b", "a", "c"]}, f"got {lists}"


@requirement("requests.args.first", MUST, since="0.12", source=MULTIDICT)
def test_args_first(client):
    """``args.get`` of a key sent several times MUST give the first value sent."""
    first = _ok(client.get("/args", query="tag=b&tag=a&tag=c"))["first"]
    assert first == {"tag": "b"}, f"got {first}"


@requirement("requests.args.plus", MUST, since="0.12", source=QUICKSTART)
def test_args_plus(client):
    """A ``+`` in the query string MUST be read as a space, in keys and values."""
    lists = _ok(client.get("/args", query="full+name=John+Doe"))["lists"]
    assert lists == {"full name": ["John Doe"]}, f"got {lists}"


@requirement("requests.args.percent", MUST, since="0.12", source=QUICKSTART)
def test_args_percent(client):
    """Percent-escapes in the query string MUST be decoded as UTF-8, in either hex case, an
    escaped ``+``, ``&`` or ``=`` being data."""
    lists = _ok(client.get("/args", query="q=%E2%82%AC%20%2b%26%3D&caf%c3%a9=1"))["lists"]
    assert lists == {"q": ["\u20ac +&="], "caf\u00e9": ["1"]}, f"got {lists}"


@requirement("requests.args.blank", MUST, since="0.12", source=QUICKSTART)
def test_args_blank(client):
    """A key with nothing after ``=``, or without ``=``, MUST be present with the empty string."""
    lists = _ok(client.get("/args", query="empty=&flag"))["lists"]
    assert lists == {"empty": [""], "flag": [""]}, f"got {lists}"


@requirement("requests.args.missing-key", MUST, since="0.12", source=QUICKSTART)
def test_args_missing_key(client):
    """Indexing ``request.args`` with a key the query lacks MUST be answered with 400."""
    _status(client.get("/args/item", query="other=1"), 400)


# Form bodies.

@requirement("requests.form.urlencoded", MUST, since="0.12", source=QUICKSTART)
def test_form_urlencoded(client):
    """An ``application/x-www-form-urlencoded`` body MUST be decoded into ``request.form``:
    ``+`` as a space, escapes as UTF-8."""
    form = _ok(_post_form(client, "/form", "name=John+Doe&q=a%26b%3Dc&city=M%C3%BCnchen"))["form"]
    assert form == {"name": ["John Doe"], "q": ["a&b=c"], "city": ["M\u00fcnchen"]}, f"got {form}"


@requirement("requests.form.repeated", MUST, since="0.12", source=MULTIDICT)
def test_form_repeated(client):
    """A form key sent several times MUST keep every value, in the order sent."""
    form = _ok(_post_form(client, "/form", "tag=b&tag=a&tag=c"))["form"]
    assert form == {"tag": ["b", "a", "c"]}, f"got {form}"


@requirement("requests.form.multipart", MUST, since="0.12", source=UPLOADS)
def test_form_multipart(client):
    """The text parts of a ``multipart/form-data`` body MUST be in ``request.form``, decoded as
    UTF-8, repeated names in order."""
    body, headers = multipart([("title", "caf\u00e9 cr\u00e8me"), ("tag", "b"), ("tag", "a")])
    form = _ok(client.post("/form", body=body, headers=headers))["form"]
    assert form == {"title": ["caf\u00e9 cr\u00e8me"], "tag": ["b", "a"]}, f"got {form}"


@requirement("requests.form.media-type-case", MUST, since="0.12", source=QUICKSTART,
             packages={"werkzeug": ">=2.0"})
def test_form_media_type_case(client):
    """The form media type MUST be recognised in any case and with parameters
    (``Application/X-WWW-Form-URLencoded; Charset=UTF-8``), as RFC 9110 compares media types."""
    response = _post_form(client, "/form", "name=alice", "Application/X-WWW-Form-URLencoded; Charset=UTF-8")
    form = _ok(response)["form"]
    assert form == {"name": ["alice"]}, f"got {form}"


@requirement("requests.form.missing-key", MUST, since="0.12", source=QUICKSTART)
def test_form_missing_key(client):
    """Indexing ``request.form`` with a key the body lacks MUST be answered with 400, as the
    quickstart says."""
    _status(_post_form(client, "/form/item", "other=1"), 400)


# Files.

UPLOAD = b"first line\r\nsecond\x00\xff\xfe line\n--not-a-boundary\r\n"


def _upload(client, *parts):
    body, headers = multipart(parts or [("note", "hello"), ("upload", "report.txt", "text/plain", UPLOAD)])
    return _ok(client.post("/form", body=body, headers=headers))


def _one_file(answer, name="upload"):
    files = answer["files"].get(name)
    assert files and len(files) == 1, f"expected one file under {name!r}, got {answer['files']}"
    return files[0]


@requirement("requests.files.filename", MUST, since="0.12", source=UPLOADS)
def test_files_filename(client):
    """A file part MUST be in ``request.files`` under its field name, with the filename the client
    sent."""
    assert _one_file(_upload(client))["filename"] == "report.txt"


@requirement("requests.files.content", MUST, since="0.12", source=UPLOADS)
def test_files_content(client):
    """A file's content MUST be the part's bytes exactly (line breaks, NUL and non-UTF-8 bytes
    included)."""
    content = _one_file(_upload(client))["content"]
    assert content.encode("latin-1") == UPLOAD, f"got {content!r}"


@requirement("requests.files.content-type", MUST, since="0.12", source=UPLOADS)
def test_files_content_type(client):
    """A file's ``content_type`` MUST be the media type of its part, compared as a media type."""
    answer = _upload(client, ("upload", "data.bin", "application/vnd.example; charset=utf-8", b"\x01\x02"))
    got = _one_file(answer)["content_type"]
    assert media_type(got) == media_type("application/vnd.example; charset=utf-8"), f"got {got!r}"


@requirement("requests.files.separate", MUST, since="0.12", source=UPLOADS)
def test_files_separate(client):
    """File parts MUST be in ``request.files`` only and text parts in ``request.form`` only."""
    answer = _upload(client)
    assert answer["form"] == {"note": ["hello"]}, f"form holds {answer['form']}"
    assert sorted(answer["files"]) == ["upload"], f"files holds {sorted(answer['files'])}"


@requirement("requests.files.repeated", MUST, since="0.12", source=MULTIDICT)
def test_files_repeated(client):
    """Several files under one field name MUST all be in ``request.files``, in the order sent."""
    answer = _upload(client, ("upload", "b.txt", "text/plain", b"B"), ("upload", "a.txt", "text/plain", b"A"))
    names = [item["filename"] for item in answer["files"].get("upload", [])]
    assert names == ["b.txt", "a.txt"], f"got {names}"


# JSON.

DOCUMENT = {"name": "caf\u00e9", "tags": ["a", "b"], "count": 2, "ok": True, "none": None}


def _json_body(value=DOCUMENT):
    return json.dumps(value).encode("utf-8")


@requirement("requests.json.parsed", MUST, since="0.12", source=GET_JSON)
def test_json_parsed(client):
    """``get_json()`` MUST return the body of an ``application/json`` request, parsed."""
    answer = _ok(client.post("/json", body=_json_body(), headers={"Content-Type": "application/json"}))
    assert answer == {"json": DOCUMENT}, f"got {answer}"


@requirement("requests.json.media-type", MUST, since="0.12", source=GET_JSON, cases={
    "suffix": "application/vnd.example+json",
    "parameter": "application/json; charset=utf-8",
    "case": "Application/JSON",
})
def test_json_media_type(client, case):
    """``get_json()`` MUST parse a body whose media type is ``application/json`` or
    ``application/*+json``, with parameters, in any case."""
    answer = _ok(client.post("/json", body=_json_body(), headers={"Content-Type": case}))
    assert answer == {"json": DOCUMENT}, f"got {answer}"


@requirement("requests.json.invalid", MUST, since="0.12", source=GET_JSON, cases={
    "syntax": b'{"name": ',
    "empty": b"",
})
def test_json_invalid(client, case):
    """``get_json()`` on an ``application/json`` body that is not JSON MUST be answered with 400."""
    _status(client.post("/json", body=case, headers={"Content-Type": "application/json"}), 400)


def _text_json(client, path="/json"):
    return client.post(path, body=_json_body(), headers={"Content-Type": "text/plain"})


@requirement("requests.json.wrong-media-type.ignored", MUST, since="0.12", source=GET_JSON,
             packages={"werkzeug": "<2.1"})
def test_json_wrong_media_type_ignored(client):
    """Before Werkzeug 2.1, ``get_json()`` on a body of another media type MUST return ``None``."""
    answer = _ok(_text_json(client))
    assert answer == {"json": None}, f"got {answer}"


@requirement("requests.json.wrong-media-type.400", MUST, since="0.12", source=GET_JSON,
             packages={"werkzeug": ">=2.1,<2.3"})
def test_json_wrong_media_type_400(client):
    """From Werkzeug 2.1 to 2.2, ``get_json()`` on a body of another media type MUST be answered
    with 400."""
    _status(_text_json(client), 400)


@requirement("requests.json.wrong-media-type.415", MUST, since="2.1", source=GET_JSON,
             packages={"werkzeug": ">=2.3"})
def test_json_wrong_media_type_415(client):
    """From Werkzeug 2.3 (and Flask 2.1), ``get_json()`` on a body of another media type MUST be
    answered with 415 Unsupported Media Type."""
    _status(_text_json(client), 415)


@requirement("requests.json.silent", MUST, since="0.12", source=GET_JSON, cases={
    "invalid": (b'{"name": ', "application/json"),
    "wrong-media-type": (b'{"name": "x"}', "text/plain"),
})
def test_json_silent(client, case):
    """``get_json(silent=True)`` MUST return ``None`` instead of failing."""
    body, content_type = case
    answer = _ok(client.post("/json/silent", body=body, headers={"Content-Type": content_type}))
    assert answer == {"json": None}, f"got {answer}"


@requirement("requests.json.force", MUST, since="0.12", source=GET_JSON)
def test_json_force(client):
    """``get_json(force=True)`` MUST parse the body whatever its media type."""
    answer = _ok(_text_json(client, "/json/force"))
    assert answer == {"json": DOCUMENT}, f"got {answer}"


# The raw body.

@requirement("requests.data.raw", MUST, since="0.12", source=REQUEST, cases={
    "binary": ("application/octet-stream", b"\x00\x01\xfe\xff binary\r\n"),
    "text": ("text/plain; charset=utf-8", "caf\u00e9\n".encode("utf-8")),
    "no-media-type": (None, b"no media type"),
})
def test_data_raw(client, case):
    """``request.data`` MUST be the body's bytes exactly, for a media type that is not a form."""
    content_type, body = case
    response = client.post("/data", body=body, headers={"Content-Type": content_type} if content_type else {})
    _status(response, 200)
    assert response.body == body, f"sent {body!r}, the view saw {response.body!r}"


# The size limit.

@requirement("requests.limit.exceeded", MUST, since="0.12", source=LIMIT, cases={
    "urlencoded": "urlencoded",
    "multipart": "multipart",
    "raw": "raw",
})
def test_limit_exceeded(client, case):
    """A body larger than ``MAX_CONTENT_LENGTH`` MUST be answered with 413 when the view reads it."""
    size = LIMIT_BYTES + 1000
    if case == "urlencoded":
        response = _post_form(client, "/form", "a=" + "x" * size)
    elif case == "multipart":
        body, headers = multipart([("upload", "big.bin", "application/octet-stream", b"x" * size)])
        response = client.post("/form", body=body, headers=headers)
    else:
        response = client.post("/data", body=b"x" * size, headers={"Content-Type": "application/octet-stream"})
    _status(response, 413)


@requirement("requests.limit.within", MUST, since="0.12", source=LIMIT)
def test_limit_within(client):
    """A body of exactly ``MAX_CONTENT_LENGTH`` bytes MUST be read as usual."""
    body = "a=" + "x" * (LIMIT_BYTES - 2)
    form = _ok(_post_form(client, "/form", body))["form"]
    assert form == {"a": ["x" * (LIMIT_BYTES - 2)]}, "the form at the limit was not read whole"


# The request's description.

def _info(client, method="GET", path="/request", **kwargs):
    kwargs.setdefault("headers", HOST)
    return _ok(client.request(method, path, **kwargs))


@requirement("requests.info.method", MUST, since="0.12", source=REQUEST, cases={
    "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "extension": "PURGE",
})
def test_info_method(client, case):
    """``request.method`` MUST be the request's method."""
    assert _info(client, case)["method"] == case


@requirement("requests.info.path", MUST, since="0.12", source=REQUEST)
def test_info_path(client):
    """``request.path`` MUST be the path, percent-decoded as UTF-8, without the query."""
    info = _info(client, path="/request/a%20b/caf%C3%A9", query="x=1")
    assert info["path"] == "/request/a b/caf\u00e9", f"got {info['path']!r}"


@requirement("requests.info.script-root", MUST, since="0.12", source=REQUEST)
def test_info_script_root(client):
    """In an application mounted under a prefix, ``request.script_root`` MUST be the prefix and
    ``request.path`` the path below it."""
    info = _info(client, path="/request/x", script_root="/prefix")
    assert (info["script_root"], info["path"]) == ("/prefix", "/request/x"), f"got {info}"


@requirement("requests.info.full-path", MUST, since="0.12", source=REQUEST)
def test_info_full_path(client):
    """``request.full_path`` MUST be the path followed by ``?`` and the query string as sent."""
    info = _info(client, path="/request/x", query="b=2&a=1&b=3")
    assert info["full_path"] == "/request/x?b=2&a=1&b=3", f"got {info['full_path']!r}"


@requirement("requests.info.full-path-no-query", MUST, since="0.12", source=REQUEST)
def test_info_full_path_no_query(client):
    """Without a query, ``request.full_path`` MUST be the path (a ``?`` after it is allowed)."""
    full_path = _info(client, path="/request/x")["full_path"]
    assert full_path in ("/request/x", "/request/x?"), f"got {full_path!r}"


@requirement("requests.info.full-path-mark", MAY, since="0.12", source=REQUEST)
def test_info_full_path_mark(client):
    """Without a query, ``request.full_path`` MAY end with ``?``, as Werkzeug's does."""
    full_path = _info(client, path="/request/x")["full_path"]
    assert full_path == "/request/x?", f"got {full_path!r}"


def _as_uri(iri):
    """An IRI as a URI: its non-ASCII characters percent-encoded as UTF-8 (RFC 3987, 3.1)."""
    assert isinstance(iri, str), f"expected a URL, got {iri!r}"
    return "".join(quote(char, safe="") if ord(char) > 127 else char for char in iri)


_URLS = {
    "plain": ("http", "example.com", "", "http://example.com/request/a%20b/caf%C3%A9"),
    "https-port": ("https", "example.com:8443", "", "https://example.com:8443/request/a%20b/caf%C3%A9"),
    "script-root": ("http", "example.com", "/prefix", "http://example.com/prefix/request/a%20b/caf%C3%A9"),
}


@requirement("requests.info.url", MUST, since="0.12", source=REQUEST, cases=_URLS)
def test_info_url(client, case):
    """``request.url`` MUST be the absolute URL requested (scheme, host, port, script root, path and
    query), compared as RFC 3986 compares URIs."""
    scheme, host, script_root, expected = case
    info = _info(client, path="/request/a%20b/caf%C3%A9", query="b=2&a=1", headers={"Host": host},
                 scheme=scheme, script_root=script_root)
    assert normalise(_as_uri(info["url"])) == normalise(expected + "?b=2&a=1"), f"got {info['url']!r}"


@requirement("requests.info.base-url", MUST, since="0.12", source=REQUEST, cases=_URLS)
def test_info_base_url(client, case):
    """``request.base_url`` MUST be the absolute URL requested without its query."""
    scheme, host, script_root, expected = case
    info = _info(client, path="/request/a%20b/caf%C3%A9", query="b=2&a=1", headers={"Host": host},
                 scheme=scheme, script_root=script_root)
    assert normalise(_as_uri(info["base_url"])) == normalise(expected), f"got {info['base_url']!r}"


@requirement("requests.info.host", MUST, since="0.12", source=REQUEST, cases={
    "name": "example.com", "port": "example.com:8080",
})
def test_info_host(client, case):
    """``request.host`` MUST be the host (and port) of the request's ``Host`` field, compared
    without regard to case."""
    host = _info(client, headers={"Host": case})["host"]
    assert isinstance(host, str) and host.lower() == case, f"got {host!r}"


# Header fields and cookies.

@requirement("requests.headers.any-case", MUST, since="0.12", source=REQUEST)
def test_headers_any_case(client):
    """A header field MUST be found by its name in any case, with the value sent."""
    answer = _ok(client.get("/headers", query="name=x-custom-field&name=X-CUSTOM-FIELD",
                            headers={"X-Custom-Field": "some value"}))
    assert answer == {"x-custom-field": "some value", "X-CUSTOM-FIELD": "some value"}, f"got {answer}"


@requirement("requests.headers.absent", MUST, since="0.12", source=REQUEST)
def test_headers_absent(client):
    """``headers.get`` of a field the request lacks MUST give ``None``."""
    answer = _ok(client.get("/headers", query="name=X-Absent-Field"))
    assert answer == {"X-Absent-Field": None}, f"got {answer}"


@requirement("requests.cookies.values", MUST, since="0.12", source=QUICKSTART)
def test_cookies_values(client):
    """``request.cookies`` MUST hold every cookie of the ``Cookie`` field, name to value."""
    answer = _ok(client.get("/cookies", headers={"Cookie": "theme=dark; session-id=abc123"}))
    assert answer == {"theme": "dark", "session-id": "abc123"}, f"got {answer}"
