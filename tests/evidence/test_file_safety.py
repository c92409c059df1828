"""What an evidence file may be: its name's extension follows the type its bytes show, its name has
no bidirectional or other control characters, and an Office file carrying macros, an embedded
program or an OLE package is refused (415), checked off the event loop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from httpx import AsyncClient

from api.evidence import service, sniff
from api.evidence.sniff import DOCX, JPEG, PDF, PNG
from tests.support.files import docx_bytes, office_zip, pdf_bytes
from tests.support.http import get_assessment, upload
from tests.support.ole import ole_file, ole_package, vba_project
from tests.support.problems import assert_problem

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


async def _refused(
    client: AsyncClient, headers: dict[str, str], content: bytes, code: str
) -> tuple[str, str]:
    """Upload ``content`` as a DOCX; it is a 415 with ``code``: its Vietnamese and English
    messages."""
    vi = await upload(client, headers, "2.1", content, filename="ke-hoach.docx", content_type=DOCX)
    body = assert_problem(vi, 415, code)
    en = await upload(
        client,
        {**headers, "Accept-Language": "en"},
        "2.1",
        content,
        filename="ke-hoach.docx",
        content_type=DOCX,
    )
    return body["detail"], assert_problem(en, 415, code)["detail"]


async def test_a_docx_with_a_vba_project_is_refused(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    docx = office_zip({"word/vbaProject.bin": vba_project()})
    vi, en = await _refused(client, q1_editor, docx, "evidence.macros")
    assert "macro" in vi
    assert "contains macros" in en
    assert "PDF" in en
    body = (await get_assessment(client, q1_editor)).json()
    assert all(not a["evidence"] for a in body["answers"])


async def test_a_vba_project_under_another_name_is_found_by_oletools(
    client: AsyncClient, q1_editor: dict[str, str], tmp_path: Path
) -> None:
    docx = office_zip({"word/media/image1.bin": vba_project()})
    (tmp_path / "k.docx").write_bytes(docx)
    found = sniff.active_content(tmp_path / "k.docx", DOCX)
    assert found == sniff.ActiveContent("macros", "vbaProject")
    await _refused(client, q1_editor, docx, "evidence.macros")


async def test_a_macro_enabled_content_type_is_refused(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    types = '<Types><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    docx = office_zip({}, content_types=types + "</Types>")
    await _refused(client, q1_editor, docx, "evidence.macros")


async def test_a_docx_with_an_embedded_exe_package_is_refused(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    docx = office_zip({"word/embeddings/oleObject1.bin": ole_package("setup.exe", EXE)})
    vi, en = await _refused(client, q1_editor, docx, "evidence.embedded")
    assert "setup.exe" in vi
    assert "embedded program or object (setup.exe)" in en


async def test_a_docx_with_a_bare_program_inside_is_refused(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    docx = office_zip({"word/embeddings/tool.bin": EXE})
    vi, _ = await _refused(client, q1_editor, docx, "evidence.embedded")
    assert "(tool.bin)" in vi


async def test_an_office_file_nested_in_an_office_file_is_checked(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    inner = office_zip({"xl/vbaProject.bin": vba_project()})
    docx = office_zip({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner})
    await _refused(client, q1_editor, docx, "evidence.macros")


async def test_a_remote_template_is_refused(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        'Target="http://attacker.invalid/macros.dotm" TargetMode="External"/></Relationships>'
    )
    docx = office_zip({"word/_rels/settings.xml.rels": rels.encode()})
    vi, _ = await _refused(client, q1_editor, docx, "evidence.embedded")
    assert "macros.dotm" in vi


async def test_a_docx_with_an_ordinary_embedded_object_and_links_is_accepted(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    """No false alarm: an embedded worksheet object (no package, no macros) and a hyperlink."""
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://dx.hochiminhcity.gov.vn/" TargetMode="External"/></Relationships>'
    )
    docx = office_zip(
        {
            "word/embeddings/oleObject1.bin": ole_file({"Workbook": b"\x09\x08" + b"\0" * 50}),
            "word/_rels/document.xml.rels": rels.encode(),
        }
    )
    response = await upload(
        client, q1_editor, "2.1", docx, filename="ke-hoach.docx", content_type=DOCX
    )
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == "ke-hoach.docx"


async def test_an_archive_unpacking_past_the_limit_is_refused(
    client: AsyncClient, q1_editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sniff, "MAX_UNPACKED_BYTES", 50_000)
    docx = office_zip({"word/media/zeros.bin": b"\0" * 60_000})  # deflates to a few hundred bytes
    response = await upload(client, q1_editor, "2.1", docx, filename="k.docx", content_type=DOCX)
    assert_problem(response, 415, "evidence.unpacked")


async def test_the_checks_run_off_the_event_loop(
    client: AsyncClient, q1_editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = service.active_content

    def spy(path: Path, content_type: str) -> sniff.ActiveContent | None:
        threads.append(threading.current_thread())
        return real(path, content_type)

    monkeypatch.setattr(service, "active_content", spy)
    response = await upload(client, q1_editor, "2.1", docx_bytes(), filename="k.docx")
    assert response.status_code == 201, response.text
    assert threads
    assert threads[0] is not threading.main_thread()


async def test_pdf_bytes_named_setup_exe_are_stored_and_served_as_a_pdf(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    response = await upload(
        client,
        q1_editor,
        "1.1",
        pdf_bytes(),
        filename="setup.exe",
        content_type="application/x-msdownload",
    )
    assert response.status_code == 201, response.text
    meta = response.json()
    assert meta["content_type"] == PDF
    assert meta["filename"] == "setup.pdf"
    download = await client.get(f"/api/v1/evidence/{meta['id']}", headers=q1_editor)
    assert download.status_code == 200
    assert "setup.pdf" in download.headers["content-disposition"]
    assert ".exe" not in download.headers["content-disposition"]


async def test_bidi_and_control_characters_are_stripped_from_names(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    # Shown as "bao-caoexe.pdf" by a bidi-aware screen: the override reverses "fdp.exe".
    tricky = "bao-cao\u202efdp.exe"
    response = await upload(client, q1_editor, "1.1", pdf_bytes(), filename=tricky)
    assert response.status_code == 201, response.text
    name = response.json()["filename"]
    assert name == "bao-caofdp.pdf"
    download = await client.get(f"/api/v1/evidence/{response.json()['id']}", headers=q1_editor)
    assert "\u202e" not in download.headers["content-disposition"]


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("setup.exe", PDF, "setup.pdf"),
        ("report.PDF", PDF, "report.PDF"),
        ("anh.jpeg", JPEG, "anh.jpeg"),
        ("anh.jpg", PNG, "anh.png"),
        ("Quyết định số 15.2024", PDF, "Quyết định số 15.2024.pdf"),
        ("bien ban", PDF, "bien ban.pdf"),
        ("ke-hoach.docx", PDF, "ke-hoach.pdf"),
        (
            "\u2067abc\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u2066\u2068.pdf",
            PDF,
            "abc.pdf",
        ),
        ("a\x07b\x1bc\u200bd\ufeff.pdf", PDF, "abcd.pdf"),
        ("../../etc/passwd", PDF, "passwd.pdf"),
        (".exe", PDF, "exe.pdf"),
        ("\u202e", PDF, "tai-lieu.pdf"),
        ("x" * 300 + ".exe", PDF, "x" * 196 + ".pdf"),
        ("tờ trình.odt", None, "tờ trình.odt"),
    ],
)
def test_names_follow_the_type_and_lose_invisible_characters(
    name: str, content_type: str | None, expected: str
) -> None:
    assert service.clean_filename(name, content_type) == expected
