"""``python -m api backup`` and ``restore``: the database and the evidence blobs, together.

A backup is a directory (or the same as a ``.tar``/``.tar.gz`` archive)::

    manifest.json        format version, database kind, Alembic revision, row counts per table,
                         every blob's SHA-256 and size, created_at, the database file's SHA-256
    database.sqlite3     SQLite: a snapshot by the online backup API (never a file copy, which
                         misses what is still in the write-ahead log)
    database.pgdump      PostgreSQL: ``pg_dump --format=custom`` of the same snapshot the counts
                         and the blob list were read from (an exported snapshot)
    blobs/ab/cd/<sha256> the evidence bytes the snapshot's ``evidence_blobs`` rows name

Blobs are written to storage before their rows commit, and never deleted, so a database
snapshot taken first and blobs copied after always agree.

Restore checks everything before it changes anything: the manifest's format, that the code knows
the backup's migration (a backup from newer code is refused), the database file's hash and every
blob's hash. Then it puts the blobs back (missing ones only; content addressing makes this
additive) and replaces the database all at once: SQLite through a verified temporary copy that
the backup API swaps in as one transaction; PostgreSQL in one transaction (``pg_restore`` piped
into ``psql``, committed only when all went well) that first drops the app's objects in
schema ``public``.
Stop the app during a restore: it would otherwise keep serving what it has cached.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import make_url, text
from sqlalchemy.engine import URL

from api.core.database import make_engine
from api.core.settings import Settings
from api.core.storage import CHUNK, LocalStorage, Storage, blob_key, is_blob_name, make_storage
from api.ops.router import MIGRATIONS_DIR

FORMAT = "dti-hub-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Snapshot:
    """What a database snapshot holds: its migration, rows per table, and blobs (sha -> size)."""

    revision: str
    counts: dict[str, int]
    blobs: dict[str, int]


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    missing: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    blobs_written: int
    blobs_present: int
    needs_migrate: bool


# --- helpers ------------------------------------------------------------------------------------


def database_kind(url: str) -> str:
    if url.startswith("sqlite"):
        return "sqlite"
    if url.startswith(("postgresql", "postgres")):
        return "postgresql"
    raise BackupError(f"unsupported database URL {make_url(url).render_as_string()!r}")


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("the SQLite database must be a file to be backed up or restored")
    return Path(database)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def storage_description(settings: Settings) -> dict[str, str]:
    if settings.s3_bucket:
        return {"kind": "s3", "bucket": settings.s3_bucket, "prefix": settings.s3_prefix}
    return {"kind": "local", "dir": str(settings.storage_dir)}


def _count_sql(table: str, schema: str | None = None) -> str:
    """``SELECT count(*)`` of a table named by the database's own catalogue, quoted."""
    name = '"' + table.replace('"', '""') + '"'
    return f"SELECT count(*) FROM {schema + '.' if schema else ''}{name}"  # noqa: S608 (quoted)


def _tables_sqlite(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def _snapshot_sqlite(path: Path) -> Snapshot:
    """Revision, counts and blobs of a SQLite file (the backup's copy, not the live one)."""
    with closing(sqlite3.connect(path)) as connection:
        counts = {
            name: int(connection.execute(_count_sql(name)).fetchone()[0])
            for name in _tables_sqlite(connection)
        }
        revision = _one_revision(
            [str(r[0]) for r in connection.execute("SELECT version_num FROM alembic_version")]
        )
        blobs = {
            str(sha): int(size)
            for sha, size in connection.execute("SELECT sha256, size FROM evidence_blobs")
        }
    return Snapshot(revision=revision, counts=counts, blobs=blobs)


def _one_revision(revisions: list[str]) -> str:
    if len(revisions) != 1:
        raise BackupError(f"the database is at {revisions or 'no'} migration(s); migrate it first")
    return revisions[0]


# --- PostgreSQL tools ---------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of ``pg_dump``/``pg_restore``/``psql``, or a clear error naming the package."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools of the server's major "
            f"version or newer (Debian/Ubuntu: apt-get install postgresql-client)"
        )
    return found


def libpq_env(url: str) -> dict[str, str]:
    """The server, user, password and database of ``url`` as libpq variables (the password stays
    out of the command line, where other users could read it)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", parsed.host),
        ("PGPORT", str(parsed.port) if parsed.port else None),
        ("PGUSER", parsed.username),
        ("PGPASSWORD", parsed.password),
        ("PGDATABASE", parsed.database),
    ):
        if value:
            env[key] = value
    ssl = parsed.query.get("sslmode") or parsed.query.get("ssl")
    if isinstance(ssl, str):
        env["PGSSLMODE"] = "require" if ssl.lower() in ("true", "1") else ssl
    return env


async def _snapshot_postgresql(url: str, dump: Path) -> Snapshot:
    """``pg_dump`` of the snapshot whose counts and blob list the manifest records."""
    pg_dump = pg_tool("pg_dump")
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="REPEATABLE READ")
            async with connection.begin():
                await connection.execute(text("SET TRANSACTION READ ONLY"))
                snapshot_id = await connection.scalar(text("SELECT pg_export_snapshot()"))
                names = await connection.scalars(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "ORDER BY tablename"
                    )
                )
                counts: dict[str, int] = {}
                for name in list(names):
                    counts[name] = int(
                        await connection.scalar(text(_count_sql(name, "public"))) or 0
                    )
                revisions = await connection.scalars(
                    text("SELECT version_num FROM public.alembic_version")
                )
                revision = _one_revision([str(r) for r in revisions])
                rows = await connection.execute(
                    text("SELECT sha256, size FROM public.evidence_blobs")
                )
                blobs = {str(sha): int(size) for sha, size in rows}
                process = await asyncio.create_subprocess_exec(
                    pg_dump,
                    "--format=custom",
                    f"--snapshot={snapshot_id}",
                    f"--file={dump}",
                    env=libpq_env(url),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                _, stderr = await process.communicate()
                if process.returncode != 0:
                    raise BackupError(f"pg_dump failed: {stderr.decode(errors='replace').strip()}")
    finally:
        await engine.dispose()
    return Snapshot(revision=revision, counts=counts, blobs=blobs)


# The app's objects in schema public, dropped in the restore's transaction before the dump's
# are created: tables (with their sequences, indexes, triggers), enum types, functions and views,
# leaving whatever an extension owns. A database at a newer migration than the backup loses
# the tables the backup does not have, as it must for `migrate` to start from the backup.
_DROP_APP_OBJECTS = """
SET client_min_messages = warning;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP EXECUTE format('DROP VIEW IF EXISTS %s CASCADE', r.name); END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', r.name); END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'S'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP EXECUTE format('DROP SEQUENCE IF EXISTS %s CASCADE', r.name); END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
           JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
  LOOP EXECUTE format('DROP TYPE IF EXISTS %s CASCADE', r.name); END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.name); END LOOP;
END $$;
"""


def _restore_postgresql(url: str, dump: Path) -> None:
    """Replace the database's objects with the dump's, all in one transaction: ``pg_restore``
    writes the dump as SQL, ``psql`` runs it between our ``BEGIN`` (and the drop of the app's
    objects) and a ``COMMIT`` sent only once ``pg_restore`` has finished well; an error on
    either side ends the session without it, and PostgreSQL rolls everything back."""
    pg_restore, psql = pg_tool("pg_restore"), pg_tool("psql")
    env = libpq_env(url)
    with tempfile.TemporaryFile() as errors:
        # The tools are found on PATH by their fixed names; no argument comes from a request.
        script = subprocess.Popen(  # noqa: S603
            [pg_restore, "--no-owner", "--no-acl", "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        runner = subprocess.Popen(  # noqa: S603
            [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        assert script.stdout is not None
        assert runner.stdin is not None
        committed = False
        try:
            runner.stdin.write(b"BEGIN;\n" + _DROP_APP_OBJECTS.encode())
            shutil.copyfileobj(script.stdout, runner.stdin, CHUNK)
            if script.wait() == 0:
                runner.stdin.write(b"COMMIT;\n")
                committed = True
        except BrokenPipeError:
            pass  # psql stopped at an error, before any COMMIT: its session rolls back
        finally:
            script.stdout.close()
            if script.poll() is None:
                script.kill()
            with suppress(BrokenPipeError):
                runner.stdin.close()
        script_status, runner_status = script.wait(), runner.wait()
        if not committed or script_status != 0 or runner_status != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise BackupError(f"the PostgreSQL restore failed and was rolled back: {message}")


async def _counts_postgresql(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            names = list(
                await connection.scalars(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                )
            )
            return {
                name: int(await connection.scalar(text(_count_sql(name, "public"))) or 0)
                for name in names
            }
    finally:
        await engine.dispose()


# --- backup -------------------------------------------------------------------------------------


def _copy_blob(storage: Storage, sha256: str, size: int, target: Path) -> bool:
    """Copy one blob out of storage, checking its hash and size; False when it is missing or
    damaged (nothing is left at ``target`` then)."""
    if storage.size(sha256) != size:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    written = 0
    with target.open("wb") as handle:
        for chunk in storage.iter_bytes(sha256):
            digest.update(chunk)
            written += len(chunk)
            handle.write(chunk)
    if digest.hexdigest() != sha256 or written != size:
        target.unlink()
        return False
    return True


def _backup_folder(target: Path, now: dt.datetime) -> tuple[Path, Path | None]:
    """Where the backup goes: (folder to fill, archive to make of it or None). A folder is a
    folder of backups: each goes into a new ``dti-backup-<UTC time>`` inside it."""
    if target.name.endswith(ARCHIVE_SUFFIXES):
        if target.exists():
            raise BackupError(f"{target} exists already; name a new file")
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".dti-backup-", dir=target.parent)), target
    if target.exists() and not target.is_dir():
        raise BackupError(f"{target} is a file; name a folder or a new .tar/.tar.gz file")
    final = target / now.strftime("dti-backup-%Y%m%dT%H%M%SZ")
    if final.exists():
        raise BackupError(f"{final} exists already")
    return final, None


async def backup(settings: Settings, target: Path, *, allow_missing: bool = False) -> BackupResult:
    """Back up the database and the evidence blobs it names into a new dated folder inside
    ``target``, or into a new ``.tar``/``.tar.gz`` file. Nothing is left behind on failure."""
    kind = database_kind(settings.database_url)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    final, archive = _backup_folder(target, now)
    work = final.with_name(f".{final.name}.partial") if archive is None else final
    if archive is None:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)  # the folder of backups too, the first time
        work.chmod(0o700)  # accounts' password hashes, every unit's data: the owner's alone
    try:
        database_file = work / (SQLITE_FILE if kind == "sqlite" else PG_FILE)
        if kind == "sqlite":
            source = sqlite_path(settings.database_url)
            if not source.exists():
                raise BackupError(f"there is no database at {source}")
            # One step of the online backup API: a consistent snapshot, WAL included.
            with (
                closing(sqlite3.connect(source, timeout=30)) as src,
                closing(sqlite3.connect(database_file)) as dst,
            ):
                src.backup(dst)
                # One self-contained file: no write-ahead log beside it when it is opened later.
                dst.execute("PRAGMA journal_mode=DELETE")
            snapshot = _snapshot_sqlite(database_file)
        else:
            snapshot = await _snapshot_postgresql(settings.database_url, database_file)

        storage = make_storage(settings)
        missing = [
            sha
            for sha, size in sorted(snapshot.blobs.items())
            if not _copy_blob(storage, sha, size, work / "blobs" / blob_key(sha))
        ]
        if missing and not allow_missing:
            raise BackupError(
                f"{len(missing)} evidence blob(s) are missing or damaged in storage (first: "
                f"{missing[0]}); run `python -m api check`, or back up without them with "
                f"--allow-missing"
            )
        kept = {sha: size for sha, size in snapshot.blobs.items() if sha not in missing}
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database_kind": kind,
            "alembic_revision": snapshot.revision,
            "database": {
                "file": database_file.name,
                "sha256": file_sha256(database_file),
                "size": database_file.stat().st_size,
            },
            "counts": snapshot.counts,
            "storage": storage_description(settings),
            "blobs": [{"sha256": sha, "size": size} for sha, size in sorted(kept.items())],
            "blob_bytes": sum(kept.values()),
            "missing_blobs": missing,
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        if archive is not None:
            partial = archive.with_name(f".{archive.name}.partial")
            compressed = not archive.name.endswith(".tar")
            with tarfile.open(partial, "w:gz") if compressed else tarfile.open(partial, "w") as tar:
                tar.add(work, arcname=".")
            partial.chmod(0o600)
            os.replace(partial, archive)
            shutil.rmtree(work)
            return BackupResult(path=archive, manifest=manifest, missing=missing)
        os.replace(work, final)
        return BackupResult(path=final, manifest=manifest, missing=missing)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        if archive is not None:
            archive.with_name(f".{archive.name}.partial").unlink(missing_ok=True)
        raise


# --- restore ------------------------------------------------------------------------------------


@contextmanager
def opened(source: Path) -> Iterator[Path]:
    """The backup's folder: ``source`` itself, or an archive unpacked into a temporary one."""
    if source.is_dir():
        yield source
        return
    if not source.is_file():
        raise BackupError(f"there is no backup at {source}")
    with tempfile.TemporaryDirectory(prefix=".dti-restore-", dir=source.parent) as folder:
        try:
            with tarfile.open(source) as tar:
                tar.extractall(folder, filter="data")  # no absolute paths, links or devices
        except tarfile.TarError as exc:
            raise BackupError(f"{source} is not a backup archive: {exc}") from exc
        yield Path(folder)


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{folder} has no {MANIFEST}: not a DTI Hub backup") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is not a DTI Hub backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"backup format {manifest.get('format_version')} is not {FORMAT_VERSION}: restore it "
            f"with the version of DTI Hub that made it"
        )
    return manifest


def verify(
    folder: Path, manifest: dict[str, Any], settings: Settings, *, blobs_only: bool = False
) -> bool:
    """Refuse a backup this code or this database cannot take, or whose files are damaged; True
    when the backup's migration is behind the code's (``migrate`` is needed after)."""
    kind = database_kind(settings.database_url)
    if manifest["database_kind"] != kind and not blobs_only:
        raise BackupError(
            f"the backup holds a {manifest['database_kind']} database; DTI_DATABASE_URL is {kind}"
        )
    revision = str(manifest["alembic_revision"])
    scripts = _scripts()
    try:
        known = scripts.get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise BackupError(
            f"the backup is at migration {revision}, which this code does not know (it is newer "
            f"than the code's {', '.join(scripts.get_heads())}): restore it with the version of "
            f"DTI Hub that made it"
        )
    database = folder / str(manifest["database"]["file"])
    if not database.is_file() or file_sha256(database) != manifest["database"]["sha256"]:
        raise BackupError(f"{database.name} is missing or damaged (its SHA-256 differs)")
    for item in manifest["blobs"]:
        sha, size = str(item["sha256"]), int(item["size"])
        path = folder / "blobs" / blob_key(sha)
        if not is_blob_name(sha) or not path.is_file():
            raise BackupError(f"blob {sha} is missing from the backup")
        if path.stat().st_size != size or file_sha256(path) != sha:
            raise BackupError(f"blob {sha} is damaged in the backup (its SHA-256 differs)")
    return revision not in scripts.get_heads()


def _restore_blobs(folder: Path, manifest: dict[str, Any], storage: Storage) -> tuple[int, int]:
    """Put back the blobs storage lacks (or holds at another size); (written, already there)."""
    written = present = 0
    for item in manifest["blobs"]:
        sha, size = str(item["sha256"]), int(item["size"])
        if storage.size(sha) == size:
            present += 1
            continue
        if isinstance(storage, LocalStorage):
            storage.path_of(sha).unlink(missing_ok=True)  # a damaged copy would be kept
        with (folder / "blobs" / blob_key(sha)).open("rb") as handle:
            staged = storage.stage(handle, max_bytes=sys.maxsize)
        if staged.sha256 != sha:
            storage.discard(staged)
            raise BackupError(f"blob {sha} changed while it was restored")
        storage.commit(staged)
        written += 1
    return written, present


def _restore_sqlite(url: str, backup_file: Path, manifest: dict[str, Any]) -> None:
    """A verified copy next to the database, then swapped in: by the backup API as one
    transaction over an existing database (its write-ahead log included), or renamed into place
    when there is none."""
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.restore-", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        try:
            # A plain copy: the backup's file is not live, and opening it in place would write
            # beside it (a read-only backup could not be restored).
            shutil.copyfile(backup_file, temporary)
            with closing(sqlite3.connect(temporary)) as check:
                status = check.execute("PRAGMA integrity_check").fetchone()[0]
                check.execute("PRAGMA journal_mode=WAL")
            snapshot = _snapshot_sqlite(temporary)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"the backup's database cannot be read: {exc}") from exc
        if status != "ok":
            raise BackupError(f"the backup's database fails SQLite's integrity check: {status}")
        if snapshot.counts != manifest["counts"]:
            raise BackupError("the backup's database does not hold the rows its manifest counts")
        if target.exists():
            with (
                closing(sqlite3.connect(temporary)) as src,
                closing(sqlite3.connect(target, timeout=30)) as dst,
            ):
                src.backup(dst)
        else:
            # A write-ahead log left without its database would be replayed into the new one.
            for suffix in ("-wal", "-shm", "-journal"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(temporary, target)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(temporary) + suffix).unlink(missing_ok=True)


async def restore(settings: Settings, source: Path, *, blobs_only: bool = False) -> RestoreResult:
    """Restore a backup into the configured database and evidence store (see the module);
    ``blobs_only`` puts back the evidence blobs storage lacks and leaves the database alone."""
    with opened(source) as folder:
        manifest = read_manifest(folder)
        needs_migrate = verify(folder, manifest, settings, blobs_only=blobs_only)
        storage = make_storage(settings)
        written, present = _restore_blobs(folder, manifest, storage)
        if blobs_only:
            return RestoreResult(manifest, written, present, needs_migrate=False)
        database = folder / str(manifest["database"]["file"])
        if manifest["database_kind"] == "sqlite":
            _restore_sqlite(settings.database_url, database, manifest)
        else:
            await asyncio.to_thread(_restore_postgresql, settings.database_url, database)
            counts = await _counts_postgresql(settings.database_url)
            if counts != manifest["counts"]:
                raise BackupError(
                    "the restored database does not hold the rows the manifest counts: "
                    + ", ".join(
                        f"{name} {counts.get(name)} != {manifest['counts'].get(name)}"
                        for name in sorted(set(counts) | set(manifest["counts"]))
                        if counts.get(name) != manifest["counts"].get(name)
                    )
                )
    return RestoreResult(
        manifest=manifest, blobs_written=written, blobs_present=present, needs_migrate=needs_migrate
    )
