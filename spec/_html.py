"""HTML read the way a browser reads it, for checks about what a page links to."""

from html.parser import HTMLParser
from typing import List


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: List[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value is not None]


def links(text: str) -> List[str]:
    """The ``href`` of every ``a`` element in ``text``, character references decoded."""
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.hrefs
