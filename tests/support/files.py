"""Small files of the kinds units upload and agencies send, made in memory."""

from __future__ import annotations

import io
import zipfile


def pdf_bytes(text: str = "bien ban hop") -> bytes:
    return f"%PDF-1.4\n% {text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".encode()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def office_zip(parts: dict[str, bytes], content_types: str = CONTENT_TYPES) -> bytes:
    """A DOCX (its content types and document part) holding ``parts`` as well."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
