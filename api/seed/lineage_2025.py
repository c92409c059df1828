"""Writes ``units-2025-lineage.yaml``: which of the old city's districts each 2025 unit took, whole
or in part, with the pre-2025 wards behind each link. Run it when either package's data changes:

    .venv/bin/python -m api.seed.lineage_2025 > api/seed/units-2025-lineage.yaml

The mapping is the PyPI package ``vietnamadminunits`` (a development dependency, not needed at run
time): its ``converter_2025.json`` lists, for every 2025 unit, the old wards merged into it whole
and, for every old ward divided among several 2025 units, those units; its ``parser_legacy.json``
gives the old wards' and districts' names. The old wards are not units here (the 2023 seed stops at
districts), so a link goes from the 2025 unit to the old ward's district, and says which wards it
stands for. A district gives a part to each of its successors, unless one unit took all its wards
whole. The package does not say how much of a divided ward each successor took, so neither does
the link ("một phần"). Units formed from the former Bình Dương and Bà Rịa – Vũng Tàu have no
predecessor here: those provinces' districts are not units of this system.

``tests/seed`` rebuilds the file from the installed package and checks it is unchanged.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import metadata, resources
from typing import Any

import yaml

from api.core.text import fold
from api.seed import units_2025

OLD_CITY = "thanhphohochiminh"
PACKAGE = "vietnamadminunits"


def _key(name: str) -> str:
    """The package's key for a name: folded, without spaces ("Phường Sài Gòn" → phuongsaigon)."""
    return fold(name).replace(" ", "")


def package_data() -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The package's version, its converter data and its legacy (pre-2025) names."""
    base = resources.files(PACKAGE) / "data"
    converter = json.loads((base / "converter_2025.json").read_text(encoding="utf-8"))
    legacy = json.loads((base / "parser_legacy.json").read_text(encoding="utf-8"))
    return metadata.version(PACKAGE), converter, legacy


def build(
    *,
    version: str,
    converter: Mapping[str, Any],
    legacy: Mapping[str, Any],
    communes: Iterable[Mapping[str, Any]],
    district_codes: Mapping[str, str],
) -> dict[str, Any]:
    """The lineage document: one link per (2025 unit, old district), in code order.

    ``communes``: the 2025 units (code, name_vi) from vietnam-provinces; ``district_codes``: this
    system's code of each old district by its Vietnamese name (units.yaml)."""
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"][OLD_CITY]
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"][OLD_CITY]
    names = legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"][OLD_CITY]
    districts = legacy["DICT_PROVINCE_DISTRICT"][OLD_CITY]

    # For every new unit (by key): the old wards of the old city it took, whole or in part.
    taken: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # district, ward, whole
    for new_key, olds in whole.items():
        for old in olds:
            province, district, ward = old.split("_", 2)
            if province == OLD_CITY:
                taken[_key(new_key)].append((district, ward, True))
    for old, news in divided.items():
        province, district, ward = old.split("_", 2)
        if province != OLD_CITY:
            continue
        for item in news:
            # One key in the package keeps its accents (xãthạnhan): fold every key alike.
            taken[_key(item["newWardKey"])].append((district, ward, False))

    # A district goes whole to a unit only if that unit took every one of its wards whole.
    receivers: dict[str, set[str]] = defaultdict(set)
    for new_key, wards in taken.items():
        for district, _, _ in wards:
            receivers[district].add(new_key)

    by_key = {_key(c["name_vi"]): c for c in communes}
    unknown = sorted(set(taken) - set(by_key))
    if unknown:
        raise ValueError(f"2025 units of {PACKAGE} not in vietnam-provinces: {unknown}")
    links = []
    for new_key, wards in taken.items():
        commune = by_key[new_key]
        per_district: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for district, ward, is_whole in wards:
            per_district[district].append((names[district][ward]["ward"], is_whole))
        for district, items in per_district.items():
            all_wards = set(names[district]) - {"NaN"}
            share = (
                "whole"
                if receivers[district] == {new_key}
                and len(items) == len(all_wards)
                and all(w for _, w in items)
                else "part"
            )
            entire = sorted((n for n, w in items if w), key=fold)
            parts = sorted((n for n, w in items if not w), key=fold)
            text = "; ".join(
                filter(None, [", ".join(entire), "một phần " + ", ".join(parts) if parts else ""])
            )
            district_name = districts[district]["district"]
            links.append(
                {
                    "unit": commune["code"],
                    "name_vi": commune["name_vi"],
                    "predecessor": district_codes[district_name],
                    "share": share,
                    "wards": f"{district_name}: {text}",
                }
            )
    links.sort(key=lambda link: (link["unit"], link["predecessor"]))
    return {
        "source": f"{PACKAGE} {version} (data/converter_2025.json, data/parser_legacy.json)",
        "effective_on": units_2025.VALID_FROM.isoformat(),
        "links": links,
    }


HEADER = """\
# GENERATED by `python -m api.seed.lineage_2025` from the PyPI package vietnamadminunits: do not
# edit by hand (tests/seed checks it against the package). Which district of the old city each
# 2025 commune-level unit took, whole or in part, on 1 July 2025, and the pre-2025 wards behind
# the link (those wards are not units here). "một phần" means the package lists the old ward under
# several 2025 units; it does not say how much each took. Units formed only from the former Bình
# Dương and Bà Rịa – Vũng Tàu have no link: those provinces' districts are not units here.
"""


def render(document: Mapping[str, Any]) -> str:
    return HEADER + yaml.safe_dump(dict(document), allow_unicode=True, sort_keys=False, width=100)


def current() -> dict[str, Any]:
    """The document as the installed packages give it."""
    from api.seed.loader import read_yaml  # the loader imports this module's siblings only

    version, converter, legacy = package_data()
    district_codes = {
        u["name_vi"]: u["code"]
        for u in read_yaml("units.yaml")
        if u["kind"] in ("district", "rural_district", "city")
    }
    return build(
        version=version,
        converter=converter,
        legacy=legacy,
        communes=units_2025.communes(units_2025.spec()),
        district_codes=district_codes,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(render(current()))
