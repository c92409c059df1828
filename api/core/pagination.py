"""Offset pagination shared by list endpoints: ``limit``/``offset`` in, ``{items, total}`` out."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Path, Query
from pydantic import BaseModel


class PageParams(BaseModel):
    limit: int
    offset: int


MAX_ID = 2**31 - 1  # PostgreSQL's integer; larger ids cannot exist and must not reach the database


async def page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="Page size")] = 100,
    # Bounded: a larger offset than any list can have would overflow SQLite's integer (a 500).
    offset: Annotated[int, Query(ge=0, le=MAX_ID, description="Items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list, with the total number of matching items."""

    items: list[T]
    total: int
    limit: int
    offset: int


IdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Numeric id")]
