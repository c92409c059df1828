"""The seed framework file (api/seed/frameworks/1-hcmc-dti-2023.yaml) read through the engine's
loader: 1000 points for each group, as shared/domain/README.md checks."""

from __future__ import annotations

from pathlib import Path

import yaml

from api.scoring import UnitInfo, framework_from_dict, score

SEED = Path(__file__).resolve().parents[2] / "api" / "seed" / "frameworks" / "1-hcmc-dti-2023.yaml"


def test_seed_framework_is_1000_points_for_sbn_and_qh() -> None:
    fw = framework_from_dict(yaml.safe_load(SEED.read_text(encoding="utf-8")))
    run = score(fw, [UnitInfo("SO-TC", "SBN"), UnitInfo("Q1", "QH")], {})
    department, district = run.unit("SO-TC"), run.unit("Q1")
    assert department.total.max_points == 1000
    assert district.total.max_points == 1000
    assert (department.node("6").max_points, district.node("6").max_points) == (250, 200)
