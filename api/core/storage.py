"""Where evidence bytes live, addressed by SHA-256 (the same bytes, one copy): a local folder by
default, an S3-compatible bucket (MinIO, AWS S3, …) when ``DTI_S3_BUCKET`` is set.

Uploads stream through a temporary file, hashing and counting as they go, so a file of any size
uses a fixed amount of memory; only a complete file is moved (or uploaded) into the store. Every
method here blocks: call them in a worker thread.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from api.core.settings import Settings

CHUNK = 1024 * 1024


class TooLarge(Exception):
    """The stream went past the size limit; nothing was kept."""


@dataclass(frozen=True)
class Staged:
    """A fully written temporary file, with its hash and size, not yet in the store."""

    path: Path
    sha256: str
    size: int


def blob_key(sha256: str) -> str:
    """``ab/cd/abcd…``: two levels of fan-out keep folders (and listings) small."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


class Storage(Protocol):
    """A content-addressed store of evidence blobs."""

    def stage(self, source: BinaryIO, *, max_bytes: int) -> Staged: ...
    def commit(self, staged: Staged) -> None: ...
    def discard(self, staged: Staged) -> None: ...
    def iter_bytes(self, sha256: str) -> Iterator[bytes]: ...
    def size(self, sha256: str) -> int | None: ...
    def exists(self, sha256: str) -> bool: ...
    def iter_hashes(self) -> Iterator[str]: ...


def is_blob_name(name: str) -> bool:
    """A lowercase hexadecimal SHA-256, as blobs are named (anything else in a store is not one)."""
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


class _Staging:
    """Temporary files under ``work/tmp`` (shared by both stores)."""

    def __init__(self, work: Path) -> None:
        self.tmp = work / "tmp"

    def stage(self, source: BinaryIO, *, max_bytes: int) -> Staged:
        """Copy a file to a temporary one chunk by chunk; ``TooLarge`` past ``max_bytes``."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, name = tempfile.mkstemp(dir=self.tmp, prefix="upload-")
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as handle:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge
                    digest.update(chunk)
                    handle.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return Staged(path=path, sha256=digest.hexdigest(), size=size)

    def discard(self, staged: Staged) -> None:
        staged.path.unlink(missing_ok=True)


class LocalStorage(_Staging):
    """Blobs under ``root/blobs/ab/cd/<sha256>``."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.root = root

    def path_of(self, sha256: str) -> Path:
        return self.root / "blobs" / blob_key(sha256)

    def commit(self, staged: Staged) -> None:
        """Move a staged file into the store (or drop it when the same bytes are there)."""
        final = self.path_of(staged.sha256)
        if final.exists():
            staged.path.unlink(missing_ok=True)
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged.path, final)

    def iter_bytes(self, sha256: str) -> Iterator[bytes]:
        with self.path_of(sha256).open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def size(self, sha256: str) -> int | None:
        """The stored blob's size in bytes, or None when it is not there."""
        try:
            return self.path_of(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def exists(self, sha256: str) -> bool:
        return self.size(sha256) is not None

    def iter_hashes(self) -> Iterator[str]:
        """The SHA-256 of every stored blob (what ``check`` compares with the database)."""
        blobs = self.root / "blobs"
        if not blobs.is_dir():
            return
        for path in sorted(blobs.glob("*/*/*")):
            if path.is_file() and is_blob_name(path.name):
                yield path.name


class S3Storage(_Staging):
    """Blobs as objects ``<prefix>ab/cd/<sha256>`` of an S3-compatible bucket."""

    def __init__(self, client: Any, bucket: str, prefix: str, work: Path) -> None:
        super().__init__(work)
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def key_of(self, sha256: str) -> str:
        return self.prefix + blob_key(sha256)

    def commit(self, staged: Staged) -> None:
        """Upload a staged file unless the bucket has those bytes already; drop the local copy."""
        from botocore.exceptions import ClientError

        key = self.key_of(staged.sha256)
        try:
            try:
                self.client.head_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in (
                    "404",
                    "NoSuchKey",
                    "NotFound",
                ):
                    raise
                self.client.upload_file(
                    str(staged.path),
                    self.bucket,
                    key,
                    ExtraArgs={"ChecksumAlgorithm": "SHA256"},
                )
        finally:
            staged.path.unlink(missing_ok=True)

    def iter_bytes(self, sha256: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=self.key_of(sha256))["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def size(self, sha256: str) -> int | None:
        """The object's size in bytes (HEAD), or None when the bucket has no such object."""
        from botocore.exceptions import ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.key_of(sha256))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return int(head["ContentLength"])

    def exists(self, sha256: str) -> bool:
        return self.size(sha256) is not None

    def iter_hashes(self) -> Iterator[str]:
        """The SHA-256 of every object under the prefix that is named like a blob."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = str(item["Key"]).rsplit("/", 1)[-1]
                if is_blob_name(name) and item["Key"] == self.key_of(name):
                    yield name


def make_storage(settings: Settings) -> Storage:
    """The store the settings describe: S3 when a bucket is configured, else the local folder."""
    if not settings.s3_bucket:
        return LocalStorage(settings.storage_dir)
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id,
        aws_secret_access_key=settings.s3_secret_access_key,
    )
    return S3Storage(client, settings.s3_bucket, settings.s3_prefix, settings.storage_dir)
