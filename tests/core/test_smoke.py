from httpx import AsyncClient


async def test_sign_in_and_units(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.get("/api/v1/units", params={"group": "QH"}, headers=admin)
    assert response.status_code == 200
    assert response.json()["total"] == 22
