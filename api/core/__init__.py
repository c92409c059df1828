"""Cross-cutting pieces: settings, database, errors and their translations, security helpers."""
