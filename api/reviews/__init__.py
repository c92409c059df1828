"""Review (thẩm định): DIC's decision on each answer of a submitted assessment — accepted,
adjusted (the reviewer's points or values, with a reason the unit sees) or returned (what to fix;
only returned answers reopen) — and the comment thread between the unit and DIC on each answer."""
