"""Backup, restore and ``check``: a round trip through a wiped database and evidence store loses
nothing, a lost blob is found and answered with a problem, and a backup from newer code is
refused; the same with evidence in an S3 bucket. Each test works in a database of its own (real
commits), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import make_url, text

from api.core.database import make_engine
from api.core.settings import Settings
from api.core.storage import LocalStorage, blob_key
from api.main import create_app
from api.ops.backup import BackupError, backup, file_sha256, restore
from api.ops.check import check, render
from tests.support import database
from tests.support.auth import DEMO_PASSWORD, Headers, bearer
from tests.support.files import pdf_bytes
from tests.support.fresh import all_rows, fresh_database
from tests.support.http import http_client, sign_in, upload
from tests.support.s3 import moto_server, s3_client


@pytest.fixture
async def fresh(database_url: str, tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings of a database and an evidence folder of this test's own."""
    async with fresh_database(database_url, tmp_path) as url:
        yield Settings(
            database_url=url,
            storage_dir=tmp_path / "storage",
            spa_dir=tmp_path / "no-spa",
            demo_password=DEMO_PASSWORD,
        )


class App:
    """The real app on ``settings`` (its own engine and storage, nothing overridden)."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.client: AsyncClient = http_client(self.app)

    async def close(self) -> None:
        await self.client.aclose()
        await self.app.state.engine.dispose()


async def signed_in(app: App, username: str) -> Headers:
    return bearer((await sign_in(app.client, username))["access_token"])


async def with_evidence(settings: Settings) -> dict[str, bytes]:
    """Two evidence files uploaded by Q1's editor (one linked twice): {evidence id: bytes}."""
    app = App(settings)
    try:
        editor = await signed_in(app, "q1.editor")
        files = {}
        for indicator, content in (
            ("1.1", pdf_bytes("biên bản họp")),
            ("1.2", pdf_bytes("quyết định")),
            ("1.3", pdf_bytes("biên bản họp")),
        ):
            response = await upload(app.client, editor, indicator, content)
            assert response.status_code == 201, response.text
            files[str(response.json()["id"])] = content
        return files
    finally:
        await app.close()


async def wipe(settings: Settings) -> None:
    """Lose everything: the database (file deleted, or every object dropped) and the folder."""
    url = settings.database_url
    if database.is_postgresql(url):
        engine = make_engine(url)
        try:
            async with engine.begin() as connection:
                await connection.execute(text("DROP SCHEMA public CASCADE"))
                await connection.execute(text("CREATE SCHEMA public"))
        finally:
            await engine.dispose()
    else:
        delete_sqlite(Path(str(make_url(url).database)))
    shutil.rmtree(settings.storage_dir)


def delete_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def blob_files(settings: Settings) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in (settings.storage_dir / "blobs").glob("*/*/*")
        if path.is_file()
    }


async def test_backup_wipe_restore_loses_nothing(fresh: Settings, tmp_path: Path) -> None:
    files = await with_evidence(fresh)
    before_rows = await all_rows(fresh.database_url)
    before_blobs = blob_files(fresh)
    assert len(before_blobs) == 2  # the same bytes twice are one blob

    made = await backup(fresh, tmp_path / "backups")
    assert made.path.parent == tmp_path / "backups"
    assert made.path.stat().st_mode & 0o077 == 0  # the owner's alone
    manifest = json.loads((made.path / "manifest.json").read_text())
    assert manifest["format_version"] == 1
    assert manifest["database_kind"] == (
        "postgresql" if database.is_postgresql(fresh.database_url) else "sqlite"
    )
    assert manifest["counts"]["evidence_links"] == 3
    assert sorted(b["sha256"] for b in manifest["blobs"]) == sorted(before_blobs)

    await wipe(fresh)
    assert not fresh.storage_dir.exists()
    done = await restore(fresh, made.path)
    assert (done.blobs_written, done.blobs_present, done.needs_migrate) == (2, 0, False)

    assert await all_rows(fresh.database_url) == before_rows
    assert blob_files(fresh) == before_blobs
    app = App(fresh)  # the app, started again, serves the evidence
    try:
        editor = await signed_in(app, "q1.editor")
        for evidence_id, content in files.items():
            response = await app.client.get(f"/api/v1/evidence/{evidence_id}", headers=editor)
            assert response.status_code == 200, response.text
            assert response.content == content
    finally:
        await app.close()


async def test_a_sqlite_backup_keeps_the_commits_still_in_the_write_ahead_log(
    fresh: Settings, tmp_path: Path
) -> None:
    """A file copy of the live database lost commits (they were in ``dti.db-wal``); the backup
    takes a snapshot through SQLite and keeps them."""
    if database.is_postgresql(fresh.database_url):
        pytest.skip("SQLite's write-ahead log")
    path = Path(str(make_url(fresh.database_url).database))
    with closing(sqlite3.connect(path)) as live:  # the app, running: its log not checkpointed
        live.execute("PRAGMA journal_mode=WAL")
        live.execute("PRAGMA wal_autocheckpoint=0")
        live.execute(
            "INSERT INTO seed_marks (kind, code, seeded_at) "
            "VALUES ('test', 'committed-just-now', '2026-12-04 00:00:00')"
        )
        live.commit()
        copied = tmp_path / "cp.db"
        shutil.copyfile(path, copied)
        made = await backup(fresh, tmp_path / "b")
        assert "committed-just-now" not in seed_marks(copied)  # what `cp` would have kept
        assert "committed-just-now" in seed_marks(made.path / "database.sqlite3")


def seed_marks(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT code FROM seed_marks")}


async def test_a_backup_archive_restores_over_a_changed_database(
    fresh: Settings, tmp_path: Path
) -> None:
    """Restore replaces what changed since (a new upload, rows deleted) all at once, from a
    .tar.gz; the newer upload's blob stays in storage as an orphan, as `check` says."""
    await with_evidence(fresh)
    before = await all_rows(fresh.database_url)
    made = await backup(fresh, tmp_path / "nightly.tar.gz")
    assert made.path == tmp_path / "nightly.tar.gz"
    assert made.path.is_file()
    assert made.path.stat().st_mode & 0o077 == 0

    app = App(fresh)
    try:
        later = await upload(app.client, await signed_in(app, "q1.editor"), "2.1", pdf_bytes("x"))
        assert later.status_code == 201
    finally:
        await app.close()
    engine = make_engine(fresh.database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM notifications"))
            await connection.execute(text("DELETE FROM login_failures"))
    finally:
        await engine.dispose()

    await restore(fresh, made.path)
    assert await all_rows(fresh.database_url) == before
    report = await check(fresh)
    assert report.ok
    assert report.orphans == [later.json()["sha256"]]


async def test_check_finds_a_removed_and_a_damaged_blob_and_backup_refuses_them(
    fresh: Settings, tmp_path: Path
) -> None:
    files = await with_evidence(fresh)
    storage = LocalStorage(fresh.storage_dir)
    assert (await check(fresh, deep=True)).ok
    first, second = sorted(blob_files(fresh))
    storage.path_of(first).unlink()
    damaged = storage.path_of(second)
    damaged.write_bytes(b"X" + damaged.read_bytes()[1:])  # same size, other bytes

    shallow = await check(fresh)
    assert [(p.sha256, p.kind) for p in shallow.problems] == [(first, "missing")]
    deep = await check(fresh, deep=True)
    assert [(p.sha256, p.kind) for p in deep.problems] == [
        (first, "missing"),
        (second, "wrong hash"),
    ]
    text_report = render(deep, where="the folder")
    assert f"MISSING: {first}" in text_report
    assert f"WRONG HASH: {second}" in text_report
    linked = {ref.id for p in deep.problems for ref in p.links}
    assert {str(i) for i in linked} == set(files)  # whose files they are
    assert "unit Q1, indicator 1." in text_report

    with pytest.raises(BackupError, match=r"2 evidence blob.*missing or damaged"):
        await backup(fresh, tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []  # nothing half-made left
    made = await backup(fresh, tmp_path / "b", allow_missing=True)
    assert made.missing == [first, second]


def variant(made: Path, name: str, change: Callable[[Path, dict[str, Any]], None]) -> Path:
    """A copy of the backup ``made`` with ``change`` applied to its folder and manifest."""
    copy = made.with_name(name)
    shutil.copytree(made, copy)
    manifest: dict[str, Any] = json.loads((copy / "manifest.json").read_text())
    change(copy, manifest)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    return copy


def newer_revision(folder: Path, manifest: dict[str, Any]) -> None:
    manifest["alembic_revision"] = "9999"


def damaged_blob(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / "blobs" / blob_key(manifest["blobs"][0]["sha256"])).write_bytes(b"not it")


def broken_database(folder: Path, manifest: dict[str, Any]) -> None:
    """Half the database file, its hash re-stamped: only loading it can tell."""
    dump = folder / manifest["database"]["file"]
    content = dump.read_bytes()
    dump.write_bytes(content[: len(content) // 2])
    manifest["database"]["sha256"] = file_sha256(dump)


async def test_restore_refuses_a_bad_backup_and_changes_nothing(
    fresh: Settings, tmp_path: Path
) -> None:
    """A backup from newer code, or with a damaged blob, is refused before anything changes; a
    database that fails to load half-way leaves the old one whole (all or nothing)."""
    await with_evidence(fresh)
    made = (await backup(fresh, tmp_path / "b")).path
    before = await all_rows(fresh.database_url)
    shutil.rmtree(fresh.storage_dir)

    newer = variant(made, "newer", newer_revision)
    with pytest.raises(BackupError, match=r"9999.*newer than the code"):
        await restore(fresh, newer)
    damaged = variant(made, "damaged", damaged_blob)
    with pytest.raises(BackupError, match=r"blob .* is damaged in the backup"):
        await restore(fresh, damaged)
    assert not fresh.storage_dir.exists()
    assert await all_rows(fresh.database_url) == before

    broken = variant(made, "broken", broken_database)
    with pytest.raises(BackupError):
        await restore(fresh, broken)
    assert await all_rows(fresh.database_url) == before


async def test_evidence_in_a_bucket_is_backed_up_checked_and_put_back(
    fresh: Settings, tmp_path: Path
) -> None:
    """MinIO/S3: the backup copies the objects, `check` finds them gone from the bucket, and
    `restore --blobs-only` puts them back without touching the database."""
    with moto_server() as endpoint:
        s3 = s3_client(endpoint)
        s3.create_bucket(Bucket="dti-evidence")
        bucket = fresh.model_copy(
            update={
                "s3_bucket": "dti-evidence",
                "s3_endpoint_url": endpoint,
                "s3_access_key_id": "test",
                "s3_secret_access_key": "test",
            }
        )
        files = await with_evidence(bucket)
        keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="dti-evidence")["Contents"])
        assert len(keys) == 2
        contents = {
            key: s3.get_object(Bucket="dti-evidence", Key=key)["Body"].read() for key in keys
        }
        assert (await check(bucket)).ok
        made = await backup(bucket, tmp_path / "b")
        assert len(made.manifest["blobs"]) == 2
        assert made.manifest["storage"]["kind"] == "s3"

        s3.put_object(Bucket="dti-evidence", Key="evidence/ab/ab/" + "ab" * 32, Body=b"stray")
        for key in keys:
            s3.delete_object(Bucket="dti-evidence", Key=key)
        report = await check(bucket)
        assert sorted(p.kind for p in report.problems) == ["missing", "missing"]
        assert report.orphans == ["ab" * 32]

        before = await all_rows(bucket.database_url)
        done = await restore(bucket, made.path, blobs_only=True)
        assert (done.blobs_written, done.blobs_present) == (2, 0)
        assert await all_rows(bucket.database_url) == before
        for key, content in contents.items():
            assert s3.get_object(Bucket="dti-evidence", Key=key)["Body"].read() == content
        assert (await check(bucket, deep=True)).ok
        app = App(bucket)
        try:
            editor = await signed_in(app, "q1.editor")
            evidence_id, content = next(iter(files.items()))
            response = await app.client.get(f"/api/v1/evidence/{evidence_id}", headers=editor)
            assert response.content == content
        finally:
            await app.close()


# --- the command line (SQLite, a file of its own) -------------------------------------------


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api", *args], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_the_commands_back_up_check_and_restore(tmp_path: Path) -> None:
    """`python -m api backup`, `check` and `restore` on a fresh install: a blob removed is
    reported (exit 1), a restore after the database and the folder are deleted brings both
    back, and `check` is clean again."""
    db = tmp_path / "dti.db"
    storage = tmp_path / "storage"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DTI_", "TEST_DATABASE"))},
        "DTI_DATABASE_URL": f"sqlite+aiosqlite:///{db}",
        "DTI_STORAGE_DIR": str(storage),
        "DTI_LOG_LEVEL": "WARNING",
    }
    for command in (["migrate"], ["seed"]):
        assert _run(env, *command).returncode == 0
    content = pdf_bytes("the evidence")
    blob = LocalStorage(storage).path_of(_sha(content))
    blob.parent.mkdir(parents=True)
    blob.write_bytes(content)
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(
            "INSERT INTO evidence_blobs (sha256, size, content_type, created_at) "
            "VALUES (?, ?, 'application/pdf', '2026-12-01 00:00:00')",
            (_sha(content), len(content)),
        )

    clean = _run(env, "check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 missing" in clean.stdout
    made = _run(env, "backup", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    [folder] = (tmp_path / "backups").iterdir()
    assert folder.name.startswith("dti-backup-")

    blob.unlink()
    missing = _run(env, "check")
    assert missing.returncode == 1
    assert f"MISSING: {_sha(content)}" in missing.stdout

    db.unlink()
    shutil.rmtree(storage)
    restored = _run(env, "restore", str(folder))
    assert restored.returncode == 0, restored.stderr
    assert "1 evidence blobs written" in restored.stdout
    assert blob.read_bytes() == content
    again = _run(env, "check", "--deep")
    assert again.returncode == 0, again.stdout
    refused = _run(env, "restore", str(tmp_path / "nothing-here"))
    assert refused.returncode == 1
    assert "there is no backup" in refused.stderr


def _sha(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()
