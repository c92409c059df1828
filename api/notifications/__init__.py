"""Notifications (thông báo): in-app messages to people, and e-mail through an outbox that is
delivered with retries. The reminders job writes both for units whose deadline is near or past."""
