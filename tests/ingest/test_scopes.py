"""A client's scopes as a background import keeps them: with their round, and as they were kept
before scopes had one (any round)."""

from __future__ import annotations

from api.core.principal import Principal, Role, Scope
from api.ingest.service import _principal_doc, _principal_of


def client(*scopes: Scope) -> Principal:
    return Principal(
        kind="client",
        id=7,
        name="cuc-thue",
        full_name="Cục Thuế",
        roles=frozenset({Role.provider}),
        unit_id=3,
        unit_code="CUC-THUE",
        scopes=scopes,
    )


def test_a_round_limited_scope_survives_the_queue() -> None:
    sender = client(Scope("E-8.1-a", "*", 4), Scope("E-T8", "TPHCM"))
    kept = _principal_of(_principal_doc(sender))
    assert kept == sender
    assert kept.may_push("E-8.1-a", "Q1", 4)
    assert not kept.may_push("E-8.1-a", "Q1", 5)
    assert kept.may_push("E-T8", "TPHCM", 5)


def test_scopes_queued_before_rounds_mean_any_round() -> None:
    doc = _principal_doc(client())
    doc["scopes"] = [["E-8.1-a", "Q1"]]  # as a batch queued before the upgrade kept them
    kept = _principal_of(doc)
    assert kept.scopes == (Scope("E-8.1-a", "Q1", None),)
    assert kept.may_push("E-8.1-a", "Q1", 12)
