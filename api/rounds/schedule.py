"""A round's schedule (lịch): for each phase after the draft, when it starts and ends.

Times are instants, stored in UTC as ISO 8601 strings in ``rounds.schedule``
(``{"collecting": {"starts_at": "…Z", "ends_at": "…Z"}}``) and entered and shown in city time
(Asia/Ho_Chi_Minh, UTC+7, no daylight saving). A whole day may be given instead of an instant
(``starts_on``/``ends_on``): a phase starting on a day starts at 00:00 there, one ending on a day
ends at 23:59:59 there.

A schedule is in order: each phase ends after it starts, and no phase begins before the one
before it ends (or, when that one has no end, before it begins). Phases with no dates are skipped.

The end of collecting is every unit's deadline; a unit may have its own, later one (an extension,
``round_units.deadline_at``): :func:`submission_deadline` gives the one in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from api.core.clock import CITY_TZ
from api.core.errors import FieldError, Invalid, validation_failed
from api.rounds.models import Phase

SCHEDULED = (Phase.collecting, Phase.reviewing, Phase.preliminary, Phase.final, Phase.published)
DAY_END = dt.time(23, 59, 59)

Bounds = tuple[dt.datetime | None, dt.datetime | None]


def city_start(day: dt.date) -> dt.datetime:
    """00:00 of ``day`` in the city, in UTC."""
    return dt.datetime.combine(day, dt.time(0, 0), CITY_TZ).astimezone(dt.UTC)


def city_end(day: dt.date) -> dt.datetime:
    """23:59:59 of ``day`` in the city, in UTC: a deadline "on 15 December" has passed from
    16 December 00:00 there."""
    return dt.datetime.combine(day, DAY_END, CITY_TZ).astimezone(dt.UTC)


def city_day(at: dt.datetime) -> dt.date:
    """The city's date of an instant."""
    return at.astimezone(CITY_TZ).date()


def city_text(at: dt.datetime) -> str:
    """An instant as the city reads it in a message: 30/11/2025 17:00."""
    return at.astimezone(CITY_TZ).strftime("%d/%m/%Y %H:%M")


def _parse(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def bounds(schedule: Mapping[str, Any], phase: Phase) -> Bounds:
    """The stored start and end of ``phase`` (UTC), either of them None when not set."""
    dates = schedule.get(phase.value) or {}
    return _parse(dates.get("starts_at")), _parse(dates.get("ends_at"))


def ends_at(schedule: Mapping[str, Any], phase: Phase) -> dt.datetime | None:
    return bounds(schedule, phase)[1]


def starts_at(schedule: Mapping[str, Any], phase: Phase) -> dt.datetime | None:
    return bounds(schedule, phase)[0]


def submission_deadline(
    schedule: Mapping[str, Any], extended_until: dt.datetime | None
) -> dt.datetime | None:
    """When a unit must have submitted: the end of collecting, or its extension if later (an
    extension never shortens a deadline, even when the round's is moved past it afterwards)."""
    end = ends_at(schedule, Phase.collecting)
    if extended_until is None:
        return end
    return extended_until if end is None else max(end, extended_until)


def resubmission_deadline(
    schedule: Mapping[str, Any], extended_until: dt.datetime | None
) -> dt.datetime | None:
    """When a unit must have resubmitted the answers returned to it: the end of reviewing (or,
    without one, its submission deadline), never before its extension."""
    end = ends_at(schedule, Phase.reviewing)
    if end is None:
        return submission_deadline(schedule, extended_until)
    return end if extended_until is None else max(end, extended_until)


def may_submit(phase: Phase, extended_until: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a unit that has not submitted may still answer and submit: while the round is
    collecting (late or not), or while it is reviewing and the unit's extension has not passed."""
    if phase == Phase.collecting:
        return True
    return phase == Phase.reviewing and extended_until is not None and now <= extended_until


def _iso(at: dt.datetime | None) -> str | None:
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if at else None


def _given(dates: Any, name: str, day: str, to_instant: Any) -> tuple[dt.datetime | None, bool]:
    """The instant given for one bound (``starts``/``ends``) as a time or a day; and whether both
    forms were given."""
    at: dt.datetime | None = getattr(dates, f"{name}_at")
    on: dt.date | None = getattr(dates, f"{name}_{day}")
    if at is not None and on is not None:
        return at, True
    if at is not None:
        return at.astimezone(dt.UTC), False
    return (to_instant(on) if on is not None else None), False


def checked(schedule: Mapping[Phase, Any]) -> dict[str, dict[str, str | None]]:
    """The schedule as stored, or a 422 naming every field at fault (module docstring).

    ``schedule`` maps phases to objects with ``starts_at``/``ends_at`` (aware datetimes) and
    ``starts_on``/``ends_on`` (city days), as :class:`api.rounds.schemas.PhaseDates` holds them.
    """
    errors: list[FieldError] = []
    given: dict[Phase, Bounds] = {}
    for phase, dates in schedule.items():
        field = f"schedule.{phase.value}"
        if phase not in SCHEDULED:
            errors.append(FieldError(field, "round.schedule_draft"))
            continue
        start, both_start = _given(dates, "starts", "on", city_start)
        end, both_end = _given(dates, "ends", "on", city_end)
        if both_start:
            errors.append(FieldError(f"{field}.starts_on", "round.schedule_both", bound="starts"))
        if both_end:
            errors.append(FieldError(f"{field}.ends_on", "round.schedule_both", bound="ends"))
        given[phase] = (start, end)
    # Every bound in the phases' order; each must come after the one before it.
    previous: tuple[Phase, str, dt.datetime] | None = None
    for phase in SCHEDULED:
        start, end = given.get(phase, (None, None))
        for bound, at in (("starts_at", start), ("ends_at", end)):
            if at is None:
                continue
            if previous is not None:
                before_phase, before_bound, before_at = previous
                if before_phase == phase and at <= before_at:
                    errors.append(
                        FieldError(
                            f"schedule.{phase.value}.ends_at",
                            "round.schedule_order",
                            phase=phase.value,
                        )
                    )
                elif before_phase != phase and at < before_at:
                    code = (
                        "round.schedule_overlap"
                        if before_bound == "ends_at"
                        else "round.schedule_sequence"
                    )
                    errors.append(
                        FieldError(
                            f"schedule.{phase.value}.{bound}",
                            code,
                            phase=phase.value,
                            previous=before_phase.value,
                            at=city_text(before_at),
                        )
                    )
            previous = (phase, bound, at)
    if len(errors) == 1:  # the problem's own code and message, as other single faults have
        raise Invalid(errors[0].code, field=errors[0].field, **errors[0].params)
    if errors:
        raise validation_failed(errors)
    return {
        phase.value: {"starts_at": _iso(start), "ends_at": _iso(end)}
        for phase in SCHEDULED
        if phase in given
        for start, end in [given[phase]]
    }


def shown(schedule: Mapping[str, Any]) -> dict[Phase, dict[str, Any]]:
    """The stored schedule as the API shows it: each bound in UTC and as the city's day."""
    out: dict[Phase, dict[str, Any]] = {}
    for phase in SCHEDULED:
        if phase.value not in schedule:
            continue
        start, end = bounds(schedule, phase)
        out[phase] = {
            "starts_at": start,
            "ends_at": end,
            "starts_on": city_day(start) if start else None,
            "ends_on": city_day(end) if end else None,
        }
    return out
