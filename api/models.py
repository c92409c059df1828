"""Every model, imported once so the metadata (and Alembic) sees the whole schema."""

from api.assessments.models import (
    AnswerNote,
    ElementValue,
    NoteRevision,
    Submission,
    ValueRevision,
)
from api.audit.models import AuditEvent, AuditHead
from api.auth.models import ApiClient, LoginFailure, RefreshToken, User, UserRole
from api.core.database import Base
from api.evidence.models import Blob, EvidenceLink
from api.feedback.models import Feedback
from api.frameworks.models import Criterion, DataElement, Framework
from api.help.models import HelpContact, TourView
from api.ingest.models import IngestBatch, IngestReport
from api.jobs.models import JobTick
from api.notifications.models import Notification, OutboxEmail
from api.operator.models import OperatorSetting
from api.proposals.models import Proposal
from api.publications.models import Publication
from api.results.models import ScoreRun
from api.reviews.models import AnswerComment, ReviewDecision
from api.rounds.models import PhaseChange, Round, RoundUnit
from api.seed.models import SeedMark
from api.units.models import Unit, UnitGroup
from api.urging.models import UrgeTemplate, Urging

__all__ = [
    "AnswerComment",
    "AnswerNote",
    "ApiClient",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Blob",
    "Criterion",
    "DataElement",
    "ElementValue",
    "EvidenceLink",
    "Feedback",
    "Framework",
    "HelpContact",
    "IngestBatch",
    "IngestReport",
    "JobTick",
    "LoginFailure",
    "NoteRevision",
    "Notification",
    "OperatorSetting",
    "OutboxEmail",
    "PhaseChange",
    "Proposal",
    "Publication",
    "RefreshToken",
    "ReviewDecision",
    "Round",
    "RoundUnit",
    "ScoreRun",
    "SeedMark",
    "Submission",
    "TourView",
    "Unit",
    "UnitGroup",
    "UrgeTemplate",
    "Urging",
    "User",
    "UserRole",
    "ValueRevision",
]
