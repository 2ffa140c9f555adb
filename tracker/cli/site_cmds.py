"""`tracker site build`: the claims as a static site readers can browse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tracker.cli.app import AppContext, as_of_option, cli, pass_app

DEFAULT_TITLE = "Claims and how they turned out"


@cli.group()
def site() -> None:
    """Publish the claims as a static site (works from file:// and any static host)."""


def _base_url(value: str | None) -> str:
    """The site's address, ending in '/': an http(s) URL with a host, else refused."""
    from tracker.errors import InputError
    from tracker.output.words import web_url
    from tracker.validate import clean_url

    if not value:
        return ""
    url = clean_url(value, "--base-url")
    if url is None or web_url(url) is None:
        raise InputError(f"--base-url must be an http or https address, not {value[:60]!r}")
    return url if url.endswith("/") else url + "/"


def _folder(text: str) -> Path:
    from tracker.validate import output_path

    path = Path(text).expanduser()
    return path if path.is_dir() else output_path(text, "OUT")


def _quiet(count: int, note: str | None = None) -> None:
    """The steps of a build where no bar is drawn (stderr is no terminal)."""


@site.command("build")
@click.argument("out", metavar="OUT")
@click.option("--title", default=DEFAULT_TITLE, show_default=True, help="The site's title.")
@click.option(
    "--speaker", "speakers", multiple=True, help="Only this speaker's claims (repeatable)."
)
@click.option("--tag", "tags", multiple=True, help="Only claims with this tag (repeatable).")
@click.option("--base-url", metavar="URL", help="Where the site will live: adds a sitemap.")
@as_of_option
@pass_app
def build(
    app: AppContext,
    out: str,
    title: str,
    speakers: tuple[str, ...],
    tags: tuple[str, ...],
    base_url: str | None,
    as_of: date | None,
) -> None:
    """Write the site into the folder OUT: an overview with the meter of outcomes, a page
    per claim, speaker and topic, search, an Atom feed of verdicts and the data as JSON.

    Building again rewrites only the pages that changed.

    Example: tracker site build public --title "Campaign promises"
    """
    from tracker.cli.exchange_cmds import progress_bar
    from tracker.domain.publishing import SiteScope, site_data
    from tracker.output.site import SiteContent, SiteOptions, build_pages, write_site
    from tracker.validate import clean_text

    folder = _folder(out)
    options = SiteOptions(
        clean_text(title, "--title", limit=200) or DEFAULT_TITLE, _base_url(base_url)
    )
    with progress_bar(3, "building the site") as step:
        step = step or _quiet
        with app.reading_db.session() as session:
            data = site_data(session, app.as_of(as_of), SiteScope(speakers, tags))
        step(1, f"{len(data.claims)} claims read")
        pages = build_pages(SiteContent(data.as_of, data.claims, data.speakers), options)
        step(1, f"{len(data.claims)} claims, {len(pages)} pages made")
        result = write_site(folder, pages)
        step(1, f"{len(data.claims)} claims, {len(result.written)} files written")
    click.echo(
        f"tracker: site in {folder}: {len(data.claims)} claims, {len(result.written)} files "
        f"written, {result.unchanged} unchanged, {len(result.removed)} removed",
        err=True,
    )
