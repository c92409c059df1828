"""Production refuses unsafe settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.core.settings import Settings


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(ValidationError, match="DTI_SECRET_KEY"):
        Settings(env="production")


def test_production_refuses_a_short_secret() -> None:
    with pytest.raises(ValidationError, match="DTI_SECRET_KEY"):
        Settings(env="production", secret_key="short")


def test_production_refuses_demo_data() -> None:
    with pytest.raises(ValidationError, match="DTI_DEMO"):
        Settings(env="production", secret_key="x" * 40, audit_key="y" * 40, demo=True)


def test_production_refuses_to_start_without_an_audit_key() -> None:
    with pytest.raises(ValidationError, match="DTI_AUDIT_KEY"):
        Settings(env="production", secret_key="x" * 40)
    with pytest.raises(ValidationError, match="DTI_AUDIT_KEY"):
        Settings(env="production", secret_key="x" * 40, audit_key="short")
    with pytest.raises(ValidationError, match="DTI_AUDIT_KEY must differ"):
        Settings(env="production", secret_key="x" * 40, audit_key="x" * 40)


def test_production_with_a_real_secret_starts() -> None:
    settings = Settings(env="production", secret_key="x" * 40, audit_key="y" * 40)
    assert settings.demo is False


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DTI_PORT", "18765")
    monkeypatch.setenv("DTI_DEMO", "1")
    settings = Settings()
    assert settings.port == 18765
    assert settings.demo is True
    assert settings.host == "127.0.0.1"


def test_development_gets_a_random_secret_kept_per_install() -> None:
    first = Settings()
    second = Settings()
    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key  # tokens survive a restart
    assert "dev" not in first.secret_key  # not a constant anyone can read in the code
    assert len(first.audit_key) >= 32
    assert first.audit_key == second.audit_key  # the audit chain still verifies after a restart
    assert first.audit_key != first.secret_key
