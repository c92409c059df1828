"""Schemathesis in CI: the running app, fresh, as an admin and as a unit editor, reports no
failure (no 5xx; every status, content type and body as openapi.yaml documents).

Bounded to fit ``make test`` and deterministic (the same cases every run): the admin, who holds
every DIC role and so reaches every operation, goes through the examples, the coverage phase
(boundary and invalid values of every parameter and body field), a few fuzzed cases per operation
and the stateful sequences; the unit editor through the examples, fuzzing and stateful phases.
``make fuzz`` runs every phase for both, with many more cases (README § Tests).
"""

from __future__ import annotations

import pytest

from tests.support.fuzz import ALL_PHASES, PROJECT_DIR, FuzzRun, fuzz

CI_RUN = FuzzRun(
    accounts={"admin": ALL_PHASES, "q1.editor": "examples,fuzzing,stateful"},
    max_examples=3,
    deterministic=True,
    config=PROJECT_DIR / "tests" / "fuzz" / "ci.toml",
)


@pytest.mark.slow
def test_schemathesis_finds_no_failure() -> None:
    outcome = fuzz(CI_RUN)
    assert outcome.returncode == 0, outcome.output
