"""Progress (tiến độ): for a round, where each unit stands — status, how much it has answered and
proved, what was returned to it, when it last worked on it, and whether it is late against the
round's phase dates. The reminders job reads the same figures."""
