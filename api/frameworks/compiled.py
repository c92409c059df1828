"""A framework version compiled once for every reader: its document, the scoring engine's view of
it, each node's max points per group, the indicators and pillars each group answers, and the
elements each group reads.

Assessments, reviews, progress, results, ingest and publications all need these; before, each
request reloaded the document and re-derived them. A framework's content changes only through an
edit that bumps its ``revision`` and ``updated_at`` (and once a round uses it, never), so the key
``(id, revision, updated_at)`` names one content for good: a rolled-back edit or a reused id
(SQLite hands out a deleted row's id again) carries another ``updated_at`` and never finds a stale
entry. Each worker keeps the few it has used; nothing else is cached.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks.documents import load_document
from api.frameworks.models import Framework
from api.frameworks.schemas import CriterionIn, DataElementIn, FrameworkDocument
from api.frameworks.tree import applicable_leaves, max_points_by_group
from api.frameworks.validation import engine_dict
from api.scoring import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Goalposts,
    LinearRule,
    ManualRule,
    RatioRule,
    Rule,
    framework_from_dict,
)
from api.scoring import Framework as EngineFramework


@dataclass(frozen=True)
class CompiledFramework:
    """Everything derived from one framework version's content (read-only: shared by requests)."""

    id: int
    revision: int
    doc: FrameworkDocument
    engine: EngineFramework
    elements: dict[str, DataElementIn]
    element_kinds: dict[str, tuple[str, str]]  # element -> (source, value_type), for the engine
    totals: dict[str, Decimal]  # the framework's max per group
    per_node: dict[str, dict[str, Decimal]]  # every criterion's max per group it applies to
    leaves: dict[str, dict[str, CriterionIn]]  # group -> its indicators by code, in tree order
    pillars: dict[str, list[CriterionIn]]  # group -> the top-level criteria that apply to it
    elements_by_group: dict[str, frozenset[str]]  # group -> the elements its indicators read
    # group -> the elements read by its group-relative indicators (relative to the best, ranks,
    # group goalposts): a unit's points there depend on the other units' values of these alone.
    relative_elements: dict[str, frozenset[str]]
    # group -> the engine framework of its group-relative indicators alone, as top-level criteria
    # (None when it has none): scores a unit's group on those without the rest of the tree.
    relative_engines: dict[str, EngineFramework | None]

    def indicators(self, group: str) -> dict[str, CriterionIn]:
        """The indicators (leaves) that apply to ``group``, by code, in tree order."""
        return self.leaves.get(group, {})

    def max_points(self, code: str, group: str) -> Decimal:
        """A criterion's max points for a group it applies to."""
        return self.per_node[code][group]


def group_relative(rule: Rule) -> bool:
    """Whether a unit's points under ``rule`` depend on the other units of its group (anything
    not known to be scored on the unit's own values alone counts as relative)."""
    if isinstance(rule, RatioRule):
        rule = rule.scale
    if isinstance(rule, LinearRule):
        return rule.goalposts is not Goalposts.FIXED
    return not isinstance(rule, BooleanRule | ChoiceRule | BandsRule | ManualRule)


def compile_document(framework_id: int, revision: int, doc: FrameworkDocument) -> CompiledFramework:
    """Derive everything once from a validated document."""
    totals, per_node = max_points_by_group(doc.criteria, doc.groups)
    leaves = {g: applicable_leaves(doc.criteria, g, per_node) for g in doc.groups}
    engine = framework_from_dict(engine_dict(doc))
    relative = {c.code: c for c in engine.walk() if not c.children and group_relative(c.rule)}

    def relative_engine(group: str) -> EngineFramework | None:
        kept = [
            replace(relative[code], groups=(group,)) for code in leaves[group] if code in relative
        ]
        # Only the indicators: the levels and pillar views speak of the whole tree.
        return (
            replace(engine, criteria=tuple(kept), level_sets=(), pillar_views=()) if kept else None
        )

    return CompiledFramework(
        id=framework_id,
        revision=revision,
        doc=doc,
        engine=engine,
        elements={e.code: e for e in doc.elements},
        element_kinds={e.code: (e.source, e.value_type) for e in doc.elements},
        totals=totals,
        per_node=per_node,
        leaves=leaves,
        pillars={g: [c for c in doc.criteria if g in per_node.get(c.code, {})] for g in doc.groups},
        elements_by_group={
            g: frozenset(ref.element_code for leaf in leaves[g].values() for ref in leaf.inputs)
            for g in doc.groups
        },
        relative_elements={
            g: frozenset(
                ref.element_code
                for code, leaf in leaves[g].items()
                if code in relative
                for ref in leaf.inputs
            )
            for g in doc.groups
        },
        relative_engines={g: relative_engine(g) for g in doc.groups},
    )


_Key = tuple[int, int, dt.datetime]
_CACHE: OrderedDict[_Key, CompiledFramework] = OrderedDict()
_CACHE_LIMIT = 32


async def load(*, session: AsyncSession, framework: Framework) -> CompiledFramework:
    """The compiled framework of this version (built on first use, then kept; module docstring)."""
    key = (framework.id, framework.revision, framework.updated_at)
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    doc = await load_document(session=session, framework=framework)
    found = compile_document(framework.id, framework.revision, doc)
    _CACHE[key] = found
    while len(_CACHE) > _CACHE_LIMIT:
        _CACHE.popitem(last=False)
    return found
