"""`tracker source`: a claim's other sources, where the same words were read."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from tracker.cli.app import CLAIM_ID, DATE, AppContext, cli, echo, format_option, pass_app
from tracker.output.formats import to_json


@cli.group()
def source() -> None:
    """A claim's sources: the same words read in other outlets."""


@source.command("add")
@click.argument("claim_id", metavar="ID", type=CLAIM_ID)
@click.argument("url")
@click.option("--title", help="The article's title.")
@click.option("--outlet", help="Who published it.")
@click.option("--published", type=DATE, help="The day it was published.")
@click.option("--said-on", type=DATE, help="The day this source says the words were said.")
@click.option("--note", help="A note, kept with the source and in the journal.")
@format_option("text", "json", default="text")
@pass_app
def add_source(
    app: AppContext,
    claim_id: int,
    url: str,
    published: date | None,
    said_on: date | None,
    fmt: str,
    **fields: Any,
) -> None:
    """Add URL as another source of claim ID (journaled; a judged claim too).

    The claim's first source stays as it is. A URL that is already one of the claim's
    sources changes nothing and is said so; one that is not http(s) is refused.

    Example: tracker source add 3 https://apnews.com/article/talks --outlet AP
    """
    from tracker.config import mask_url
    from tracker.domain import sources
    from tracker.domain.claims import get_claim
    from tracker.domain.listings import source_records

    new = sources.NewSource(
        url, fields["title"], fields["outlet"], published, said_on, fields["note"]
    )
    stamp = app.stamp(fields["note"])
    added = app.db.run(lambda s: sources.add_source(s, stamp, claim_id, new), write=True)
    records = app.db.run(lambda s: source_records(get_claim(s, claim_id)))
    if fmt == "json":
        echo(to_json({"id": claim_id, "added": added, "sources": records}))
    elif added:
        echo(f"#{claim_id}: added {mask_url(url.strip())} ({len(records)} sources)")
    if not added:
        click.echo(
            f"tracker: #{claim_id} already has the source {mask_url(url.strip())}; nothing changed",
            err=True,
        )
