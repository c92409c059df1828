"""Recognise a file's type from its bytes, never from its name or the client's Content-Type, and
find what an accepted Office file must not carry (macros, embedded programs, OLE packages).

Office documents are ZIP containers; they are told apart by what the archive holds (OOXML's
``[Content_Types].xml`` and ``word/`` or ``xl/``; OpenDocument's ``mimetype`` entry). Their active
content is judged by oletools (olevba for VBA, oleobj for OLE packages and external objects) and by
the archive's listing.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

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


# The file name's extension for each accepted type: a stored or served name always ends with one
# of these, whatever the uploader called the file (PDF bytes named setup.exe are setup.pdf).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    ODT: (".odt",),
    ODS: (".ods",),
}
ZIPPED = frozenset({DOCX, XLSX, ODT, ODS})

# What an Office file may unpack to before it is refused unread (a small ZIP can expand to
# gigabytes): the checks below read the archive's parts.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_PARTS = 10_000
MAX_DEPTH = 2  # an Office file embedded in an Office file is checked too, one level down

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Programs: Windows (MZ), Linux (ELF), macOS (Mach-O), Java classes (CAFEBABE).
_PROGRAM_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
# Parts that only macro-enabled documents hold (by content type, in [Content_Types].xml).
_MACRO_CONTENT_TYPES = (
    b"application/vnd.ms-office.vbaproject",
    b"macroenabled",
    b"application/vnd.ms-excel.macrosheet",
    b"application/vnd.ms-excel.intlmacrosheet",
    b"application/vnd.ms-word.vbadata",
)
# External relationships that load code or objects when the document opens (a remote template
# with macros, a linked OLE object); plain hyperlinks stay allowed.
_EXTERNAL_LOADS = frozenset({"attachedTemplate", "oleObject", "package", "subDocument", "frame"})


@dataclass(frozen=True)
class ActiveContent:
    """Why an Office file is refused: ``kind`` is ``macros``, ``embedded`` (an embedded program,
    OLE package or externally loaded object), ``unpacked`` (too large once unpacked) or
    ``unreadable`` (encrypted or malformed parts); ``part`` names what was found."""

    kind: str
    part: str


def active_content(path: Path, content_type: str) -> ActiveContent | None:
    """Macros, embedded programs or OLE packages inside an accepted Office file (None: clean,
    or not an Office file). Reads the whole archive: call it off the event loop."""
    if content_type not in ZIPPED:
        return None
    return _inspect(path, path.name, depth=0)


def _inspect(source: Path | bytes, name: str, *, depth: int) -> ActiveContent | None:
    try:
        with zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source)) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                return ActiveContent("unpacked", name)
            found = _parts(z, infos, depth=depth)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError):  # RuntimeError: encrypted
        return ActiveContent("unreadable", name)
    if found is not None:
        return found
    try:
        return _oletools(source, name)
    except Exception:  # oletools could not read it: refused rather than let through unread
        logger.warning("oletools could not read %s", name, exc_info=True)
        return ActiveContent("unreadable", name)


def _parts(z: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, depth: int) -> ActiveContent | None:
    """What the archive's own listing and parts show: macro parts by name and content type
    (oletools reads VBA only from genuine OLE containers, and a macro-enabled document may name
    its parts otherwise), OpenDocument Basic macros, programs, and nested Office files."""
    for info in infos:
        lowered = info.filename.lower()
        if lowered.endswith("vbaproject.bin") or lowered.startswith(("basic/", "scripts/")):
            return ActiveContent("macros", info.filename)
        if lowered == "[content_types].xml":
            types = z.read(info).lower()
            if any(marker in types for marker in _MACRO_CONTENT_TYPES):
                return ActiveContent("macros", info.filename)
            continue
        if info.is_dir():
            continue
        with z.open(info) as part:
            head = part.read(8)
        if head.startswith(_PROGRAM_MAGIC):
            return ActiveContent("embedded", info.filename)
        if head.startswith(b"PK\x03\x04") and depth < MAX_DEPTH:
            nested = _inspect(z.read(info), info.filename, depth=depth + 1)
            if nested is not None:
                return nested
    return None


def _oletools(source: Path | bytes, name: str) -> ActiveContent | None:
    """oletools' judgement: VBA macros in any OLE container of the archive (olevba), OLE
    packages (embedded files, often programs) and externally loaded objects (oleobj)."""
    # Imported here: oletools is large and only uploads of Office files need it (and its
    # pyparsing grammar warns of deprecated names when first imported).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools import oleobj, olevba
        from oletools.ooxml import XmlParser

    data = source if isinstance(source, bytes) else None
    filename = name if data is not None else str(source)
    parser = olevba.VBA_Parser(filename, data=data, relaxed=True)
    try:
        if parser.detect_vba_macros():
            return ActiveContent("macros", "vbaProject")
    finally:
        parser.close()
    xml = XmlParser(oleobj.FakeFile(data) if data is not None else filename)
    for relationship, target in oleobj.find_external_relationships(xml):
        if relationship in _EXTERNAL_LOADS:
            return ActiveContent("embedded", str(target))
    for ole in oleobj.find_ole(filename, data, xml):
        if ole is None:
            continue
        for stream in ole.listdir():
            if stream[-1].lower() == "\x01ole10native":
                package = oleobj.OleNativeStream(ole.openstream(stream).read())
                return ActiveContent("embedded", str(package.filename or "/".join(stream)))
    return None
