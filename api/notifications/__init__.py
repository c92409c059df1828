"""Notifications (thông báo): in-app messages to people, and e-mail through an outbox that is
delivered with retries. Review (a returned answer) and progress (reminders of deadlines) use it."""
