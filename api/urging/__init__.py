"""Urging (đôn đốc): DIC's messages to late units from the progress page (in-app and e-mail, from
editable vi/en templates), escalation to a unit's head once it is overdue by the configured days,
and the approver's weekly digest of late units."""
