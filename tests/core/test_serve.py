"""``python -m api serve``: how many workers, and the in-process reminders in one of them."""

from __future__ import annotations

from pathlib import Path

from api.__main__ import serve_workers
from api.core.settings import Settings
from api.main import _one_worker_lock


def test_workers_default_to_the_cores_in_production_and_one_in_development() -> None:
    assert serve_workers(None, None, "development") == 1
    assert serve_workers(None, None, "production") >= 1
    assert serve_workers(None, 3, "production") == 3  # DTI_WORKERS
    assert serve_workers(5, 3, "development") == 5  # --workers wins


def test_only_one_worker_runs_the_in_process_reminders(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'a.db'}")
    first = _one_worker_lock(settings)
    assert first is not None
    try:
        assert _one_worker_lock(settings) is None  # another worker of the same database
        other = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'b.db'}")
        second = _one_worker_lock(other)
        assert second is not None  # another install on the machine runs its own
        second.close()
    finally:
        first.close()
    again = _one_worker_lock(settings)  # the holder stopped: the next one takes over
    assert again is not None
    again.close()
