"""A static, self-contained site of the claims and how they turned out.

`build_pages` turns plain records (tracker.domain.publishing) into the site's files,
every page from a Jinja2 template with user text escaped by the engine; `write_site`
writes them into a folder, rewriting only the files whose bytes changed and removing
the pages of claims, speakers and tags that are gone. Every link is relative, so the
site works from `file://` and from any static host; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import InputError
from tracker.output import words
from tracker.output.formats import to_compact_json, to_json
from tracker.output.templating import environment, render, stylesheet

#: The file that marks a folder as a site this module wrote, listing its files.
MANIFEST = ".tracker-site.json"
LATEST_VERDICTS = 10
COMING = 10
FEED_ENTRIES = 100

Record = Mapping[str, Any]


@dataclass(frozen=True)
class SiteOptions:
    title: str = "Claims and how they turned out"
    base_url: str = ""


@dataclass(frozen=True)
class SiteContent:
    as_of: date
    claims: Sequence[Record]
    speakers: Sequence[Record]


@dataclass
class Written:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def slug(name: str) -> str:
    """A file name for a speaker or tag: ASCII words joined by '-', else a digest."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60].strip("-")
    return text or "n-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def slugs(names: Iterable[str]) -> dict[str, str]:
    """Each name's slug, made unique by a number where two names fold alike."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = candidate = slug(name)
        n = 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        found[name] = candidate
    return found


def _state(claim: Record) -> str:
    return words.state_of(claim["status"], claim["days_overdue"])


def meter(claims: Iterable[Record]) -> dict[str, int]:
    """How many claims are in each of the meter's states."""
    counts = Counter(_state(claim) for claim in claims)
    return {state: counts.get(state, 0) for state in words.METER_STATES}


def _latest_verdicts(claims: Sequence[Record], limit: int) -> list[Record]:
    judged = [c for c in claims if c["outcome_on"] and c["status"] not in ("open", "waiting")]
    return sorted(judged, key=lambda c: (c["outcome_on"], c["id"]), reverse=True)[:limit]


def _coming(claims: Sequence[Record], limit: int) -> list[Record]:
    """The open claims whose window has not ended, soonest end first."""
    soon = [c for c in claims if c["status"] == "open" and (c["days_overdue"] or 0) <= 0]
    return sorted(soon, key=lambda c: (c["due_on"], c["id"]))[:limit]


def _by_speaker(claims: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for claim in claims:
        grouped.setdefault(claim["speaker"], []).append(claim)
    return grouped


def _tag_counts(claims: Sequence[Record]) -> list[dict[str, Any]]:
    counts = Counter(tag for claim in claims for tag in claim["tags"])
    return [{"name": name, "count": counts[name]} for name in sorted(counts, key=str.casefold)]


@dataclass
class _Context:
    content: SiteContent
    options: SiteOptions
    slugs: dict[str, dict[str, str]]
    items: dict[int, Any] = field(default_factory=dict)

    def site(self) -> dict[str, Any]:
        return {
            "title": self.options.title,
            "as_of": self.content.as_of,
            "base_url": self.options.base_url,
        }

    def item(self, claim: Record, root: str) -> Any:
        """A claim as an item of a list (safe HTML) for pages `root` away from the top."""
        from markupsafe import Markup

        template = environment().get_template("site/item.html")
        speaker_slug = self.slugs["speakers"][claim["speaker"]]
        state = _state(claim)
        html = template.render(c=claim, root=root, state=state, speaker_slug=speaker_slug)
        return Markup(html)

    def page(self, template: str, depth: int, **values: Any) -> str:
        """A page `depth` folders down, with every claim's list item at hand."""
        root = "../" * depth
        return render(
            template,
            site=self.site(),
            root=root,
            slugs=self.slugs,
            items=self.items,
            item_at=lambda claim: self.item(claim, root),
            **values,
        )


def _index(ctx: _Context, charts: Mapping[str, str]) -> str:
    claims = ctx.content.claims
    return ctx.page(
        "site/index.html",
        0,
        claims=claims,
        speakers=ctx.content.speakers,
        counts=meter(claims),
        chart=charts.get(""),
        verdicts=_latest_verdicts(claims, LATEST_VERDICTS),
        coming=_coming(claims, COMING),
        tags=_tag_counts(claims),
    )


def _speaker_pages(ctx: _Context, charts: Mapping[str, str]) -> dict[str, str]:
    by_speaker = _by_speaker(ctx.content.claims)
    pages = {}
    for record in ctx.content.speakers:
        name = record["speaker"]
        mine = by_speaker.get(name, [])
        pages[f"speakers/{ctx.slugs['speakers'][name]}.html"] = ctx.page(
            "site/speaker.html", 1, sp=record, claims=mine, counts=meter(mine),
            chart=charts.get(name),
        )  # fmt: skip
    links = [
        (r["speaker"], f"{ctx.slugs['speakers'][r['speaker']]}.html", r["claims"])
        for r in ctx.content.speakers
    ]
    pages["speakers/index.html"] = ctx.page(
        "site/listing.html", 1, heading="Speakers", claims=None, links=links
    )
    return pages


def _tag_pages(ctx: _Context) -> dict[str, str]:
    tags = _tag_counts(ctx.content.claims)
    by_tag: dict[str, list[Record]] = {}
    for claim in ctx.content.claims:
        for name in claim["tags"]:
            by_tag.setdefault(name, []).append(claim)
    pages = {}
    for tag in tags:
        tagged = by_tag[tag["name"]]
        pages[f"tags/{ctx.slugs['tags'][tag['name']]}.html"] = ctx.page(
            "site/listing.html", 1, heading=f"Topic: {tag['name']}", claims=tagged, links=[]
        )
    links = [(t["name"], f"{ctx.slugs['tags'][t['name']]}.html", t["count"]) for t in tags]
    pages["tags/index.html"] = ctx.page(
        "site/listing.html", 1, heading="Topics", claims=None, links=links
    )
    return pages


def _claim_pages(ctx: _Context) -> dict[str, str]:
    template = environment().get_template("site/claim.html")
    site = ctx.site()
    return {
        f"claims/{claim['id']}.html": template.render(
            site=site, root="../", slugs=ctx.slugs, c=claim
        )
        for claim in ctx.content.claims
    }


def _moment(text: str | None, fallback: date) -> str:
    """An Atom date (RFC 3339, UTC) from a stored time, else the fallback day."""
    return f"{text[:19]}Z" if text else f"{fallback.isoformat()}T00:00:00Z"


def _verdict(claim: Record) -> dict[str, Any]:
    verdicts = [e for e in claim["history"] if e["kind"] == "verify"]
    last = verdicts[-1] if verdicts else {}
    key = f"tracker-verdict:{claim['uid']}:{claim['status']}:{claim['outcome_on']}"
    label = words.state_label(claim["status"])
    note = f" Note: {last['note']}" if last.get("note") else ""
    text = claim["text"].rstrip(". ")
    summary = f"{claim['speaker']} said on {words.day(claim['said_on'])}: {text}."
    return {
        "claim": claim,
        "label": label,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}",
        "updated": _moment(last.get("recorded_at"), date.fromisoformat(claim["outcome_on"])),
        "summary": f"{summary} Verdict: {label}, {words.day(claim['outcome_on'])}.{note}",
    }


def _feed(ctx: _Context) -> str:
    verdicts = [_verdict(c) for c in _latest_verdicts(ctx.content.claims, FEED_ENTRIES)]
    verdicts.sort(key=lambda v: (v["updated"], v["id"]), reverse=True)
    updated = verdicts[0]["updated"] if verdicts else _moment(None, ctx.content.as_of)
    base = ctx.options.base_url or f"tracker-site:{ctx.options.title}"
    feed_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, base)}"
    return render(
        "site/feed.atom",
        site={"title": ctx.options.title, "base_url": ctx.options.base_url},
        feed_id=feed_id,
        updated=updated,
        verdicts=verdicts,
    )


def _sitemap(base_url: str, paths: Iterable[str]) -> str:
    from xml.sax.saxutils import escape

    urls = "".join(
        f"<url><loc>{escape(base_url + path)}</loc></url>\n"
        for path in sorted(paths)
        if path.endswith(".html")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def _data(content: SiteContent) -> dict[str, str]:
    as_of = content.as_of.isoformat()
    return {
        "data/claims.json": to_compact_json({"as_of": as_of, "claims": list(content.claims)})
        + "\n",
        "data/speakers.json": to_json({"as_of": as_of, "speakers": list(content.speakers)}) + "\n",
    }


def _assets() -> dict[str, str]:
    loader = environment().loader
    assert loader is not None
    script, _, _ = loader.get_source(environment(), "site/search.js")
    return {"assets/style.css": stylesheet(), "assets/search.js": script}


def _charts(content: SiteContent) -> dict[str, Any]:
    """The outcome chart of all claims (key "") and of each speaker's, as inline SVG."""
    from markupsafe import Markup

    from tracker.output.charts import outcome_svg

    by_speaker = _by_speaker(content.claims)
    charts = {"": Markup(outcome_svg(meter(content.claims), "Outcomes of all claims"))}
    for name, claims in by_speaker.items():
        charts[name] = Markup(outcome_svg(meter(claims), f"Outcomes of {name}'s claims"))
    return charts


def build_pages(
    content: SiteContent, options: SiteOptions, charts: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every file of the site, by its path under the site's folder.

    `charts` are inline SVG charts: "" for the whole site's, a speaker's name for theirs.
    """
    names = {
        "speakers": slugs(c["speaker"] for c in content.claims),
        "tags": slugs(t for c in content.claims for t in c["tags"]),
    }
    ctx = _Context(content, options, names)
    ctx.items = {claim["id"]: ctx.item(claim, "../") for claim in content.claims}
    charts = charts or _charts(content)
    pages = {"index.html": _index(ctx, charts)}
    pages["claims/index.html"] = ctx.page("site/claims.html", 1, claims=content.claims)
    pages |= _claim_pages(ctx) | _speaker_pages(ctx, charts) | _tag_pages(ctx)
    pages |= {"feed.atom": _feed(ctx), **_data(content), **_assets()}
    if options.base_url:
        pages["sitemap.xml"] = _sitemap(options.base_url, pages)
    return pages


def _previous(out: Path) -> set[str]:
    """The files an earlier build wrote into `out`; refuses a folder it did not make."""
    if not out.exists():
        return set()
    if not out.is_dir():
        raise InputError(f"{out} is a file, not a folder for the site")
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        except (ValueError, KeyError, TypeError, OSError):
            listed = []
        return {str(p) for p in listed if isinstance(p, str)}
    if any(out.iterdir()):
        raise InputError(f"{out} is not empty and holds no site built here; choose a new folder")
    return set()


def _write_if_changed(target: Path, data: bytes, made: set[Path]) -> bool:
    """Write `data` to `target` unless it holds those bytes already. A new file is
    written in place; a changed one through a temporary file renamed over it, so a
    reader never sees half a page."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
        exists = True
    except OSError:
        exists = False
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    path = target.with_name(f".{target.name}.{os.getpid()}.tmp") if exists else target
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    if exists:
        os.replace(path, target)
    return True


def _safe(path: str) -> bool:
    parts = Path(path).parts
    return bool(parts) and ".." not in parts and not Path(path).is_absolute()


def write_site(out: Path, pages: Mapping[str, str]) -> Written:
    """Write the pages into `out`, only those whose bytes changed; remove the files an
    earlier build wrote that this one does not."""
    previous = _previous(out)
    result = Written()
    made: set[Path] = set()
    for path, text in sorted(pages.items()):
        if _write_if_changed(out / path, text.encode("utf-8"), made):
            result.written.append(path)
        else:
            result.unchanged += 1
    for path in sorted(previous - set(pages)):
        if _safe(path) and (out / path).is_file():
            (out / path).unlink()
            result.removed.append(path)
    manifest = to_json({"files": sorted(pages)}) + "\n"
    _write_if_changed(out / MANIFEST, manifest.encode("utf-8"), made)
    return result
