"""Errors the search core raises; the CLI and the web app turn them into messages."""

from __future__ import annotations


class SearchError(Exception):
    """Base for failures a caller should report to the user, not as a traceback."""


class IndexNotFound(SearchError):
    """No Loupe index in the directory."""


class IndexUnreadable(SearchError):
    """The index's metadata file is missing, unreadable or not Loupe's."""


class IndexVersionMismatch(SearchError):
    """The index was built by another analyzer or schema version."""
