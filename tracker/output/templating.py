"""Jinja2 templates shared by the site, the HTML report and the HTML mail.

Every value a template prints is escaped by the engine (autoescape on, for every
template); a template never marks user text safe. Only http and https URLs become
links (the `web_url` filter gives None for anything else, `javascript:` included).
Jinja2 is imported only by the commands that render HTML.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from tracker.output import words

if TYPE_CHECKING:
    from jinja2 import Environment

#: The stylesheet every page and report shares (inlined in reports and mail).
STYLESHEET = "style.css"


@cache
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("tracker.output", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        day=words.day,
        window=words.window,
        state_label=words.state_label,
        days_phrase=words.days_phrase,
        web_url=words.web_url,
    )
    env.globals.update(state_of=words.state_of, meter_states=words.METER_STATES)
    return env


def render(name: str, **context: Any) -> str:
    """Render one template with the shared filters."""
    return environment().get_template(name).render(**context)


def stylesheet() -> str:
    """The shared stylesheet's text (reports and mail inline it)."""
    loader = environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(environment(), STYLESHEET)
    return source
