"""Every model, imported once so the metadata (and Alembic) sees the whole schema."""

from api.auth.models import ApiClient, LoginFailure, RefreshToken, User, UserRole
from api.core.database import Base
from api.frameworks.models import Criterion, DataElement, Framework
from api.rounds.models import PhaseChange, Round, RoundUnit
from api.units.models import Unit, UnitGroup

__all__ = [
    "ApiClient",
    "Base",
    "Criterion",
    "DataElement",
    "Framework",
    "LoginFailure",
    "PhaseChange",
    "RefreshToken",
    "Round",
    "RoundUnit",
    "Unit",
    "UnitGroup",
    "User",
    "UserRole",
]
