"""Rendering a publication once: the public results document (canonical JSON with its content hash),
its CSV and XLSX downloads. Pure functions over plain data; the service gathers the data.

The content hash is the SHA-256 of the canonical JSON of the document *without* its
``content_hash`` field: keys sorted, no spaces, UTF-8, as :func:`canonical` writes it. Anyone can
check a download: parse it, drop ``content_hash``, write it canonically and hash it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from api.core.csvsafe import csv_row
from api.core.xlsx import append_bold, append_row
from api.results.diff import code_order

CSV_BOM = "\ufeff"  # so that Excel, which most readers open a CSV with, reads Vietnamese as UTF-8


@dataclass(frozen=True)
class Names:
    """Vietnamese and English names of something the document names."""

    vi: str
    en: str


@dataclass(frozen=True)
class Rendering:
    """A publication's bytes, as stored and served."""

    content_hash: str
    document: bytes
    csv: bytes
    xlsx: bytes
    detail: dict[str, Any]


def canonical(value: Any) -> bytes:
    """The canonical JSON form that content hashes are taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash_of(document: Mapping[str, Any]) -> str:
    """The content hash a document should carry (computed without its own ``content_hash``)."""
    return sha256(canonical({k: v for k, v in document.items() if k != "content_hash"}))


def _average(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def _fixed(value: Decimal | None, places: str) -> str | None:
    return None if value is None else str(value.quantize(Decimal(places)))


def build(
    *,
    round_info: Mapping[str, Any],
    version: int,
    reason: str | None,
    published_at: dt.datetime,
    score_run: Mapping[str, Any],
    results: Mapping[str, Any],
    groups: Mapping[str, Names],
    units: Mapping[str, Names],
    pillars: Sequence[tuple[str, Names]],
    criteria: Mapping[str, Names],
    publisher: Names | None = None,
) -> Rendering:
    """Render a score run's stored results (``ScoreRun.results``) as a publication."""
    stored: Mapping[str, Any] = results["units"]
    detail: dict[str, Any] = {
        unit_code: {
            code: {k: data["nodes"][code][k] for k in ("points", "max_points", "index")}
            for code in sorted(data["nodes"], key=code_order)
            if code != "total" and data["nodes"][code]["applicable"]
        }
        for unit_code, data in sorted(stored.items())
    }
    group_docs = []
    for group_code in results["groups"]:
        members = sorted(
            ((u, d) for u, d in stored.items() if d["group"] == group_code),
            key=lambda item: (item[1]["nodes"]["total"]["rank"] or 0, item[0]),
        )
        names = groups.get(group_code, Names(group_code, group_code))
        rankings = []
        for unit_code, data in members:
            total = data["nodes"]["total"]
            unit_names = units.get(unit_code, Names(unit_code, unit_code))
            rankings.append(
                {
                    "rank": total["rank"] or 0,
                    "unit_code": unit_code,
                    "unit_name_vi": unit_names.vi,
                    "unit_name_en": unit_names.en,
                    "points": total["points"],
                    "max_points": total["max_points"],
                    "index": total["index"],
                    "pillars": [
                        {
                            "code": code,
                            "name_vi": pillar.vi,
                            "name_en": pillar.en,
                            "points": data["nodes"][code]["points"],
                            "max_points": data["nodes"][code]["max_points"],
                            "index": data["nodes"][code]["index"],
                        }
                        for code, pillar in pillars
                        if code in data["nodes"] and data["nodes"][code]["applicable"]
                    ],
                    "level": _level(data.get("level")),
                    "pillar_views": [
                        {k: view[k] for k in PILLAR_VIEW_KEYS}
                        for view in data.get("pillar_views", ())
                        if view["applicable"]
                    ],
                }
            )
        pillar_docs = []
        for code, pillar in pillars:
            rows = [p for r in rankings for p in r["pillars"] if p["code"] == code]
            if not rows:
                continue
            pillar_docs.append(
                {
                    "code": code,
                    "name_vi": pillar.vi,
                    "name_en": pillar.en,
                    "max_points": max(rows, key=lambda p: Decimal(p["max_points"]))["max_points"],
                    "average_points": _fixed(
                        _average([Decimal(p["points"]) for p in rows]), "0.01"
                    ),
                    "average_index": _fixed(
                        _average([Decimal(p["index"]) for p in rows]), "0.0001"
                    ),
                }
            )
        group_docs.append(
            {
                "code": group_code,
                "name_vi": names.vi,
                "name_en": names.en,
                "unit_count": len(rankings),
                "average_points": _fixed(
                    _average([Decimal(r["points"]) for r in rankings]), "0.01"
                ),
                "average_index": _fixed(
                    _average([Decimal(r["index"]) for r in rankings]), "0.0001"
                ),
                "pillars": pillar_docs,
                "level_counts": list(results.get("level_counts", {}).get(group_code, [])),
                "rankings": rankings,
            }
        )
    document: dict[str, Any] = {
        "round": dict(round_info),
        "version": version,
        "reason": reason,
        "published_at": published_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "score_run": dict(score_run),
        "detail_sha256": sha256(canonical(detail)),
        "groups": group_docs,
    }
    if publisher is not None:
        # Who published it, as named that day: the bytes keep it when the department changes.
        document["publisher"] = {"name_vi": publisher.vi, "name_en": publisher.en}
    csv_bytes = render_csv(document, [code for code, _ in pillars])  # reads the groups only
    document["csv_sha256"] = sha256(csv_bytes)
    document["content_hash"] = content_hash_of(document)
    return Rendering(
        content_hash=document["content_hash"],
        document=canonical(document),
        csv=csv_bytes,
        xlsx=render_xlsx(document, detail, criteria),
        detail=detail,
    )


PILLAR_VIEW_KEYS = ("code", "name_vi", "name_en", "points", "max_points", "index")


def _level(stored: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A unit's level as published: which one, by code and name (the stored run explains it)."""
    if stored is None:
        return None
    return {k: stored[k] for k in ("code", "name_vi", "name_en")}


def pillar_view_columns(document: Mapping[str, Any]) -> list[str]:
    """The pillar view codes some ranking of the document has, in the order first met."""
    codes: dict[str, None] = {}
    for group in document["groups"]:
        for row in group["rankings"]:
            codes.update(dict.fromkeys(view["code"] for view in row.get("pillar_views", ())))
    return list(codes)


def has_levels(document: Mapping[str, Any]) -> bool:
    return any(row.get("level") for g in document["groups"] for row in g["rankings"])


def pillar_columns(document: Mapping[str, Any], order: Sequence[str]) -> list[str]:
    """The pillar codes some group of the document has, in the framework's order."""
    present = {p["code"] for g in document["groups"] for p in g["pillars"]}
    return [code for code in order if code in present]


CSV_HEADER = [
    "group_code",
    "rank",
    "unit_code",
    "unit_name_vi",
    "unit_name_en",
    "points",
    "max_points",
    "index",
]


def render_csv(document: Mapping[str, Any], order: Sequence[str]) -> bytes:
    """One row per ranked unit: the document's rankings, with each pillar's points in a column
    ``pillar_<code>`` (empty where the pillar does not apply to the unit's group); then, when the
    framework sets them, the unit's level (``level``, ``level_name_vi``) and each pillar view's
    points and index (``view_<code>_points``, ``view_<code>_index``: not ``pillar_``, so that a
    reader picking the pillars by that prefix still finds the pillars alone)."""
    pillars = pillar_columns(document, order)
    views = pillar_view_columns(document)
    levels = has_levels(document)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        CSV_HEADER
        + [f"pillar_{code}" for code in pillars]
        + (["level", "level_name_vi"] if levels else [])
        + [f"view_{code}_{k}" for code in views for k in ("points", "index")]
    )
    for group in document["groups"]:
        for row in group["rankings"]:
            by_code = {p["code"]: p["points"] for p in row["pillars"]}
            level = row.get("level") or {}
            by_view = {v["code"]: v for v in row.get("pillar_views", ())}
            # Names and codes are text that units and admins typed: never a formula (csvsafe).
            writer.writerow(
                csv_row(
                    [group["code"], row["rank"]]
                    + [row[k] for k in CSV_HEADER[2:]]
                    + [by_code.get(code, "") for code in pillars]
                    + ([level.get("code", ""), level.get("name_vi", "")] if levels else [])
                    + [
                        by_view[code][k] if code in by_view else ""
                        for code in views
                        for k in ("points", "index")
                    ]
                )
            )
    return (CSV_BOM + out.getvalue()).encode()


def _provenance_rows(provenance: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """The framework's provenance as rows of the particulars sheet: the illustrative notice and
    what is sourced."""
    if not provenance:
        return []
    rows = []
    if provenance["kind"] != "sourced":
        rows.append(("Nội dung minh họa", provenance.get("note_vi") or "Có"))
    for reference in provenance.get("references", ()):
        note = reference.get("note_vi")
        rows.append(("Nguồn", reference["title"] + (f" — {note}" if note else "")))
    return rows


def _number(text: str | None) -> float | None:
    # Excel stores doubles; the exact strings stay in the JSON and the CSV.
    return None if text is None else float(Decimal(text))


def render_xlsx(
    document: Mapping[str, Any], detail: Mapping[str, Any], criteria: Mapping[str, Names]
) -> bytes:
    """A workbook: the publication's particulars, one ranking sheet per group, and every unit's
    points per criterion."""
    book = Workbook(write_only=True)
    about = book.create_sheet("Thông tin")
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 80
    round_info = document["round"]
    framework = round_info["framework"]
    for label, value in (
        ("Cơ quan công bố", (document.get("publisher") or {}).get("name_vi", "")),
        ("Kỳ đánh giá", round_info["title_vi"]),
        ("Năm", round_info["year"]),
        ("Bộ chỉ số", f"{framework['title_vi']} ({framework['code']})"),
        ("Căn cứ", framework.get("legal_basis") or ""),
        ("Phiên bản công bố", document["version"]),
        ("Lý do công bố lại", document.get("reason") or ""),
        ("Thời điểm công bố (UTC)", document["published_at"]),
        ("Mã băm nội dung (SHA-256)", document["content_hash"]),
        (
            "Dữ liệu minh họa",
            "Có — số liệu minh họa, không phải kết quả thật" if round_info["is_demo"] else "Không",
        ),
        *_provenance_rows(framework.get("provenance")),
        *(
            (
                f"Số đơn vị theo mức độ, nhóm {group['code']}",
                "; ".join(f"{c['name_vi']}: {c['count']}" for c in group["level_counts"]),
            )
            for group in document["groups"]
            if group.get("level_counts")
        ),
    ):
        append_row(about, [label, value])
    for group in document["groups"]:
        sheet = book.create_sheet(f"Xếp hạng {group['code']}"[:31])
        sheet.column_dimensions["C"].width = 48
        pillars = group["pillars"]
        levels = any(row.get("level") for row in group["rankings"])
        views: dict[str, str] = {}
        for row in group["rankings"]:
            views.update({v["code"]: v["name_vi"] for v in row.get("pillar_views", ())})
        append_bold(
            sheet,
            ["Hạng", "Mã đơn vị", "Tên đơn vị", "Điểm", "Điểm tối đa", "Chỉ số"]
            + [f"{p['code']}. {p['name_vi']}" for p in pillars]
            + (["Mức độ"] if levels else [])
            + [f"Trụ cột {name} (chỉ số)" for name in views.values()],
        )
        for row in group["rankings"]:
            by_code = {p["code"]: p["points"] for p in row["pillars"]}
            by_view = {v["code"]: v["index"] for v in row.get("pillar_views", ())}
            append_row(
                sheet,
                [
                    row["rank"],
                    row["unit_code"],
                    row["unit_name_vi"],
                    _number(row["points"]),
                    _number(row["max_points"]),
                    _number(row["index"]),
                ]
                + [_number(by_code.get(p["code"])) for p in pillars]
                + ([(row.get("level") or {}).get("name_vi", "")] if levels else [])
                + [_number(by_view.get(code)) for code in views],
            )

    sheet = book.create_sheet("Chi tiết")
    sheet.column_dimensions["D"].width = 60
    append_bold(sheet, ["Mã đơn vị", "Nhóm", "Mã tiêu chí", "Tiêu chí", "Điểm", "Điểm tối đa"])
    groups_of = {r["unit_code"]: g["code"] for g in document["groups"] for r in g["rankings"]}
    for unit_code, nodes in detail.items():
        for code in sorted(nodes, key=code_order):
            node = nodes[code]
            append_row(
                sheet,
                [
                    unit_code,
                    groups_of.get(unit_code, ""),
                    code,
                    criteria.get(code, Names(code, code)).vi,
                    _number(node["points"]),
                    _number(node["max_points"]),
                ],
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
