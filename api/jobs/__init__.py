"""Background jobs and periodic tasks on a job runner: pgqueuer on PostgreSQL, in-process on
SQLite. Domains register their tasks with it; they never import it from below."""
