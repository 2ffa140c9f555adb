"""Plain text from an HTML article: the text of its paragraphs, without chrome."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tracker.extract.words import wordset


def read_article(raw: str) -> str:
    """Plain text of an article: HTML is stripped to its paragraphs, text passes."""
    if not looks_like_html(raw):
        return raw
    parser = _TextCollector()
    parser.feed(raw)
    parser.close()
    blocks = parser.paragraphs()
    if parser.title.strip() and not parser.has_h1:
        blocks.insert(0, " ".join(parser.title.split()))
    return "\n\n".join(blocks) + "\n"


def looks_like_html(raw: str) -> bool:
    """Whether the text opens like HTML (a tag such as <html>, <p> or <title> early on)."""
    return _HTML_HINT.search(raw[:5000]) is not None


_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|p|div|br|h[1-6]|article|span|a|meta|title)\b", re.I
)
_SKIP_TAGS = wordset(
    "script style noscript template svg nav footer aside form button iframe head select"
)
_BLOCK_TAGS = wordset(
    "p div section article header main h1 h2 h3 h4 h5 h6 li ul ol blockquote "
    "figcaption pre table tr td th dd dt br hr"
)


class _TextCollector(HTMLParser):
    """Collects the text of block elements, skipping scripts, styles and chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.has_h1 = False
        self._blocks: list[str] = []
        self._buffer: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if tag == "body":
            self._skipping = 0
        elif tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
        self.has_h1 = self.has_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if tag in _SKIP_TAGS and tag != "head":
            self._skipping = max(0, self._skipping - 1)
        elif tag == "head":
            self._skipping = 0
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self._buffer.append(data)

    def paragraphs(self) -> list[str]:
        self._flush()
        return self._blocks

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            self._blocks.append(text)
