"""Application settings, read from the environment with the prefix ``DTI_``.

In production the app refuses to start with the development secret or with demo data switched on,
so a forgotten variable fails loudly instead of shipping a guessable key.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
PROJECT_DIR = Path(__file__).resolve().parents[2]
DEV_SECRET_FILE = PROJECT_DIR / "var" / "secret_key"
DEV_AUDIT_KEY_FILE = PROJECT_DIR / "var" / "audit_key"


class Settings(BaseSettings):
    """Every knob of DTI Hub; see the configuration table in README.md."""

    model_config = SettingsConfigDict(env_prefix="DTI_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = "development"
    database_url: str = f"sqlite+aiosqlite:///{PROJECT_DIR / 'var' / 'dti.db'}"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    secret_key: str = Field(default="", description="Unset in development: one per install")
    # The key of the audit chain's HMAC links, kept outside the database so that whoever can write
    # the database cannot re-seal edited events. Unset in development: one per checkout
    # (var/audit_key). Changing it needs `python -m api audit-rekey` (README § Audit trail).
    audit_key: str = Field(default="", description="Unset in development: one per install")
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=7, ge=1)
    client_token_minutes: int = Field(default=60, ge=1)
    # Passwords people choose (README § Passwords): at least this many characters (ASVS 4.0.3
    # 2.1.1 asks 12; ASVS 5.0 accepts 8 and recommends 15), at most PASSWORD_MAX_LENGTH.
    password_min_length: int = Field(default=12, ge=8, le=64)
    # A temporary password (reset by an admin, or given by an import) stops working after this.
    temporary_password_days: int = Field(default=7, ge=1, le=90)
    demo: bool = False
    demo_password: str = "demo12345"
    storage_dir: Path = PROJECT_DIR / "var" / "storage"
    evidence_max_mb: int = Field(default=20, ge=1, le=1024)
    # S3-compatible object storage for evidence (MinIO, AWS S3, …); the local folder when unset.
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    s3_prefix: str = "evidence/"
    spa_dir: Path = PROJECT_DIR / "frontend" / "dist"
    # Failed sign-ins allowed within the window before 429: for one account from one address, for
    # one account from anywhere (slows distributed guessing), and for one address over all accounts
    # (generous: a whole office may sit behind one NAT).
    login_max_failures_per_user_address: int = Field(default=5, ge=1)
    login_max_failures_per_user: int = Field(default=20, ge=1)
    login_max_failures_per_address: int = Field(default=100, ge=1)
    login_window_seconds: int = Field(default=300, ge=1)
    # Past those counts a key is not locked out: each further attempt must wait 1, 2, 4, … seconds
    # after the key's last failure (429 with Retry-After), at most this long.
    login_max_delay_seconds: int = Field(default=60, ge=1, le=3600)
    # Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs); the
    # client address (sign-in throttling, logs) is the nearest one that is not such a proxy. Also
    # passed to uvicorn's forwarded_allow_ips by `python -m api serve`. Empty: believe none.
    trusted_proxies: str = "127.0.0.1,::1"
    # How long a request waits for a database lock (SQLite's write lock, a PostgreSQL row lock)
    # before it is answered 503 with Retry-After, instead of piling up behind a stalled writer.
    db_busy_timeout_seconds: float = Field(default=10, gt=0, le=300)
    log_level: str = "INFO"
    # Reminders: e-mail through this SMTP server (none sent when smtp_host is unset; in-app
    # notifications are made either way). The job runs by `python -m api remind` (cron), and
    # in-process once a day at remind_hour (Ho Chi Minh City time) when reminders_enabled.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_use_tls: bool = False
    smtp_from: str = "DTI Hub <no-reply@dti-hub.local>"
    smtp_timeout_seconds: float = Field(default=30, gt=0)
    public_url: str = Field(default="http://127.0.0.1:8000", description="Links in e-mails")
    reminders_enabled: bool = False
    remind_hour: int = Field(default=8, ge=0, le=23)
    remind_days_before: int = Field(default=3, ge=0, le=60)
    email_max_attempts: int = Field(default=5, ge=1, le=50)
    # Urging: a unit late (past its deadline, not submitted) by each of these days has its head
    # told once ("7,14": at 7 days, and again at 14; empty: never), and the approvers get a
    # weekly digest of late units on this weekday (0 Monday … 6 Sunday) at remind_hour.
    escalate_after_days: str = "7,14"
    digest_weekday: int = Field(default=0, ge=0, le=6)
    # Capacity: uvicorn worker processes of `python -m api serve` (unset: the machine's cores in
    # production, 1 in development), and the database connection pool of each worker (PostgreSQL;
    # SQLite keeps SQLAlchemy's own): pool_size + max_overflow connections at most per worker.
    workers: int | None = Field(default=None, ge=1, le=64)
    db_pool_size: int = Field(default=10, ge=1, le=500)
    db_max_overflow: int = Field(default=20, ge=0, le=500)
    db_pool_timeout: float = Field(default=30, gt=0)
    # The live preview of a unit's group-relative indicators reads the other units' values of
    # those elements at most this often per group and app process (0: on every view); the unit's
    # own values are always current (api/results/adapter.py, PeerValues).
    preview_peers_seconds: float = Field(default=5, ge=0, le=300)
    # Imports of more rows than this run as background jobs (202, progress, cancellable).
    ingest_background_rows: int = Field(default=5000, ge=1)
    # The job runner: "auto" is pgqueuer on PostgreSQL and in-process on SQLite (api/jobs).
    jobs_backend: Literal["auto", "pgqueuer", "in_process"] = "auto"
    # PostgreSQL: whether each app process also runs a pgqueuer worker (else only the processes
    # started by `python -m api worker` run jobs and periodic tasks).
    jobs_worker_in_app: bool = True
    # The largest request body, in KB, refused with 413 while it streams in; evidence uploads and
    # ingest pushes have larger limits of their own (api/core/middleware.py, body_limit).
    max_body_kb: int = Field(default=2048, ge=64, le=1024 * 1024)
    # /metrics: served to a request bearing this token (Authorization: Bearer …) from anywhere,
    # and, while metrics_loopback is on, to loopback clients (a Prometheus on the same machine).
    # Any other caller gets 403.
    metrics_token: str | None = Field(default=None, min_length=16)
    metrics_loopback: bool = True
    # /docs (Swagger UI, served from the package, no CDN) and /openapi.json: on in development,
    # off in production unless this says true.
    docs_enabled: bool | None = None

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_networks(cls, value: str) -> str:
        for entry in value.split(","):
            if entry.strip():
                ipaddress.ip_network(entry.strip(), strict=False)  # ValueError names the bad one
        return value

    @field_validator("escalate_after_days")
    @classmethod
    def _escalation_days(cls, value: str) -> str:
        days = [int(entry) for entry in value.split(",") if entry.strip()]  # ValueError: not a day
        if any(d < 1 for d in days) or days != sorted(set(days)):
            raise ValueError("DTI_ESCALATE_AFTER_DAYS: increasing whole days, e.g. 7,14")
        return value

    @property
    def escalation_levels(self) -> tuple[int, ...]:
        """``escalate_after_days`` parsed: level k from the k-th number of days late."""
        return tuple(int(entry) for entry in self.escalate_after_days.split(",") if entry.strip())

    @property
    def trusted_proxy_networks(self) -> tuple[IPNetwork, ...]:
        """``trusted_proxies`` parsed."""
        return tuple(
            ipaddress.ip_network(entry.strip(), strict=False)
            for entry in self.trusted_proxies.split(",")
            if entry.strip()
        )

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env == "development" and not self.secret_key:
            self.secret_key = _development_secret()
        if self.env == "development" and not self.audit_key:
            self.audit_key = _development_secret(DEV_AUDIT_KEY_FILE)
        if self.env == "production":
            if len(self.secret_key) < 32:
                raise ValueError(
                    "DTI_SECRET_KEY must be set to a random value of at least 32 characters "
                    "when DTI_ENV=production"
                )
            if len(self.audit_key) < 32:
                raise ValueError(
                    "DTI_AUDIT_KEY must be set to a random value of at least 32 characters "
                    "when DTI_ENV=production"
                )
            if self.audit_key == self.secret_key:
                raise ValueError("DTI_AUDIT_KEY must differ from DTI_SECRET_KEY")
            if self.demo:
                raise ValueError("DTI_DEMO must be off when DTI_ENV=production")
        return self

    @property
    def serve_docs(self) -> bool:
        """Whether /docs and /openapi.json are served."""
        return self.docs_enabled if self.docs_enabled is not None else self.env == "development"


def _development_secret(path: Path = DEV_SECRET_FILE) -> str:
    """A random key made once per checkout (var/secret_key, var/audit_key), never a constant in
    the code: a development server someone can reach must not accept tokens signed with a public
    key, nor an audit chain sealed with one."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(48)
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secret)
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()
