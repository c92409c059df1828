"""Password rules and temporary passwords (mật khẩu tạm).

The rules apply whenever a person's password is set: an admin creating an account with a
password or setting one, and everyone changing their own (OWASP ASVS 4.0.3 V2.1, 5.0 V6.2):

- **length**: at least ``Settings.password_min_length`` characters (12 by default; ASVS 4.0.3
  2.1.1 asks 12, ASVS 5.0 6.2.1 accepts 8) and at most ``PASSWORD_MAX_LENGTH`` (128; ASVS asks
  that 64 be allowed). Characters are Unicode code points, spaces and any script included;
  nothing is truncated or trimmed.
- **not common or breached**: the 30,000 most common passwords of leaked password sets (the list
  zxcvbn ships, read offline from the installed package) and a few words of this system and
  city, compared without regard to case, also with the digits and symbols around the word taken
  off (``Password2024!`` is ``password``); a password of one or two characters repeated
  (``aaaaaaaaaaaa``) or a straight run (``123456789012``, ``abcdefghijkl``) counts as common.
- **not the account's name**: a password containing the username is refused.
- **no composition rules**: no "a capital, a digit and a symbol"; passphrases are welcome.

Seeding bypasses the rules on purpose: every demo account shares ``DTI_DEMO_PASSWORD``
(``demo12345``), which is short; demo data is never loaded in production.

A **temporary password** is 16 characters drawn at random from 31 unambiguous letters and digits
(about 79 bits), shown once to the admin, and must be changed at the first sign-in; it stops
working after ``Settings.temporary_password_days``.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from api.core.errors import Invalid
from api.core.settings import Settings

PASSWORD_MAX_LENGTH = 128
# Words of this system and city that are as guessable here as "password" is everywhere.
LOCAL_COMMON = frozenset(
    {
        "matkhau",
        "mat khau",
        "dti",
        "dtihub",
        "dti hub",
        "hochiminh",
        "hochiminhcity",
        "thanhphohochiminh",
        "tphcm",
        "hcmc",
        "saigon",
        "vietnam",
        "sotttt",
        "stttt",
        "sokhcn",
        "quantri",
        "admin",
        "administrator",
        "changeme",
        "welcome",
    }
)
# Letters and digits that cannot be mistaken for each other when read aloud or copied by hand
# (no 0/o, 1/l/i).
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TEMPORARY_LENGTH = 16
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@cache
def common_passwords() -> frozenset[str]:
    """The common and breached passwords, lower case (read once, on first use)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"]) | LOCAL_COMMON


def _is_run(text: str) -> bool:
    """One or two characters repeated, or a straight run up or down (``13579`` is not one)."""
    if len(set(text)) <= 2:
        return True
    steps = {ord(b) - ord(a) for a, b in pairwise(text)}
    # A run of digits may wrap around: 789012.
    return steps <= {1, -9} or steps <= {-1, 9}


def is_common(password: str) -> bool:
    """Whether ``password`` is a common or breached password, or a trivial variant of one."""
    lowered = password.lower()
    words = common_passwords()
    base = _EDGES.sub("", lowered)
    return lowered in words or (base != "" and base in words) or _is_run(lowered)


def check_password(password: str, *, username: str, min_length: int, field: str) -> None:
    """422 on ``field`` naming the first rule ``password`` breaks (see the module docstring)."""
    if len(password) < min_length:
        raise Invalid("password.too_short", field=field, min=min_length)
    if len(password) > PASSWORD_MAX_LENGTH:
        raise Invalid("password.too_long", field=field, max=PASSWORD_MAX_LENGTH)
    if is_common(password):
        raise Invalid("password.common", field=field)
    name = username.strip().lower()
    if len(name) >= 3 and name in password.lower():
        raise Invalid("password.contains_username", field=field)


def new_temporary_password() -> str:
    """A random temporary password, in groups of four for reading out: ``abcd-efgh-jkmn-pqrs``."""
    chars = "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH))
    return "-".join(chars[i : i + 4] for i in range(0, TEMPORARY_LENGTH, 4))


@dataclass(frozen=True)
class PasswordRules:
    """The settings the rules and temporary passwords depend on."""

    min_length: int
    temporary_days: int

    @classmethod
    def of(cls, settings: Settings) -> PasswordRules:
        return cls(settings.password_min_length, settings.temporary_password_days)

    def check(self, password: str, *, username: str, field: str) -> None:
        check_password(password, username=username, min_length=self.min_length, field=field)
