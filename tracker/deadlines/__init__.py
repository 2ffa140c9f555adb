"""Deadline engine: read a time phrase the way a careful news editor would.

``resolve(phrase, said_on)`` turns the words a speaker used ("this week", "in the
coming weeks", "by the end of Q2", "31/03/2026") into a window of calendar days
``[start, end]`` counted from the day the words were said. A vague phrase gives a
real window, never a single day. docs/deadlines.md is the written policy; this
package is that policy in code.

How a phrase is read (``reader``):

1. ``normalise`` folds case, quotes, brackets, dashes, number words and times
   of day into one plain form ("In [the] coming weeks." -> "in the coming weeks").
2. ``modes.split_mode`` takes off the words that say how the named period becomes
   a window: "by", "before", "within", "at the latest"...
3. The rest (the core) is looked up among the fixed words (``fixed_words``), then
   matched against the rule table (``rulebook``, filled from the ``rules_*``
   modules in a fixed order): compiled regexes tried in order, each with a small
   handler returning a ``Span``, the period the words name (a week, a quarter,
   a horizon of 42 days...).
4. ``modes.apply_mode`` turns span and mode into the window.
5. Only when no rule matches and the text looks like an explicit date is
   dateparser asked (``fallback``); it is imported there, never at package import.

Pure and deterministic: no clock, no I/O; results are cached per
(normalised phrase, said-on day), and which rule patterns read a phrase is cached
per phrase (that depends on the words only; the handlers still see each day).
"""

from tracker.deadlines.model import Deadline
from tracker.deadlines.normalise import normalise
from tracker.deadlines.reader import resolve
from tracker.errors import DeadlineError as DeadlineError

__all__ = ["Deadline", "normalise", "resolve"]
