"""People's names as people type them: without case, accents or dots, by surname,
with initials ("E. Musk"), or slightly misspelt ("Zelensky" for "Zelenskyy")."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence

#: How alike two names (or two surnames) must be to be taken for one person's.
CLOSE = 0.85


def folded(name: str) -> str:
    """Lower case, without diacritics, punctuation or extra spaces: "Zelenskýy, V." and
    "zelenskyy v" fold alike."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(
        ch if ch.isalnum() else " "
        for ch in decomposed
        if not unicodedata.combining(ch) and ch not in "'’"
    )
    return " ".join(kept.split())


def _initials_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """Given names that may be the same person's: one side has none, or each given
    name on the shorter side starts like the other's (an initial, or the whole name)."""
    if len(a) < 2 or len(b) < 2:
        return True
    return a[0][0] == b[0][0] and (len(a[0]) == 1 or len(b[0]) == 1 or a[0] == b[0])


def same_person(typed: str, stored: str) -> bool:
    """Whether `typed` names `stored` by surname alone or with initials ("Musk",
    "E. Musk" for "Elon Musk"); both folded."""
    a, b = typed.split(), stored.split()
    if not a or not b or a[-1] != b[-1] or len(a) > len(b):
        return False
    return _initials_agree(a, b) and all(
        x == y or (len(x) == 1 and y.startswith(x)) for x, y in zip(a[:-1], b, strict=False)
    )


def close(typed: str, stored: str) -> bool:
    """Whether two folded names are alike enough to ask if they are one person."""
    if typed == stored or same_person(typed, stored) or same_person(stored, typed):
        return True
    a, b = typed.split(), stored.split()
    if not a or not b:
        return False
    if difflib.SequenceMatcher(None, typed, stored).ratio() >= CLOSE:
        return True
    surnames = difflib.SequenceMatcher(None, a[-1], b[-1]).ratio()
    return surnames >= CLOSE and len(a[-1]) >= 4 and _initials_agree(a, b)


def suggestions(typed: str, names: Iterable[tuple[str, str]], n: int = 3) -> list[str]:
    """The people (second of each pair) whose names (first) are close to a typed one,
    the closest first."""
    wanted = folded(typed)
    by_fold = {folded(name): person for name, person in names}
    found: list[str] = []
    for f in difflib.get_close_matches(wanted, list(by_fold), n, 0.6):
        found += [by_fold[f]] if by_fold[f] not in found else []
    found += [p for f, p in by_fold.items() if p not in found and close(wanted, f)]
    return found[:n]


#: Above this many comparisons, only names sharing a surname are compared.
MAX_COMPARISONS = 50_000


def close_pairs(new: Sequence[str], stored: Sequence[str]) -> list[tuple[str, str]]:
    """(new, stored) pairs of names that may be one person's; for large sets only those
    that share a folded surname are compared, so an import's check stays quick."""
    by_surname: dict[str, list[tuple[str, str]]] = {}
    for name in stored:
        f = folded(name)
        if f:
            by_surname.setdefault(f.split()[-1], []).append((f, name))
    everyone = [pair for pairs in by_surname.values() for pair in pairs]
    thorough = len(new) * len(everyone) <= MAX_COMPARISONS
    found = []
    for name in new:
        f = folded(name)
        if not f:
            continue
        candidates = everyone if thorough else by_surname.get(f.split()[-1], [])
        found += [(name, other) for g, other in candidates if g != f and close(f, g)]
    return found
