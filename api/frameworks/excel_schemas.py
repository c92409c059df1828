"""API bodies of a framework's Excel round trip: the import's report (preview or outcome)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from api.frameworks.schemas import CriterionDiff, FieldChange


class FrameworkImportRowError(BaseModel):
    """One error of the workbook: where (sheet, row, column header) and what, translated."""

    sheet: str = Field(description="The sheet at fault (framework, elements, criteria, …)")
    row: int | None = Field(description="The row (1 is the header); null: the whole sheet")
    field: str | None = Field(description="The column header (framework sheet: the key)")
    code: str
    message: str


class FrameworkImportSummary(BaseModel):
    """What the workbook holds."""

    code: str
    title_vi: str
    title_en: str
    year: int
    groups: list[str]
    element_count: int
    criteria_count: int
    indicator_count: int
    max_points_by_group: dict[str, Decimal]


class FrameworkImportDiff(BaseModel):
    """What the workbook changes from a stored version (``base_id``)."""

    base_id: int
    base_code: str
    metadata: list[FieldChange]
    criteria: list[CriterionDiff]
    elements: list[CriterionDiff]


class FrameworkImportReport(BaseModel):
    """A checked workbook: its summary, its diff against a base version, its row errors; once
    applied, the new draft's id."""

    status: Literal["validated", "rejected", "applied"]
    dry_run: bool
    summary: FrameworkImportSummary | None = Field(
        description="Null when the document does not parse"
    )
    diff: FrameworkImportDiff | None = Field(
        description="Null without a base version or a valid document"
    )
    errors: list[FrameworkImportRowError]
    error_count: int
    framework_id: int | None = Field(description="The new draft version, once applied")
