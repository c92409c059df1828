"""The integrator guide's examples (docs/integrator-guide.md, shown in the help centre) run as
readers see them: every `bash` block, in order, in one shell, and every `python` block as a
script, against the app served over real HTTP on a database of its own, with an API client whose
secret the test knows. The `bash setup` block names the settings the test provides instead."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import select

from api.assessments.models import ElementValue, ValueSource
from api.auth import service as auth_service
from api.core.settings import PROJECT_DIR
from api.units.models import Unit
from tests.support.live import live_app

GUIDES = {
    "en": PROJECT_DIR / "docs" / "integrator-guide.md",
    "vi": PROJECT_DIR / "docs" / "integrator-guide.vi.md",
}
FENCE = re.compile(r"^```([a-z]+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
CLIENT_ID = "guide-cuc-thue"
SECRET = "guide-secret-9f3c1a7e5b"  # a test client's, on a throwaway database


def examples(path: Path) -> list[tuple[str, str, str]]:
    """The fenced blocks of a guide: (language, the rest of the info string, code)."""
    return [(m[1], m[2].strip(), m[3]) for m in FENCE.finditer(path.read_text(encoding="utf-8"))]


def runnable(kind: str) -> list[str]:
    return [code for lang, info, code in examples(GUIDES["en"]) if lang == kind and not info]


def test_both_languages_show_the_same_examples() -> None:
    assert examples(GUIDES["vi"]) == examples(GUIDES["en"])
    assert len(runnable("bash")) >= 4
    assert len(runnable("python")) >= 1


def json_documents(text: str) -> list[dict[str, Any]]:
    """The JSON objects printed one after the other (curl adds no line break after a body)."""
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    index = text.find("{")
    while index >= 0:
        document, end = decoder.raw_decode(text, index)
        found.append(document)
        index = text.find("{", end)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run(command: list[str], env: dict[str, str], cwd: Path) -> str:
    process = await asyncio.create_subprocess_exec(
        *command,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    text = output.decode()
    assert process.returncode == 0, f"{command[0]} exited {process.returncode}:\n{text}"
    return text


@pytest.mark.skipif(shutil.which("curl") is None, reason="the curl examples need curl")
async def test_the_examples_run_against_the_app(database_url: str, tmp_path: Path) -> None:
    async with live_app(database_url, tmp_path) as app:
        async with app.state.session_factory() as session:
            await auth_service.create_client(
                session=session,
                client_id=CLIENT_ID,
                name="Cục Thuế – integrator guide test",
                unit_code="CUC-THUE",
                scopes=[{"element_code": "*", "unit_code": "*", "round_id": None}],
                secret=SECRET,
            )
            await session.commit()
        port = free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"
        )
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        try:
            while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
                await asyncio.sleep(0.01)
            settings = {
                "DTI_URL": f"http://127.0.0.1:{port}",
                "DTI_CLIENT_ID": CLIENT_ID,
                "DTI_CLIENT_SECRET": SECRET,
                "DTI_ROUND_ID": "1",
            }
            [setup] = [code for lang, info, code in examples(GUIDES["en"]) if info == "setup"]
            assert re.findall(r"^export (\w+)=", setup, re.MULTILINE) == list(settings)
            # python3 in the shell examples: this interpreter, as a reader's machine has one.
            bin_dir = tmp_path / "bin"
            bin_dir.mkdir()
            (bin_dir / "python3").symlink_to(sys.executable)
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("DTI_")},
                **settings,
                "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            }
            script = "set -euo pipefail\n" + "\n".join(runnable("bash"))
            shell = await run(["bash", "-c", script], env, tmp_path)
            reports = json_documents(shell)
            dry, applied, replayed, csv, refused = reports
            assert dry["status"] == "validated"
            assert dry["dry_run"] is True
            assert applied["status"] == "applied"
            assert applied["counts"]["received"] == 4
            assert applied["replayed"] is False
            assert replayed["report_id"] == applied["report_id"]
            assert replayed["replayed"] is True
            assert csv["status"] == "applied"
            assert csv["format"] == "csv"
            assert refused["status"] == 422
            assert refused["code"] == "ingest.rejected"
            assert refused["errors"][0]["field"] == "value"
            assert "HTTP 422" in shell

            for code in runnable("python"):
                program = tmp_path / "push.py"
                program.write_text(code, encoding="utf-8")
                output = await run([sys.executable, str(program)], env, tmp_path)
                assert output.startswith("applied"), output
        finally:
            server.should_exit = True
            await serving

        async with app.state.session_factory() as session:
            rows = await session.execute(
                select(Unit.code, ElementValue.element_code, ElementValue.value)
                .join(Unit, Unit.id == ElementValue.unit_id)
                .where(ElementValue.round_id == 1, Unit.code.in_(["Q1", "Q3"]))
                .where(ElementValue.element_code.in_(["E-8.1-a", "E-8.2-a"]))
                .where(ElementValue.source == ValueSource.provider)
            )
            found = {(unit, element): value for unit, element, value in rows}
    assert found[("Q1", "E-8.1-a")] in (41250, "41250")
    assert found[("Q3", "E-8.2-a")] in (17500, "17500")
