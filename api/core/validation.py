"""Reusable Pydantic validators for request bodies."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator
from pydantic_core import PydanticCustomError


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
