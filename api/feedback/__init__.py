"""Feedback on preliminary results (giải trình): units explain or contest, DIC answers."""
