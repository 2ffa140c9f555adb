"""Where a report goes: standard output, a file written atomically, SMTP mail, a webhook.

Each channel's `deliver` returns only once the report is delivered and raises
`DeliveryError` (exit 1) otherwise; `tracker.domain.reports.send_report` then rolls back, so
nothing is recorded. Bad settings (addresses, URLs, paths) raise `InputError` (exit 2)
when the channels are built, before the database is touched. No message ever shows a
password or a webhook's secret path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote, urlsplit

from tracker.errors import DeliveryError, InputError
from tracker.output.report_render import (
    one_line,
    render_report,
    subject_line,
    to_mail_html,
    to_text,
    webhook_payload,
)

ENV_SMTP_URL = "TRACKER_SMTP_URL"
ENV_MAIL_FROM = "TRACKER_MAIL_FROM"
DEFAULT_SMTP_URL = "smtp://localhost:25"
NETWORK_TIMEOUT = 20.0
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass
class StdoutChannel:
    """Standard output; delivered once written and flushed (cron mails it on)."""

    fmt: str
    stream: TextIO
    hints: bool = True
    name: str = "stdout"

    def deliver(self, digest: Mapping[str, Any]) -> None:
        try:
            self.stream.write(render_report(digest, self.fmt, self.hints) + "\n")
            self.stream.flush()
        except OSError as exc:
            raise DeliveryError(f"cannot write the report to standard output: {exc}") from exc


@dataclass
class FileChannel:
    path: Path
    fmt: str
    hints: bool = True
    name: str = "file"

    def __post_init__(self) -> None:
        if self.path.is_dir():
            raise InputError(f"--output {self.path} is a directory; name a file")

    def deliver(self, digest: Mapping[str, Any]) -> None:
        text = render_report(digest, self.fmt, self.hints) + "\n"
        write_atomically(self.path, text.encode("utf-8"))


def _new_file_mode(path: Path) -> int:
    """An existing file keeps its mode; a new one gets 0666 less the umask."""
    with suppress(OSError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a temp file beside `path`, fsync it, and rename it over `path`.

    Readers see the old file or the whole new one, never a part.
    """
    directory = path.parent
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise DeliveryError(f"cannot write the report to {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _new_file_mode(path))
        os.replace(temp, path)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(temp)
        raise DeliveryError(f"cannot write the report to {path}: {exc.strerror or exc}") from exc
    _fsync_dir(directory)


# mail


@dataclass(frozen=True)
class SmtpSettings:
    scheme: str
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """The server as a URL with the password masked, safe to print."""
        user = f"{self.username}:***@" if self.username else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"


def smtp_settings(url: str) -> SmtpSettings:
    """Read smtp://user:pass@host:port or smtps://...; percent-escapes are decoded."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:  # its message may hold the password: it is not shown
        raise InputError(
            f"{ENV_SMTP_URL} is not a valid URL (is the port a number? a password with "
            "/, # or @ must be percent-escaped)"
        ) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps") or not parts.hostname:
        raise InputError(f"{ENV_SMTP_URL} must look like smtp://user:pass@host:port or smtps://…")
    return SmtpSettings(
        scheme=scheme,
        host=parts.hostname,
        port=port or (465 if scheme == "smtps" else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def check_address(value: str, what: str) -> str:
    """One mail address (optionally `Name <a@b>`), refused if it could inject headers."""
    text = value.strip()
    name, address = parseaddr(text)
    local, _, domain = address.rpartition("@")
    if (
        one_line(text) != text
        or len(getaddresses([text])) != 1
        or not local
        or not domain
        or any(ch.isspace() or ch in ",;<>" for ch in address)
    ):
        raise InputError(f"{what} is not one mail address: {value!r}")
    return formataddr((name, address)) if name else address


def sender(environ: Mapping[str, str]) -> str:
    """The configured sender (mail_from, or $TRACKER_MAIL_FROM); none is refused, as git
    refuses to commit without user.email: a made-up `tracker@host` is spam to most
    servers, and replies to it go nowhere."""
    configured = environ.get(ENV_MAIL_FROM)
    if not configured:
        raise InputError(
            "mail needs a sender: run 'tracker config set mail_from you@example.org' "
            f"(or set {ENV_MAIL_FROM})"
        )
    return check_address(configured, ENV_MAIL_FROM)


def build_message(
    digest: Mapping[str, Any],
    from_addr: str,
    to_addrs: Sequence[str],
    subject: str | None,
    hints: bool = True,
) -> EmailMessage:
    """multipart/alternative: the text report and the HTML page, UTF-8, one-line headers."""
    message = EmailMessage()
    try:
        message["Subject"] = one_line(subject) if subject else subject_line(digest)
    except ValueError as exc:
        raise InputError(f"the mail subject cannot be used: {exc}") from exc
    message["From"] = from_addr
    message["To"] = ", ".join(to_addrs)
    message["Date"] = format_datetime(datetime.fromisoformat(digest["generated_at"]))
    message["Message-ID"] = make_msgid("tracker", domain=parseaddr(from_addr)[1].rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(to_text(digest, hints) + "\n")
    message.add_alternative(to_mail_html(digest, hints) + "\n", subtype="html")
    return message


def _connect(settings: SmtpSettings, timeout: float) -> Any:
    """An SMTP connection, encrypted whenever the server allows it."""
    import smtplib
    import ssl

    context = ssl.create_default_context()
    if settings.scheme == "smtps":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        smtp.starttls(context=context)
        smtp.ehlo()
    elif settings.username and settings.host not in _LOOPBACK:
        smtp.close()
        raise DeliveryError(
            f"{settings.label} offers no STARTTLS; refusing to send the password in clear "
            "(use smtps://)"
        )
    return smtp


def _smtp_detail(exc: Exception) -> str:
    import smtplib

    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address} refused ({code} {one_line(reply.decode('utf-8', 'replace'))})"
            for address, (code, reply) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = exc.smtp_error
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        return f"{exc.smtp_code} {one_line(text)}"
    return one_line(str(exc)) or type(exc).__name__


def send_mail(settings: SmtpSettings, message: EmailMessage, timeout: float) -> None:
    """Send one message; any refusal, even of one recipient, is a failure."""
    import smtplib

    try:
        with _connect(settings, timeout) as smtp:
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            refused = smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"mail via {settings.label} failed: {_smtp_detail(exc)}") from exc
    if refused:
        detail = _smtp_detail(smtplib.SMTPRecipientsRefused(refused))
        raise DeliveryError(f"mail via {settings.label} failed: {detail}")


@dataclass
class MailChannel:
    settings: SmtpSettings
    from_addr: str
    to_addrs: Sequence[str]
    subject: str | None = None
    hints: bool = True
    timeout: float = NETWORK_TIMEOUT
    name: str = "mail"

    def deliver(self, digest: Mapping[str, Any]) -> None:
        message = build_message(digest, self.from_addr, self.to_addrs, self.subject, self.hints)
        send_mail(self.settings, message, self.timeout)


# webhook


def check_webhook_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - a bad port raises here, not at delivery
    except ValueError as exc:  # its message may hold the URL's secret: it is not shown
        raise InputError("--webhook is not a valid URL (is the port a number?)") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or one_line(url) != url:
        raise InputError("--webhook must be an http:// or https:// URL")
    return url.strip()


def webhook_label(url: str) -> str:
    """Scheme, host and port only: a webhook's path is often its secret."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}/…"


def post_json(url: str, body: bytes, timeout: float) -> None:
    """POST without following redirects (a redirected POST would silently become a GET)."""
    import http.client
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "tracker"},
    )
    opener = urllib.request.build_opener(NoRedirect)
    label = webhook_label(url)
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"webhook {label} answered {exc.code} {one_line(exc.reason)}") from exc
    except urllib.error.URLError as exc:
        raise DeliveryError(f"webhook {label} unreachable: {one_line(exc.reason)}") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise DeliveryError(
            f"webhook {label} failed: {one_line(exc) or type(exc).__name__}"
        ) from exc


@dataclass
class WebhookChannel:
    url: str
    timeout: float = NETWORK_TIMEOUT
    name: str = "webhook"

    def deliver(self, digest: Mapping[str, Any]) -> None:
        post_json(self.url, webhook_payload(digest).encode("utf-8"), self.timeout)


# choosing channels


@dataclass(frozen=True)
class Destinations:
    """Where the user asked the report to go (standard output when nowhere else), and
    whether it ends with the commands that act on its claims."""

    output: str | None = None
    mail_to: Sequence[str] = ()
    subject: str | None = None
    webhook: str | None = None
    hints: bool = True


def channels_for(
    destinations: Destinations, fmt: str, stdout: TextIO, environ: Mapping[str, str]
) -> list[Any]:
    """Build (and check) the channels: file, then webhook, then mail; else stdout."""
    if destinations.subject is not None and not destinations.mail_to:
        raise InputError("--subject needs --mail-to")
    channels: list[Any] = []
    hints = destinations.hints
    if destinations.output is not None:
        channels.append(FileChannel(Path(destinations.output).expanduser(), fmt, hints))
    if destinations.webhook is not None:
        channels.append(WebhookChannel(check_webhook_url(destinations.webhook)))
    if destinations.mail_to:
        recipients = [check_address(a, "--mail-to") for a in destinations.mail_to]
        settings = smtp_settings(environ.get(ENV_SMTP_URL) or DEFAULT_SMTP_URL)
        channels.append(
            MailChannel(settings, sender(environ), recipients, destinations.subject, hints)
        )
    return channels or [StdoutChannel(fmt, stdout, hints)]
