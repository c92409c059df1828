"""The seeded 405 framework (api/seed/frameworks/5-dti-405-published.yaml) in the engine: a
province formed by a merger takes, for each main indicator, the mean of its predecessors' values
(405/QĐ-BKHCN), and its index from those.

The framework is read as the seed reads it (`framework_documents`, the validated document) and
turned into the engine's framework as every score run does (`engine_dict`, `framework_from_dict`).
The provinces and their values below are made-up test inputs, not published results.
"""

from __future__ import annotations

from decimal import Decimal

from api.frameworks.validation import engine_dict
from api.scoring import Framework, UnitInfo, Value, framework_from_dict, merged_from_run, score
from api.scoring.rules import engine_context, index_of
from api.seed.loader import framework_documents

D = Decimal
MAIN = ["1", "2", "3", "4", "5", "6", "7", "8"]
# Three predecessor provinces of group TP, each main indicator's value (points ÷ max), made up.
ROWS = {
    "TINH-A": ("0.9", "0.85", "0.8", "0.7", "0.6", "0.75", "0.65", "0.5"),
    "TINH-B": ("0.6", "0.7", "0.55", "0.4", "0.5", "0.6", "0.35", "0.45"),
    "TINH-C": ("0.45", "0.4", "0.6", "0.3", "0.2", "0.5", "0.3", "0.25"),
}
PREDECESSORS = {
    unit: {code: D(value) for code, value in zip(MAIN, row, strict=True)}
    for unit, row in ROWS.items()
}


def framework_405() -> Framework:
    (doc,) = (d for d in framework_documents() if d.code == "DTI-405-PUBLISHED")
    return framework_from_dict(engine_dict(doc))


def inputs(values: dict[str, Decimal]) -> dict[str, Value]:
    return {f"E-{code}": Value(value, "reviewer") for code, value in values.items()}


def test_the_405_framework_reads_each_main_indicator_as_its_published_value() -> None:
    framework = framework_405()
    run = score(framework, [UnitInfo("TINH-A", "TP")], {"TINH-A": inputs(PREDECESSORS["TINH-A"])})

    assert [c.code for c in framework.criteria] == MAIN
    assert run.node("TINH-A").max_points == 1000
    for code, value in PREDECESSORS["TINH-A"].items():
        assert run.node("TINH-A", code).index == value
    views = {view.code: view.max_points for view in run.pillar_views("TINH-A")}
    assert views == {"CQS": 700, "KTS": 650, "XHS": 650}  # the assumed composition


def test_a_merged_province_takes_the_mean_of_three_predecessors_and_its_index_follows() -> None:
    framework = framework_405()
    units = [UnitInfo(code, "TP") for code in PREDECESSORS]
    run = score(framework, units, {code: inputs(v) for code, v in PREDECESSORS.items()})

    merged = merged_from_run(run, "TINH-MOI", list(PREDECESSORS))

    assert merged.group == "TP"
    assert merged.predecessors == tuple(PREDECESSORS)
    by_code = {item.code: item for item in merged.indicators}
    assert list(by_code) == MAIN
    with engine_context():
        for code in MAIN:
            scored = [run.node(unit, code).index for unit in PREDECESSORS]
            assert scored == [values[code] for values in PREDECESSORS.values()]
            mean = sum(scored, D(0)) / 3
            assert by_code[code].value == mean
            assert by_code[code].points == mean * run.node("TINH-A", code).max_points
            assert by_code[code].applicable
        expected_points = sum((item.points for item in merged.indicators), D(0))
    assert merged.max_points == 1000
    assert merged.points == expected_points
    assert merged.index == index_of(expected_points, D(1000))
    # Every main indicator has the same max in each predecessor, so the merged index is also the
    # mean of theirs.
    mean_index = sum((run.node(unit).index for unit in PREDECESSORS), D(0)) / 3
    assert abs(merged.index - mean_index) < D("1e-25")

    # A province scored directly on the mean values gets the same index and pillar views.
    means = {code: by_code[code].value for code in MAIN}
    direct = score(framework, [UnitInfo("TINH-MOI", "TP")], {"TINH-MOI": inputs(means)})
    assert abs(direct.node("TINH-MOI").index - merged.index) < D("1e-25")
    direct_views = {view.code: view for view in direct.pillar_views("TINH-MOI")}
    for view in merged.pillar_views:
        assert view.max_points == direct_views[view.code].max_points
        assert abs(view.index - direct_views[view.code].index) < D("1e-25")

    # The explanation names the three predecessors and each indicator's mean.
    assert merged.formula_vi.startswith("TINH-MOI hình thành từ TINH-A, TINH-B, TINH-C")
    assert (
        "trung bình (0,9 [TINH-A]; 0,6 [TINH-B]; 0,45 [TINH-C]) = 0,65" in by_code["1"].formula_vi
    )
