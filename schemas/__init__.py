"""Marshmallow schemas: one per request and response shape."""

from .problem import FieldErrorSchema, ProblemSchema
from .request import ArticleRequest, BatchRequestSchema, ExtractRequestSchema
from .response import (
    BatchResponseSchema,
    DatelineSchema,
    DateSchema,
    EntitySchema,
    EventSchema,
    ExtractResponseSchema,
    WarningSchema,
)

__all__ = [
    "ArticleRequest",
    "BatchRequestSchema",
    "BatchResponseSchema",
    "DateSchema",
    "DatelineSchema",
    "EntitySchema",
    "EventSchema",
    "ExtractRequestSchema",
    "ExtractResponseSchema",
    "FieldErrorSchema",
    "ProblemSchema",
    "WarningSchema",
]
