"""Validation of one input value against its data element, to the canonical JSON that is stored.

Decimals and percents are stored as plain strings (exact), integers as numbers, dates as ISO text,
booleans as booleans, choices by their option value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from api.assessments.models import ValueSource
from api.core.database import plain_decimal
from api.core.errors import FieldError
from api.frameworks.schemas import DataElementIn

# Which stored source counts for an element: its own declared source (the others are kept apart).
SOURCE_OF_ELEMENT = {
    "self": ValueSource.unit,
    "provider": ValueSource.provider,
    "reviewer": ValueSource.reviewer,
}
MAX_TEXT = 4000
LARGEST = Decimal(10) ** 12  # no figure of a DTI round comes near; beyond is a typing slip
MAX_PLACES = 6


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    elif isinstance(raw, str):
        try:
            number = Decimal(raw.strip().replace(",", "."))
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def parse_value(element: DataElementIn, raw: Any, field: str) -> tuple[Any, FieldError | None]:
    """The canonical stored form of ``raw`` for ``element``, or the error naming ``field``.

    ``None`` clears the value and is always accepted.
    """
    if raw is None:
        return None, None
    kind = element.value_type
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw, None
        return None, FieldError(field, "value.boolean")
    if kind == "choice":
        options = [o.value for o in element.options or []]
        if isinstance(raw, str) and raw in options:
            return raw, None
        return None, FieldError(field, "value.choice", options=", ".join(options))
    if kind == "text":
        if not isinstance(raw, str):
            return None, FieldError(field, "value.text")
        if len(raw) > MAX_TEXT:
            return None, FieldError(field, "value.text_long", max=MAX_TEXT)
        return raw, None
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(raw)).isoformat(), None
        except ValueError:
            return None, FieldError(field, "value.date")
    number = _number(raw)
    if number is None:
        return None, FieldError(field, "value.number")
    low = element.min if element.min is not None else Decimal(0)
    high = element.max if element.max is not None else (Decimal(100) if kind == "percent" else None)
    if number < low:
        return None, FieldError(field, "value.min", min=plain_decimal(low))
    if number > (high if high is not None else LARGEST):
        return None, FieldError(field, "value.max", max=plain_decimal(high or LARGEST))
    if kind == "integer" and number != number.to_integral_value():
        return None, FieldError(field, "value.integer")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        return None, FieldError(field, "value.decimals", places=MAX_PLACES)
    if kind == "integer":
        return int(number), None
    return str(plain_decimal(number)), None


def counting_source(element: DataElementIn) -> ValueSource:
    """The stored source whose value counts for ``element``."""
    return SOURCE_OF_ELEMENT[element.source]
