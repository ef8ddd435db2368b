"""The names a page gives its site and its sections, and a test for each title segment.

Pages name their site in several forms: ``leparisien.fr`` in ``og:site_name``
and ``Le Parisien`` in ``<title>``, ``LExpress.fr`` and ``L'Express``,
``Club de Mediapart`` and ``Le Club de Mediapart``.  Every name is reduced to
*forms*: its letters and digits only, folded, with and without a leading
article or a trailing top-level domain; two names meet when a form is shared.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from search.normalize import fold

_WORDS = re.compile(r"[a-z0-9]+")
_DOMAIN = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:]\S*)?$", re.IGNORECASE
)
_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
_TOP_LEVEL = frozenset(
    {
        "fr",
        "com",
        "net",
        "org",
        "eu",
        "info",
        "ch",
        "be",
        "ca",
        "lu",
        "tn",
        "ma",
        "dz",
        "sn",
        "ci",
        "re",
        "media",
        "news",
        "io",
        "tv",
        "fm",
    }
)
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "web"})
#: A section name is short: a longer breadcrumb is the article's own title.
MAX_SECTION_WORDS = 4
_DATE_SEGMENT = re.compile(
    r"^(?:(?:lun|mar|mer|jeu|ven|sam|dim)\w*\.?,?\s+)?"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|(?:le\s+)?\d{1,2}(?:er)?\s+[a-zéû]+\.?\s+\d{4}|[a-zéû]+\s+\d{4})$",
    re.IGNORECASE,
)
_MONTHS = frozenset(
    {
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
        "janv",
        "fevr",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)


@functools.lru_cache(maxsize=4096)
def name_forms(name: str) -> frozenset[str]:
    """The squashed forms under which *name* meets other spellings of it."""
    text = name.strip()
    if _DOMAIN.match(text):
        return frozenset(host_forms(text))
    words = _WORDS.findall(fold(text))
    if not words:
        return frozenset()
    variants = [words]
    if words[0] in _ARTICLES and len(words) > 1:
        variants.append(words[1:])
    if "." in text and words[-1] in _TOP_LEVEL and len(words) > 1:
        variants += [v[:-1] for v in variants if len(v) > 1]
    return frozenset("".join(v) for v in variants)


def host_forms(url_or_host: str) -> set[str]:
    """``https://www.madame.lefigaro.fr/x`` -> ``madame``, ``lefigaro``, ``madamelefigaro``."""
    text = url_or_host if "//" in url_or_host else f"//{url_or_host}"
    host = (urlsplit(text).hostname or "").lower()
    labels = [lab for lab in host.split(".") if lab and lab not in _HOST_NOISE]
    if len(labels) > 1:
        labels = labels[:-1]  # the top-level domain names no site
    labels = [re.sub(r"[^a-z0-9]", "", lab) for lab in labels]
    forms = {lab for lab in labels if len(lab) >= 2}
    if len(labels) > 1:
        forms.add("".join(labels))
    return forms


def path_sections(url: str) -> set[str]:
    """Folders of an article's address (``/edition/economie/x`` -> ``economie``), squashed."""
    parts = [p for p in urlsplit(url).path.split("/") if p][:-1]
    words = (_WORDS.findall(fold(p)) for p in parts)
    return {
        "".join(w) for w in words if w and len(w) <= MAX_SECTION_WORDS and not "".join(w).isdigit()
    }


@dataclass(frozen=True)
class SiteNames:
    """What a title segment may be besides the title: the site, a section, a date."""

    brands: frozenset[str]
    sections: frozenset[str]

    @classmethod
    def build(
        cls,
        names: Iterable[str | None],
        urls: Iterable[str | None],
        sections: Iterable[str | None],
    ) -> SiteNames:
        """Forms of the declared site names, the addresses' hosts and folders, the sections."""
        brands: set[str] = set()
        section_forms: set[str] = set()
        for name in filter(None, names):
            brands |= name_forms(name)
        for url in filter(None, urls):
            brands |= host_forms(url)
            section_forms |= path_sections(url)
        for section in filter(None, sections):
            if len(section.split()) <= MAX_SECTION_WORDS:
                section_forms |= name_forms(section)
        return cls(frozenset(brands), frozenset(section_forms - brands))

    def is_brand(self, segment: str) -> bool:
        """True when *segment* names the site in one of the page's forms."""
        return bool(name_forms(segment) & self.brands)

    def is_affix(self, segment: str) -> bool:
        """True for a segment that is the site, a section, or a date."""
        forms = name_forms(segment)
        return bool(forms & self.brands or forms & self.sections) or is_date(segment)


def is_date(segment: str) -> bool:
    """``23.05.2011``, ``21 juin 2018``, ``mardi 3 mai 2022``: a date and nothing else."""
    text = segment.strip(" ,()")
    if not _DATE_SEGMENT.match(text):
        return False
    words = _WORDS.findall(fold(text))
    return any(w.isdigit() for w in words) and (
        not any(w.isalpha() for w in words) or any(w in _MONTHS for w in words)
    )
