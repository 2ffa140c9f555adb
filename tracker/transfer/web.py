"""Articles from the web: a page fetched over HTTP(S), and an HTML page read as an article.

`fetch` uses the standard library's urllib: only http and https, a timeout for the
whole download, a size limit, a few redirects at most, the body decoded by its declared
charset, and a User-Agent naming tracker. `read_html` reads a page's main text, title
and publication date with trafilatura (imported only here, when a page is read, so that
other commands start without it), and falls back to the hand-written reader of
`tracker.extract` when trafilatura finds no main text.

Network failures raise `OperationalError` (exit 1); a URL that is not http(s), a page
that is not HTML, too large, or without article text raise `InputError` (exit 2). Every
URL in a message goes through `mask_url`, so no password or token is ever shown.
"""

from __future__ import annotations

import base64
import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from email.message import Message
from typing import IO, Any

from tracker.config import mask_url
from tracker.errors import InputError, OperationalError

#: Seconds a fetch may take in all (connecting, waiting, reading).
TIMEOUT = 20.0
#: Bytes a page may have.
MAX_BYTES = 5 * 1024 * 1024
#: Redirects followed before giving up.
MAX_REDIRECTS = 5
#: Sent with every request, after "tracker/" and the installed version.
USER_AGENT = "(claim tracker; fetches one article on request)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*://")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", re.I)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    """A fetched page: the URL it was finally read from, and its decoded HTML."""

    url: str
    html: str


@dataclass(frozen=True)
class Article:
    """What a page says: its main text (paragraphs split by blank lines), title and day."""

    text: str
    title: str | None
    published: date | None


def is_url(argument: str) -> bool:
    """Whether a command-line argument is written as a URL (`scheme://...`)."""
    return _SCHEME.match(argument) is not None


def check_url(url: str) -> str:
    """The URL, if tracker may fetch it: http or https, with a host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise InputError(f"only http and https pages can be fetched, not {mask_url(url)}")
    if not parts.hostname:
        raise InputError(f"the URL {mask_url(url)} names no host")
    return url


def public_url(url: str) -> str:
    """The URL as a claim's source may store it: no user-info, secret parameters masked."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return mask_url(urllib.parse.urlunsplit(parts._replace(netloc=host)))


_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


def fetch(url: str, *, timeout: float = TIMEOUT, limit: int = MAX_BYTES) -> Page:
    """The page at an http(s) URL, as HTML text; one clear error for anything else."""
    check_url(url)
    request = _request(url)
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            final = response.geturl()
            _check_type(response.headers, final)
            body = _read_body(response, final, limit, deadline, timeout)
    except (InputError, OperationalError):
        raise
    except urllib.error.HTTPError as exc:
        why = mask_url(f"HTTP {exc.code} {exc.reason}")
        raise OperationalError(f"could not fetch {mask_url(url)}: {why}") from None
    except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        raise OperationalError(f"could not fetch {mask_url(url)}: {_why(exc, timeout)}") from None
    return Page(final, _decode(body, response.headers))


def _request(url: str) -> urllib.request.Request:
    """A GET naming tracker; a user name and password in the URL go in a Basic
    Authorization header (urllib would take them for part of the host name)."""
    parts = urllib.parse.urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    headers = {"User-Agent": user_agent(), "Accept": _ACCEPT}
    if at:
        user, _, password = (urllib.parse.unquote(p) for p in userinfo.partition(":"))
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return urllib.request.Request(
        urllib.parse.urlunsplit(parts._replace(netloc=host)), headers=headers
    )


def user_agent() -> str:
    """`tracker/VERSION (...)`, naming tracker to the sites it reads."""
    import importlib.metadata

    try:
        version = importlib.metadata.version("tracker")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"tracker/{version} {USER_AGENT}"


def _why(exc: BaseException, timeout: float) -> str:
    """A network failure in a few words: timed out, refused, host not found, ..."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return mask_url(reason.strerror)
    return mask_url(str(reason) or type(reason).__name__)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s) URLs."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in {"http", "https"}:
            why = f"redirected to {mask_url(newurl)}, which is not http(s)"
            raise OperationalError(f"could not fetch {mask_url(req.full_url)}: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects())


def _check_type(headers: Message, url: str) -> None:
    """Refuse a page that says it is not HTML (a PDF, an image, JSON, ...)."""
    declared = headers.get("Content-Type")
    if declared and headers.get_content_type() not in HTML_TYPES:
        raise InputError(
            f"the page at {mask_url(url)} is not HTML ({headers.get_content_type()}): "
            "save the article's text to a file and extract that"
        )


def _read_body(response: Any, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    """The body, refused past `limit` bytes (by its Content-Length or as it arrives)."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise _too_large(url, limit)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_large(url, limit)
        if time.monotonic() > deadline:
            raise TimeoutError(f"no complete answer within {timeout:g} s")
    return b"".join(chunks)


def _too_large(url: str, limit: int) -> InputError:
    return InputError(f"the page at {mask_url(url)} is larger than {limit / 2**20:g} MB")


def _decode(body: bytes, headers: Message) -> str:
    """The body as text, by the charset the headers or the page declare (else UTF-8)."""
    charset = headers.get_content_charset()
    if charset is None and (found := _META_CHARSET.search(body[:4096])):
        charset = found.group(1).decode("ascii")
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def read_html(html: str, url: str | None = None) -> Article:
    """A page's main text, title and publication day, by trafilatura; the hand-written
    reader's text when trafilatura finds none. Refused if there is no text at all."""
    import trafilatura
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if not isinstance(doc, Document) or not doc.text or not doc.text.strip():
        return _fallback(html, url)
    title = " ".join((doc.title or "").split()) or None
    return Article(_paragraphs(doc.text, title), title, _day(doc.date))


#: htmldate looks in the page's metadata and markup, not at every date in its text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _fallback(html: str, url: str | None) -> Article:
    from trafilatura.metadata import extract_metadata

    from tracker.extract.html import looks_like_html, read_article

    text = read_article(html) if looks_like_html(html) else ""
    if not text.strip():
        where = f"the page at {mask_url(url)}" if url else "the page"
        raise InputError(f"{where} has no article text")
    meta = extract_metadata(html, default_url=url, date_config=_DATE_PARAMS, extensive=False)
    return Article(text, meta.title or None, _day(meta.date))


def _paragraphs(text: str, title: str | None) -> str:
    """trafilatura's lines as paragraphs, headed by the title unless the text starts so."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    blocks = [line for line in lines if line]
    if title and (not blocks or blocks[0] != title):
        blocks.insert(0, title)
    return "\n\n".join(blocks) + "\n"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
