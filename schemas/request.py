"""Request shapes: one article, and a batch of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates

from service.pipeline.dateline import DatelineError, parse_request_dateline
from service.pipeline.types import Dateline

SUPPORTED_LANGUAGES = ("en",)
MAX_ID_CHARS = 256


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    text: str
    dateline: Dateline | None = None
    language: str = "en"
    id: str | None = None


class ExtractRequestSchema(Schema):
    """``{"text", "dateline", "language", "id"}``; unknown fields are refused."""

    class Meta:
        unknown = RAISE

    text = fields.String(required=True)
    dateline = fields.String(load_default=None, allow_none=True)
    language = fields.String(load_default="en", validate=validate.OneOf(SUPPORTED_LANGUAGES))
    id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_ID_CHARS))

    def __init__(self, *, max_text_chars: int = 200_000, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_text_chars = max_text_chars

    @validates("text")
    def _text_length(self, value: str, **_: Any) -> None:
        if not value:
            raise ValidationError("must not be empty")
        if len(value) > self.max_text_chars:
            raise ValidationError(f"is {len(value)} characters long; the limit is {self.max_text_chars}")

    @validates("dateline")
    def _dateline_readable(self, value: str | None, **_: Any) -> None:
        if value is None:
            return
        try:
            parse_request_dateline(value)
        except DatelineError as exc:
            raise ValidationError(str(exc)) from exc

    @post_load
    def _build(self, data: dict[str, Any], **_: Any) -> ArticleRequest:
        raw = data.get("dateline")
        return ArticleRequest(
            text=data["text"],
            dateline=parse_request_dateline(raw) if raw is not None else None,
            language=data["language"],
            id=data.get("id"),
        )


class BatchRequestSchema(Schema):
    """``{"articles": [...]}``; each article is validated on its own, so one bad item fails alone."""

    class Meta:
        unknown = RAISE

    articles = fields.List(fields.Raw(), required=True)

    def __init__(self, *, max_items: int = 100, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_items = max_items

    @validates("articles")
    def _count(self, value: list[Any], **_: Any) -> None:
        if len(value) > self.max_items:
            raise ValidationError(f"has {len(value)} items; the limit is {self.max_items}")
