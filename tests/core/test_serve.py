"""``python -m api serve``: how many workers (periodic tasks run once whatever the number:
tests/jobs/test_runner.py)."""

from __future__ import annotations

from api.__main__ import serve_workers


def test_workers_default_to_the_cores_in_production_and_one_in_development() -> None:
    assert serve_workers(None, None, "development") == 1
    assert serve_workers(None, None, "production") >= 1
    assert serve_workers(None, 3, "production") == 3  # DTI_WORKERS
    assert serve_workers(5, 3, "development") == 5  # --workers wins
