"""Sector figures pushed by provider agencies (số liệu từ cơ quan chuyên môn): batches validated
row by row and applied all-or-nothing, set-based, each with an import report."""
