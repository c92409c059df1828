"""Where evidence bytes live: a local folder, addressed by SHA-256 (the same bytes, one copy).

Writes stream through a temporary file in the same folder, hashing and counting as they go, so a
file of any size uses a fixed amount of memory, and a rename makes it visible only when complete.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


class TooLarge(Exception):
    """The stream went past the size limit; nothing was kept."""


@dataclass(frozen=True)
class Staged:
    """A fully written temporary file, with its hash and size, not yet in the store."""

    path: Path
    sha256: str
    size: int


class LocalStorage:
    """Blobs under ``root/blobs/ab/cd/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def path_of(self, sha256: str) -> Path:
        return self.root / "blobs" / sha256[:2] / sha256[2:4] / sha256

    def stage(self, source: BinaryIO, *, max_bytes: int) -> Staged:
        """Copy a file to a temporary one, chunk by chunk; raises ``TooLarge`` past ``max_bytes``.

        Blocking: call it in a worker thread.
        """
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

    def commit(self, staged: Staged) -> Path:
        """Move a staged file into the store (or drop it when the same bytes are there)."""
        final = self.path_of(staged.sha256)
        if final.exists():
            staged.path.unlink(missing_ok=True)
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged.path, final)
        return final

    def discard(self, staged: Staged) -> None:
        staged.path.unlink(missing_ok=True)
