"""Every change is in the audit trail, with its actor and request id, and the chain holds."""

from __future__ import annotations

from httpx import AsyncClient


async def test_administrative_changes_are_recorded(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    unit = {
        "code": "P-BEN-THANH",
        "name_vi": "Phường Bến Thành",
        "name_en": "Ben Thanh Ward",
        "kind": "ward",
        "valid_from": "2025-07-01",
        "predecessors": ["Q1"],
    }
    created = await client.post(
        "/api/v1/units", json=unit, headers={**admin, "X-Request-ID": "req-unit-1"}
    )
    assert created.status_code == 201
    await client.patch("/api/v1/units/P-BEN-THANH", json={"name_en": "Ben Thanh"}, headers=admin)
    round_ = await client.post(
        "/api/v1/rounds",
        json={"year": 2024, "title_vi": "Kỳ 2024", "title_en": "2024", "framework_id": 1},
        headers=approver,
    )
    await client.post(
        f"/api/v1/rounds/{round_.json()['id']}/phase",
        json={"phase": "collecting"},
        headers=approver,
    )
    await client.patch("/api/v1/users/viewer", json={"password": "another-pass-1"}, headers=admin)

    events = (await client.get("/api/v1/audit-events", params={"limit": 10}, headers=admin)).json()
    actions = [(e["action"], e["actor"]) for e in events["items"][:5]]
    assert actions == [
        ("user.update", "admin"),
        ("round.phase", "approver"),
        ("round.create", "approver"),
        ("unit.update", "admin"),
        ("unit.create", "admin"),
    ]
    unit_created = events["items"][4]
    assert unit_created["request_id"] == "req-unit-1"
    assert unit_created["after"]["predecessors"] == ["Q1"]
    assert events["items"][3]["before"]["name_en"] == "Ben Thanh Ward"
    assert events["items"][3]["after"]["name_en"] == "Ben Thanh"
    password_change = events["items"][0]
    assert password_change["after"]["password"] == "changed"
    assert "hash" not in str(password_change["after"])

    filtered = await client.get(
        "/api/v1/audit-events",
        params={"object_type": "unit", "object_id": "P-BEN-THANH"},
        headers=admin,
    )
    assert [e["action"] for e in filtered.json()["items"]] == ["unit.update", "unit.create"]
    verified = await client.get("/api/v1/audit-events/verify", headers=admin)
    assert verified.json()["ok"] is True


async def test_seeded_data_is_recorded_as_the_system(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.get(
        "/api/v1/audit-events",
        params={"actor": "system", "action": "framework.create"},
        headers=admin,
    )
    assert response.json()["total"] == 5
    assert {e["after"]["code"] for e in response.json()["items"]} == {
        "HCMC-DTI-2023",
        "DTI-922-TPHCM",
        "DTI-922-PUBLISHED",
        "DTI-405-PUBLISHED",
        "HCMC-DTI-2025",
    }
