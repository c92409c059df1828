"""The password rules (no database): length, common and breached passwords, the username, and no
composition rules; temporary passwords."""

from __future__ import annotations

import re

import pytest

from api.auth.passwords import (
    PASSWORD_MAX_LENGTH,
    TEMPORARY_LENGTH,
    check_password,
    is_common,
    new_temporary_password,
)
from api.core.errors import Invalid
from api.core.security import hash_temporary_password, verify_password


def _code(password: str, *, username: str = "q3.editor", min_length: int = 12) -> str | None:
    """The message code of the rule ``password`` breaks (on the field named), or None."""
    try:
        check_password(password, username=username, min_length=min_length, field="new_password")
    except Invalid as exc:
        return f"{exc.code}" if exc.field == "new_password" else f"wrong field {exc.field}"
    return None


def test_a_long_enough_uncommon_password_passes_without_any_composition_rule() -> None:
    assert _code("hoa phượng đỏ sân trường") is None  # a passphrase: spaces, Vietnamese letters
    assert _code("nhieuchucaithuong") is None  # letters only
    assert _code("x" * 3 + "7f2kq9wz1m") is None


def test_length_is_counted_in_characters_from_the_setting_to_128() -> None:
    assert _code("abc-def-ghi") == "password.too_short"  # 11 characters
    assert _code("abc-def-ghij") is None  # 12
    assert _code("abc-def-g", min_length=8) is None  # the setting may lower it to 8
    assert _code("ôđêăâơưộ", min_length=8) is None  # 8 characters, 16 bytes in UTF-8
    long = "sóng-nước-" * 13
    assert len(long) == 130
    assert _code(long[:PASSWORD_MAX_LENGTH]) is None
    assert _code(long) == "password.too_long"


@pytest.mark.parametrize(
    "password",
    [
        "qwerty123456",  # on the list as it is
        "1qaz2wsx3edc",
        "Password2024!",  # a listed word with digits and symbols around it
        "!!Sunshine123456",
        "matkhau123456",  # "password" in Vietnamese
        "HoChiMinh2025@",
        "123456789012",  # a straight run
        "zyxwvutsrqpo",
        "aaaaaaaaaaaa",  # one character repeated
        "abababababab",
        "789012345678",  # digits wrapping around
    ],
)
def test_common_and_breached_passwords_are_refused(password: str) -> None:
    assert is_common(password)
    assert _code(password) == "password.common"


def test_the_demo_password_is_common_and_short() -> None:
    """Why seeding bypasses the rules (api.seed.loader): no one could choose it."""
    assert is_common("demo12345")
    assert _code("demo12345") == "password.too_short"


def test_a_password_containing_the_username_is_refused() -> None:
    assert _code("my-Q3.Editor-secret-x", username="q3.editor") == "password.contains_username"
    # A name of two letters is part of too many good passwords to be held against them.
    assert _code("ab-cherry-tomato-seven", username="ab") is None


def test_temporary_passwords_are_random_readable_and_verify_with_their_light_hash() -> None:
    made = {new_temporary_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", password)
        assert not set(password) & set("01ilo")
        assert len(password.replace("-", "")) == TEMPORARY_LENGTH
    one = next(iter(made))
    hashed = hash_temporary_password(one)
    assert hashed.startswith("$argon2id$")
    assert verify_password(one, hashed)
    assert not verify_password(one.upper(), hashed)
