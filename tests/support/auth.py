"""The demo accounts' credentials."""

from __future__ import annotations

DEMO_PASSWORD = "demo12345"

Headers = dict[str, str]
