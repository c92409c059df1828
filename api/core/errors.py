"""Domain errors and their rendering as RFC 9457 problem+json, translated per request.

Services raise the errors below with a message code; the handlers installed by
``install_error_handlers`` turn them, and every framework error (404, 405, 422, 500), into one
problem document shape: ``type``, ``title``, ``status``, ``detail``, ``code``, ``request_id`` and,
for validation, ``errors: [{field, message}]``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.core.i18n import MESSAGES, Language, negotiate_language, title, translate
from api.core.request_context import current_request_id

logger = logging.getLogger("api.errors")

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://dti-hub.local/problems/"
# A problem lists this many fields at fault at most, with the count of all of them: a body with a
# million wrong keys gets a small answer, made without translating a million messages.
MAX_LISTED_ERRORS = 50


class FieldProblem(BaseModel):
    field: str
    message: str


class ProblemDetail(BaseModel):
    """An RFC 9457 problem document (served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    request_id: str | None = None
    errors: list[FieldProblem] | None = Field(
        default=None, description=f"The fields at fault: the first {MAX_LISTED_ERRORS}"
    )
    error_count: int | None = Field(
        default=None, description="How many fields are at fault, listed in `errors` or not"
    )


_PROBLEM_DESCRIPTIONS = {
    400: "Bad request",
    401: "Not signed in, or the token is invalid or expired",
    403: "Signed in, but the role or scope does not allow this",
    404: "Not found (or not visible to the caller)",
    409: "Conflict with the current state",
    410: "Gone: the record exists but its stored content is missing",
    412: "Stale If-Match: reload and retry",
    413: "Too large",
    415: "Unsupported type (judged from the content)",
    428: "If-Match is required",
    422: "Invalid input; `errors` names every field at fault",
    429: "Too many requests; see Retry-After",
    503: "The database is busy; nothing was saved: retry after Retry-After seconds",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem documents for ``statuses``."""
    return {
        status: {
            "model": ProblemDetail,
            "description": _PROBLEM_DESCRIPTIONS[status],
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}},
        }
        for status in statuses
    }


class DomainError(Exception):
    """An expected failure with a status, a message code and the params of its message.

    ``commit=True`` keeps what the request wrote before failing (a recorded failed sign-in, a
    revoked token family); by default the unit of work rolls back.
    """

    status = 400
    slug = "bad-request"

    def __init__(
        self,
        code: str,
        /,
        *,
        field: str | None = None,
        errors: Sequence[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
        commit: bool = False,
        extensions: Mapping[str, Any] | None = None,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.extensions = dict(extensions or {})
        self.field = field
        self.errors = list(errors or [])
        self.headers = dict(headers or {})
        self.commit = commit
        self.params = params


class FieldError:
    """One field at fault, with a message code (translated when rendered)."""

    def __init__(self, field: str, code: str, /, **params: object) -> None:
        self.field = field
        self.code = code
        self.params = params


class NotFound(DomainError):
    status = 404
    slug = "not-found"


class Conflict(DomainError):
    status = 409
    slug = "conflict"


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"


class Unauthorized(DomainError):
    status = 401
    slug = "unauthorized"

    def __init__(self, code: str, /, **kwargs: Any) -> None:
        headers = dict(kwargs.pop("headers", None) or {})
        headers.setdefault("WWW-Authenticate", "Bearer")
        super().__init__(code, headers=headers, **kwargs)


class Invalid(DomainError):
    """422 naming the field at fault; raise with ``field=`` or with a list of ``errors``."""

    status = 422
    slug = "validation"

    def __init__(self, code: str, /, *, field: str | None = None, **kwargs: Any) -> None:
        errors = kwargs.pop("errors", None)
        super().__init__(code, field=field, errors=errors, **kwargs)
        if field is not None and not self.errors:
            self.errors = [FieldError(field, code, **self.params)]


def validation_code(count: int) -> str:
    """The message code of a validation problem with ``count`` errors (one error is singular)."""
    return "http.validation_one" if count == 1 else "http.validation"


def validation_failed(errors: Sequence[FieldError]) -> Invalid:
    """A 422 listing every field at fault."""
    return Invalid("http.validation", errors=errors, count=len(errors))


class Gone(DomainError):
    """410: the thing is known but its content is no longer there (a lost evidence blob)."""

    status = 410
    slug = "gone"


class PreconditionFailed(DomainError):
    status = 412
    slug = "precondition-failed"


class PreconditionRequired(DomainError):
    status = 428
    slug = "precondition-required"


class PayloadTooLarge(DomainError):
    status = 413
    slug = "payload-too-large"


class BodyTooLarge(StarletteHTTPException):
    """A request body past its route's limit, raised while the body streams in (see
    ``api.core.middleware.RequestBodyLimit``). An ``HTTPException`` so that FastAPI's body
    reading passes it on instead of answering 400; rendered as a 413 problem."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(status_code=413)
        self.code = code
        self.params = params


def body_too_large(exc: BodyTooLarge, language: Language) -> JSONResponse:
    """The 413 problem of a body past its limit; the connection is closed after it, so the rest
    of the body is never read."""
    return problem_response(
        status=413,
        language=language,
        code=exc.code,
        detail=translate(exc.code, language, exc.params),
        slug=PayloadTooLarge.slug,
        headers={"Connection": "close"},
    )


class UnsupportedMediaType(DomainError):
    status = 415
    slug = "unsupported-media-type"


class TooManyRequests(DomainError):
    status = 429
    slug = "too-many-requests"


class ServiceUnavailable(DomainError):
    status = 503
    slug = "service-unavailable"


# How long a client is asked to wait when the database was too busy to answer.
BUSY_RETRY_AFTER = 2
# PostgreSQL's SQLSTATEs of a statement that lost to other work and may simply be retried:
# lock_not_available (lock_timeout), query_canceled (statement_timeout), serialization_failure,
# deadlock_detected, too_many_connections, cannot_connect_now.
_BUSY_SQLSTATES = frozenset({"55P03", "57014", "40001", "40P01", "53300", "57P03"})
# SQLite's SQLITE_BUSY and SQLITE_LOCKED (primary result codes: the low byte of extended ones).
_SQLITE_BUSY_CODES = frozenset({5, 6})


def database_busy(exc: BaseException) -> bool:
    """Whether a database error means "busy, retry" (a lock or pool wait that ran out, a
    serialization failure, a deadlock victim) rather than a defect."""
    if isinstance(exc, SQLAlchemyTimeoutError):  # no pooled connection came free in time
        return True
    if not isinstance(exc, DBAPIError):
        return False
    original = exc.orig
    for candidate in (original, getattr(original, "__cause__", None)):
        if candidate is None:
            continue
        if getattr(candidate, "sqlstate", None) in _BUSY_SQLSTATES:
            return True
        code = getattr(candidate, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _SQLITE_BUSY_CODES:
            return True
    message = str(original).lower()
    return "database is locked" in message or "database is busy" in message


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """503 with Retry-After when the database was busy; anything else stays a 500."""
    if not database_busy(exc):
        raise exc
    logger.warning("database busy on %s %s: %s", request.method, request.url.path, exc)
    return await _domain_error(
        request,
        ServiceUnavailable(
            "db.busy",
            retry_after=BUSY_RETRY_AFTER,
            headers={"Retry-After": str(BUSY_RETRY_AFTER)},
        ),
    )


def problem_response(
    *,
    status: int,
    language: Language,
    code: str,
    detail: str,
    slug: str,
    errors: list[dict[str, str]] | None = None,
    error_count: int | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> JSONResponse:
    """A problem+json response in the given language; ``errors`` are the first fields at fault
    (``MAX_LISTED_ERRORS`` at most) of ``error_count``."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title(status, language),
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": current_request_id(),
    }
    if errors is not None:
        body["errors"] = errors
        body["error_count"] = len(errors) if error_count is None else error_count
    body.update(extensions or {})
    return JSONResponse(
        body,
        status_code=status,
        media_type=PROBLEM_JSON,
        headers={"Content-Language": language, **(headers or {})},
    )


def _language(request: Request) -> Language:
    return negotiate_language(request.headers.get("accept-language"))


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    language = _language(request)
    errors = [
        {"field": e.field, "message": translate(e.code, language, e.params)}
        for e in exc.errors[:MAX_LISTED_ERRORS]
    ]
    # One stable code for every validation failure; only the wording counts the errors.
    message = validation_code(len(exc.errors)) if exc.code == "http.validation" else exc.code
    detail = translate(message, language, exc.params)
    return problem_response(
        status=exc.status,
        language=language,
        code=exc.code,
        detail=detail,
        slug=exc.slug,
        errors=errors or None,
        error_count=len(exc.errors),
        headers=exc.headers,
        extensions=exc.extensions,
    )


async def _body_too_large(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyTooLarge)
    return body_too_large(exc, _language(request))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        # Only FastAPI and Starlette raise a bare 400, for a body they cannot read: JSON that is
        # not UTF-8, a malformed form or one with too many parts. The 422 of any other body that
        # does not parse (as the operations document), naming the body.
        unreadable = {"type": "http.body_unreadable", "loc": ("body",), "msg": "", "input": None}
        return await _validation_error(request, RequestValidationError([unreadable]))
    language = _language(request)
    if exc.status_code == 404:
        code, slug = "http.not_found", "not-found"
    elif exc.status_code == 405:
        code, slug = "http.method_not_allowed", "method-not-allowed"
    else:
        code, slug = "http.error", "http-error"
    detail = translate(code, language, {"method": request.method})
    return problem_response(
        status=exc.status_code,
        language=language,
        code=code,
        detail=detail,
        slug=slug,
        headers=exc.headers,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError | ValidationError)
    language = _language(request)
    body = getattr(exc, "body", None)
    found = exc.errors()
    errors = [
        {
            "field": "body" if err["type"] == "json_invalid" else field_path(err["loc"], body),
            "message": validation_message(err, language),
        }
        for err in found[:MAX_LISTED_ERRORS]
    ]
    code = validation_code(len(found))
    return problem_response(
        status=422,
        language=language,
        code="http.validation",
        detail=translate(code, language, {"count": len(found)}),
        slug="validation",
        errors=errors,
        error_count=len(found),
    )


def install_error_handlers(app: FastAPI) -> None:
    """Render every error as translated problem+json."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(BodyTooLarge, _body_too_large)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(SQLAlchemyTimeoutError, _database_error)


_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def field_path(loc: Sequence[int | str], body: object = None) -> str:
    """``("body", "criteria", 0, "rule", "bands", "bands", 1)`` -> ``criteria[0].rule.bands[1]``.

    Pydantic puts the tag of a discriminated union into ``loc``; walking the submitted body
    alongside drops it, so the field names what the client sent.
    """
    parts = list(loc)
    if parts and parts[0] in _LOCATIONS:
        if parts[0] != "body":
            body = None
        parts = parts[1:]
    text = ""
    node = body
    for index, part in enumerate(parts):
        if part == "[key]":
            continue  # Pydantic's marker for "the key itself" in a dict: the path already names it
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            continue
        following = parts[index + 1] if index + 1 < len(parts) else None
        if (
            isinstance(node, dict)
            and node.get("kind") == part
            and (part not in node or following in node)
        ):
            continue  # the union's tag, not a field
        text += ("." if text else "") + str(part)
        node = node.get(part) if isinstance(node, dict) else None
    return text or "body"


_VALIDATION_VI: dict[str, str] = {
    "missing": "Thiếu trường bắt buộc.",
    "extra_forbidden": "Trường này không được phép.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Phải có ít nhất {min_length} ký tự.",
    "string_too_long": "Tối đa {max_length} ký tự.",
    "string_pattern_mismatch": "Không đúng định dạng yêu cầu.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "decimal_type": "Phải là số.",
    "finite_number": "Phải là số hữu hạn.",
    "decimal_max_places": "Tối đa {decimal_places} chữ số thập phân.",
    "decimal_max_digits": "Tối đa {max_digits} chữ số.",
    "bool_parsing": "Phải là đúng hoặc sai (true/false).",
    "bool_type": "Phải là đúng hoặc sai (true/false).",
    "greater_than": "Phải lớn hơn {gt}.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "literal_error": "Phải là một trong các giá trị: {expected}.",
    "enum": "Phải là một trong các giá trị: {expected}.",
    "union_tag_invalid": "Loại '{tag}' không hợp lệ; phải là một trong: {expected_tags}.",
    "union_tag_not_found": "Thiếu trường phân loại '{discriminator}'.",
    "date_parsing": "Phải là ngày theo dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Phải là ngày theo dạng YYYY-MM-DD.",
    "date_type": "Phải là ngày theo dạng YYYY-MM-DD.",
    "datetime_parsing": "Phải là thời điểm theo chuẩn ISO 8601.",
    "datetime_from_date_parsing": "Phải là thời điểm theo chuẩn ISO 8601.",
    "datetime_type": "Phải là thời điểm theo chuẩn ISO 8601.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "too_short": "Phải có ít nhất {min_length} phần tử.",
    "too_long": "Tối đa {max_length} phần tử.",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "json_type": "Nội dung JSON không hợp lệ.",
    "value_error": "Giá trị không hợp lệ ({reason}).",
    "uuid_parsing": "Phải là UUID.",
    "url_parsing": "Phải là địa chỉ URL.",
}


def validation_message(error: Mapping[str, Any], language: Language) -> str:
    """The message of one Pydantic error in the request's language.

    Custom validators raise ``PydanticCustomError(<message code>, ...)`` with codes of the
    catalogue, translated like domain errors; Pydantic's own error types use the table above.
    """
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    if kind in MESSAGES:
        return translate(kind, language, ctx)
    if language == "en":
        return str(error.get("msg", "Invalid value"))
    template = _VALIDATION_VI.get(kind)
    if template is None:
        return f"Giá trị không hợp lệ ({error.get('msg', kind)})."
    ctx.setdefault("reason", ctx.get("error", error.get("msg", "")))
    for key in ("expected", "expected_tags"):
        if isinstance(ctx.get(key), str):
            ctx[key] = ctx[key].replace(" or ", " hoặc ")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template
