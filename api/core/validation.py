"""Reusable Pydantic validators for request bodies."""

from __future__ import annotations

import re
from typing import Any

from pydantic import field_validator
from pydantic_core import PydanticCustomError

# Caps on the lists and maps of request bodies, far above real use, so that no body makes the
# server validate, translate or store an unbounded number of items (the body limit bounds bytes).
MAX_INPUTS = 100  # values of one answer, review or feedback, keyed by input name
MAX_GROUPS = 50  # unit groups named in one unit or round
MAX_PREDECESSORS = 100  # units one unit replaced
MAX_ROUND_UNITS = 20_000  # units taking part in one round
MAX_SCOPES = 10_000  # (element, unit) scopes of one API client


def reject_null(*fields: str) -> Any:
    """A validator refusing an explicit ``null`` for ``fields`` of a partial update.

    Leaving a field out means "unchanged"; ``null`` for a field that cannot be empty is a mistake
    the client should hear about (422 naming the field), not a 500 from the database.
    """

    def check(cls: type, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("value.not_null", "must not be null")
        return value

    return field_validator(*fields, mode="before")(classmethod(check))


# C0 controls other than tab, line feed and carriage return, DEL and the C1 controls: invisible,
# and XML (so every Excel file a title or name is written to) cannot hold the C0 ones.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def reject_control_characters(*fields: str) -> Any:
    """A validator refusing control characters in ``fields`` (titles, names): 422 naming the
    field, rather than text no spreadsheet can hold."""

    def check(cls: type, value: Any) -> Any:
        if isinstance(value, str) and _CONTROL_CHARACTERS.search(value):
            raise PydanticCustomError(
                "value.control_characters", "must not hold control characters"
            )
        return value

    return field_validator(*fields, mode="after")(classmethod(check))
