"""Recognise a file's type from its bytes, never from its name or the client's Content-Type.

Office documents are ZIP containers; they are told apart by what the archive holds (OOXML's
``[Content_Types].xml`` and ``word/`` or ``xl/``; OpenDocument's ``mimetype`` entry).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

ALLOWED = frozenset({PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS})


def sniff(path: Path) -> str | None:
    """The content type of the file at ``path`` if it is one DTI Hub accepts, else None."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office(path)
    return None


def _office(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return kind if kind in (ODT, ODS) else None
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None
