"""Regular expressions for dates in folded French text (see ``folding.fold_in_place``).

Each rule is one named alternative of a single master expression; inner
groups carry the rule's prefix because group names must be unique.
"""

from __future__ import annotations

import re

from .vocab import (
    COUNT_NOUNS,
    FUNCTION_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_CUES,
    MONTHS,
    NUMBER_WORDS,
    QUANTIFIERS,
    SEASONS,
    STRONG_YEAR_CUES,
    WEAK_YEAR_CUES,
    WEEKDAYS,
    alternation,
    trie_alternation,
)

S = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # blanks, at most one line break
OS = r"[^\S\n]*"
DAY = r"(?:1er|premier|[12][0-9]|3[01]|0?[1-9])(?![0-9])"
# A year is four digits that are not part of a larger number: not after a
# thousands group (``10 000``), not a decimal, not followed by another group.
YEAR = r"(?<!\w)(?<![0-9][.,])(?<![0-9] )[12][0-9]{3}(?![0-9]|[.,][0-9]| [0-9]{3}(?![0-9]))"
REL = r"(?:derniere|dernier|passee|passe|prochaine|prochain)\b"
NOT_THAT = r"(?!-la\b)"  # "cette année-là" names a time of the story, not of publication
COUNT = rf"(?:{alternation(COUNT_NOUNS)})\b|[%€$]"


def month(name: str) -> str:
    """A month name, or an abbreviation with its dot, captured as *name*."""
    return (
        rf"(?P<{name}>(?:{alternation(MONTHS)})\b"
        rf"|(?:{alternation(MONTH_ABBREVIATIONS)})\.)"
    )


def weekday(name: str) -> str:
    """A weekday name captured as *name*."""
    return rf"(?P<{name}>{alternation(WEEKDAYS)})\b"


RULES: dict[str, str] = {
    # du 18 au 20 juin 2024, les 3 et 4 mars, 18-20 juin
    "range_days": rf"(?<![\w.,])(?P<rd_d1>{DAY})(?:{S}(?:au|et|a){S}|{OS}[-–]{OS})"
    rf"(?P<rd_d2>{DAY}){S}{month('rd_m')}(?:{S}(?P<rd_y>{YEAR}))?",
    # mercredi 19 juin 2024, 1er mars 2023, le 19 juin, le 3 mai dernier
    "full": rf"(?:(?<!\w){weekday('f_wd')},?{S}(?:le{S})?)?(?<![\w.,])(?P<f_d>{DAY})"
    rf"{S}{month('f_m')}(?:{S}(?P<f_y>{YEAR})|{S}(?P<f_rel>{REL}))?",
    # 19/06/2024, 19.06.2024
    "numeric": r"(?<![\w./-])(?P<n_d>[0-3]?[0-9])(?P<n_sep>[/.])(?P<n_m>[01]?[0-9])"
    r"(?P=n_sep)(?P<n_y>[12][0-9]{3})(?![0-9/]|[.,-][0-9])",
    # 2024-06-19
    "iso": r"(?<![\w./-])(?P<i_y>[12][0-9]{3})-(?P<i_m>[01][0-9])-(?P<i_d>[0-3][0-9])"
    r"(?![0-9/]|[.,-][0-9])",
    # de 1950 à 1953, entre 2015 et 2018, 1914-1918
    "year_range": rf"(?:(?<!\w)(?P<yr_cue>de|entre|depuis){S})?(?P<yr_y1>{YEAR})"
    rf"(?:{S}(?P<yr_word>a|et|au){S}|{OS}[-–]{OS})(?P<yr_y2>{YEAR})(?!{OS}(?:{COUNT}))",
    # de juin à septembre 2024, entre mars et mai 2023
    "month_range": rf"(?<!\w)(?:de|entre|d'){OS}{month('mr_m1')}{S}(?:a|et|au){S}"
    rf"{month('mr_m2')}{S}(?P<mr_y>{YEAR})",
    # au printemps 2022, l'été dernier, cet hiver, en automne
    "season": r"(?<!\w)(?:(?P<s_det>a l'|de l'|au|en|cet|ce|l'|d'|du)"
    rf"{OS})?(?P<s_name>printemps|ete|automne|hiver)\b{NOT_THAT}"
    rf"(?:{S}(?:de{S}|d')?(?P<s_y>{YEAR})|{S}(?P<s_rel>{REL}))?",
    # juin 2024, mi-juillet 2023 (the modifier is outside the match)
    "month_year": rf"(?<!\w){month('my_m')}{S}(?P<my_y>{YEAR})",
    # en 2019, depuis 2022, l'an 2000, fin 2023, la crise de 2008,
    "cue_year": rf"(?<!\w)(?P<cy_cue>{alternation(STRONG_YEAR_CUES + WEAK_YEAR_CUES)})"
    rf"{OS}(?P<cy_y>{YEAR})",
    # en juin, d'avril, début mars, en juin dernier
    "cue_month": rf"(?<!\w)(?P<cm_cue>{alternation(MONTH_CUES)}){OS}{month('cm_m')}"
    rf"(?:{S}(?P<cm_rel>{REL}))?(?!{OS}[0-9])",
    # juin dernier, septembre prochain
    "month_rel": rf"(?<!\w){month('mo_m')}{S}(?P<mo_rel>{REL})",
    # lundi, mardi dernier, jeudi prochain
    "weekday": rf"(?<!\w){weekday('wd_d')}{NOT_THAT}(?:{S}(?P<wd_rel>{REL}))?",
    # hier, avant-hier, demain (not d'hier, not l'Europe de demain)
    "rel_day": r"(?<![\w'-])(?P<day_word>avant-hier|apres-demain|hier|demain)\b",
    # la semaine dernière, cette semaine
    "rel_week": rf"(?<!\w)(?P<rw_det>la|cette){S}semaine{NOT_THAT}(?:{S}(?P<rw_rel>{REL}))?\b",
    # le mois dernier, ce mois-ci
    "rel_month": rf"(?<!\w)(?:le|ce){S}mois(?:{S}(?P<rm_rel>{REL})|(?P<rm_ci>-ci\b))",
    # l'année dernière, l'an prochain, cette année (but not cette année 2024)
    "rel_year": rf"(?<!\w)(?:l'(?:annee|an){S}(?P<ry_rel>{REL})|cette{S}annee\b{NOT_THAT}"
    rf"(?!{S}{YEAR}))",
    # il y a deux ans, dans 3 mois
    "ago": rf"(?<!\w)(?P<ago_dir>il y a|dans){S}"
    rf"(?P<ago_n>[0-9]{{1,3}}|(?:{alternation(NUMBER_WORDS)})\b){S}"
    r"(?P<ago_u>jours?|semaines?|mois|ans|annees?|an)\b",
}

#: After a count-like year: a measure word means the number is a count.
COUNT_AFTER = re.compile(rf"{OS}(?:{COUNT})")
#: After a weak cue's year: only punctuation, the end or a grammatical word.
YEAR_END = re.compile(rf"{OS}(?:$|[,.;:!?)»\"\]–-]|(?:{alternation(FUNCTION_WORDS)})\b)")
#: Before a weak cue: a quantifier makes the number a quantity.
QUANTITY_BEFORE = re.compile(rf"(?:^|\W)(?:{alternation(QUANTIFIERS)}){OS}$")


def compile_master(excluded: frozenset[str] = frozenset()) -> re.Pattern[str]:
    """All rules but *excluded* as one expression; earlier rules win ties."""
    body = "|".join(f"(?P<{name}>{rx})" for name, rx in RULES.items() if name not in excluded)
    return re.compile(body)


#: A word that every rule contains: the scanner only tries rules near one.
#: Each branch starts with a literal and checks the word start after it,
#: which lets ``re`` skip most positions (three times faster than a list).
TRIGGER = re.compile(
    "|".join(
        [rf"{digit}(?<![0-9].)" for digit in "0123456789"]
        + [
            rf"{branch[0]}(?<!\w.){branch[1:]}\b"
            for branch in trie_alternation(
                [*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS, *SEASONS, "hier", "demain"]
                + ["semaine", "mois", "an", "ans", "annee", "annees", "jour", "jours"]
            )
        ]
    )
)
#: How far before its trigger a rule may start (``au mois de juin``, ``il y a
#: quarante ans``, ``mercredi, le 19 juin``).
LOOKBACK = 24
