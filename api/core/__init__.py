"""Cross-cutting pieces: settings, database, errors and their translations, security helpers, the
caller (principal and roles), the request context (id, actor), the city's clock, evidence
storage."""
