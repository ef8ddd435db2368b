"""Whether a search is answered as typed, with a suggestion, or by its correction.

Decided once, after matching: a query with unknown words gets a suggestion;
when it finds nothing, or ranks its words (then its unknown words were read
with typos), and its correction finds something, the correction's results
are returned instead (unless the request asks for the query as typed), and
the page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .execute import Matches
from .query import ParsedQuery
from .results import SearchRequest
from .suggest import Speller

#: What a search of one query text gives before paging: the parse and the masks.
Attempt = tuple[ParsedQuery, Matches]


@dataclass(frozen=True)
class Checked:
    """The matches to show, and what to tell the user about spelling."""

    parsed: ParsedQuery
    matches: Matches
    #: A corrected query to offer (« Essayez plutôt … »).
    suggestion: str | None = None
    #: ``{"from": typed, "to": searched}`` when the correction's results are shown.
    corrected: dict[str, str] | None = None


def run_checked(request: SearchRequest, run: Callable[[str], Attempt], speller: Speller) -> Checked:
    """Run *request*'s query, and its correction when it finds nothing."""
    parsed, matches = run(request.q)
    if not parsed.has_text:
        return Checked(parsed, matches)
    fixed = speller.suggest(request.q)
    if fixed is None:
        return Checked(parsed, matches)
    # A ranked query reads its unknown words with typos (``Pyongyan`` finds
    # Pyongyang's articles): those results are the correction's, so show the
    # correction's own and say so. Otherwise only a query that finds nothing.
    if matches.final.any() and not parsed.ranked:
        return Checked(parsed, matches, suggestion=fixed)
    fixed_parsed, fixed_matches = run(fixed)
    if not fixed_matches.final.any():  # a correction that finds nothing is no help
        return Checked(parsed, matches)
    if not request.autocorrect:
        return Checked(parsed, matches, suggestion=fixed)
    return Checked(fixed_parsed, fixed_matches, corrected={"from": request.q, "to": fixed})
