"""Publication dates written in article URLs: ``date_from_url``."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from .resolve import make_date

#: Plausible publication years; wider than this, a URL number is an identifier.
URL_YEARS = range(1990, 2101)

_YEAR_FIRST = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20|21)[0-9]{2})(?P<sep>[/_.-])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<d>[0-9]{1,2})(?![0-9])"
)
_COMPACT = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20|21)[0-9]{2})(?P<m>[01][0-9])(?P<d>[0-3][0-9])(?![0-9])"
)
_DAY_FIRST = re.compile(
    r"(?<![0-9])(?P<d>[0-9]{1,2})(?P<sep>[/_.-])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<y>(?:19|20|21)[0-9]{2})(?![0-9])"
)


def date_from_url(url: str) -> dt.date | None:
    """The full date in *url*'s path (or query), or None.

    Reads ``/2024/06/19/``, ``/2024-06-19-titre``, ``/20240619/`` and
    ``/19-06-2024/``.  A month alone (``/2024/06/``) gives None: a publication
    date is a day, and the first of the month would be a guess.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    for part in (parts.path, parts.query):
        for pattern in (_YEAR_FIRST, _COMPACT, _DAY_FIRST):
            for m in pattern.finditer(part):
                found = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
                if found is not None and found.year in URL_YEARS:
                    return found
    return None
