"""Evidence in S3-compatible object storage, against a real S3 API server on loopback (moto's
stand-alone server: we do not run AWS or MinIO here; it speaks the same HTTP API)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.auth import Tokens
from tests.support.files import pdf_bytes
from tests.support.http import AppFactory, assessment_url, upload
from tests.support.s3 import moto_server, s3_client

BUCKET = "dti-evidence"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint: str) -> Any:
    s3 = s3_client(s3_endpoint)
    s3.create_bucket(Bucket=BUCKET)
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


async def test_evidence_goes_to_the_bucket_once_and_comes_back(
    make_client: AppFactory, tokens: Tokens, s3_endpoint: str, bucket: Any, tmp_path: Path
) -> None:
    client = await make_client(
        s3_bucket=BUCKET,
        s3_endpoint_url=s3_endpoint,
        s3_access_key_id="test",
        s3_secret_access_key="test",
        storage_dir=tmp_path / "work",
    )
    headers = await tokens.user("q1.editor")
    content = pdf_bytes("in the bucket")
    first = await upload(client, headers, "1.1", content, filename="Biên bản họp.pdf")
    second = await upload(client, headers, "1.2", content, filename="copy.pdf")
    assert first.status_code == second.status_code == 201
    sha = first.json()["sha256"]
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"evidence/{sha[:2]}/{sha[2:4]}/{sha}"]  # the same bytes, one object
    assert bucket.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == content
    assert not list((tmp_path / "work" / "tmp").iterdir())  # nothing left behind locally

    download = await client.get(f"/api/v1/evidence/{first.json()['id']}", headers=headers)
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-length"] == str(len(content))
    assert (
        "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"
        in (download.headers["content-disposition"])
    )
    other = await tokens.user("so-tttt.editor")
    refused = await client.get(f"/api/v1/evidence/{first.json()['id']}", headers=other)
    assert refused.status_code == 404
    assessment = await client.get(f"{assessment_url()}/assessment", headers=headers)
    evidence = {a["indicator_code"]: a["evidence"] for a in assessment.json()["answers"]}
    assert evidence["1.1"][0]["sha256"] == sha
