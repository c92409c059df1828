"""The input hash of a score run (mã băm dữ liệu đầu vào): SHA-256 over a canonical form of the
framework, units, the values the framework reads (with their sources), adjustments and
not-applicable marks.

Canonical means independent of the order of units, values and marks, so the same inputs give the
same run id; values of elements the framework does not read cannot change a run and are left out.
Values are taken as given: Decimal("1.0"), Decimal("1") and 1 are different inputs (an adapter
reading the same rows always builds the same ones).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import attrgetter

from api.scoring.dumper import framework_to_dict
from api.scoring.model import Adjustment, Framework, RawValue, UnitInfo, Value

HASH_VERSION = "dti-hub-scoring/1"
"""Bumped whenever the engine's arithmetic changes, so old and new runs never share an id."""

ABSENT = Value(None, "")
"""Stands for a value the unit does not have; reads the same as Value(None, "")."""

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
_value_of = attrgetter("value")
_source_of = attrgetter("source")


def elements_read(framework: Framework) -> list[str]:
    """The codes of every data element the framework's indicators read, sorted (a new list)."""
    return list(_elements_read(framework))


@lru_cache(maxsize=32)
def _elements_read(framework: Framework) -> tuple[str, ...]:
    return tuple(
        sorted({ref.element_code for criterion in framework.walk() for ref in criterion.inputs})
    )


def value_rows(
    units: Sequence[UnitInfo], values: Mapping[str, Mapping[str, Value]], elements: list[str]
) -> tuple[list[list[RawValue]], list[list[str]]]:
    """For each unit, its raw value and its source for each element (None and "" where it has
    none), in the order of `elements`.

    Reading unit by unit keeps each unit's values together in memory; the engine then transposes
    the rows into columns with zip, about three times faster than reading column by column.
    """
    raw_rows: list[list[RawValue]] = []
    source_rows: list[list[str]] = []
    blank = [ABSENT] * len(elements)
    for unit in units:
        found = values.get(unit.code)
        row = list(map(found.get, elements, repeat(ABSENT))) if found else blank
        raw_rows.append(list(map(_value_of, row)))
        source_rows.append(list(map(_source_of, row)))
    return raw_rows, source_rows


@lru_cache(maxsize=32)
def _framework_bytes(framework: Framework) -> bytes:
    """The framework's canonical JSON, kept for the next run: building it costs more than the
    rest of a city-scale run's hash, and a framework (frozen) never changes."""
    return _encode(framework_to_dict(framework)).encode()


def input_hash(
    framework: Framework,
    units: Collection[UnitInfo],
    values: Mapping[str, Mapping[str, Value]],
    adjustments: Mapping[tuple[str, str], Adjustment],
    not_applicable: Collection[tuple[str, str]],
) -> str:
    """Hex SHA-256 of the canonical inputs of a score run (its run id), without scoring."""
    ordered = sorted(units, key=lambda unit: unit.code)
    elements = elements_read(framework)
    raw_rows, source_rows = value_rows(ordered, values, elements)
    return hash_rows(
        framework, ordered, elements, raw_rows, source_rows, adjustments, not_applicable
    )


def hash_rows(
    framework: Framework,
    units: Sequence[UnitInfo],
    elements: list[str],
    raw_rows: Iterable[list[RawValue]],
    source_rows: Iterable[list[str]],
    adjustments: Mapping[tuple[str, str], Adjustment],
    not_applicable: Collection[tuple[str, str]],
) -> str:
    """`input_hash` from `value_rows` already read, for `units` sorted by code."""
    digest = hashlib.sha256()
    digest.update(_framework_bytes(framework))
    digest.update(
        _encode(
            {
                "version": HASH_VERSION,
                "units": [(unit.code, unit.group) for unit in units],
                "elements": elements,
                "adjustments": sorted(
                    (unit_code, code, repr(adjustment.points), adjustment.reason)
                    for (unit_code, code), adjustment in adjustments.items()
                ),
                "not_applicable": sorted(set(not_applicable)),
            }
        ).encode()
    )
    # repr is canonical, escapes strings (so no separator can be forged) and tells Decimal, int,
    # float, bool, str, date and None apart, all in C: a million values take a few tenths of a
    # second.
    for raws, sources in zip(raw_rows, source_rows, strict=True):
        digest.update(repr(raws).encode())
        digest.update(repr(sources).encode())
    return digest.hexdigest()
