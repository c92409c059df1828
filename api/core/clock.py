"""Ho Chi Minh City's clock: deadlines, windows and reminders count the city's days (UTC+7, no
daylight saving), whatever the server's own time zone."""

from __future__ import annotations

import datetime as dt

CITY_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def city_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Ho Chi Minh City (or the date of ``now`` there)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(CITY_TZ).date()
