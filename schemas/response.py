"""Response shapes. Every ``start``/``end`` is an offset into the submitted text."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from .problem import ProblemSchema


class DatelineSchema(Schema):
    date = fields.Date(allow_none=True)
    datetime = fields.DateTime(format="iso", allow_none=True)
    location = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)
    source = fields.String(required=True)


class RangeSchema(Schema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)


class DateSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    type = fields.String(required=True)
    value = fields.String(required=True)
    range = fields.Nested(RangeSchema, allow_none=True)
    mod = fields.String(allow_none=True)
    anchor = fields.String(allow_none=True)
    resolved = fields.Boolean(required=True)


class MentionSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    kind = fields.String(required=True)


class AffiliationSchema(Schema):
    name = fields.String(required=True)
    entity = fields.String(allow_none=True)


class EntitySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)
    titles = fields.List(fields.String())
    rank = fields.String(allow_none=True)
    affiliation = fields.Nested(AffiliationSchema, allow_none=True)
    country = fields.String(allow_none=True)
    mentions = fields.List(fields.Nested(MentionSchema))
    salience = fields.Float(required=True)


class PloverSchema(Schema):
    type = fields.String(required=True)
    mode = fields.String(allow_none=True)


class SpanSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class ParticipantSchema(Schema):
    entity = fields.String(required=True)
    role = fields.String(required=True)
    text = fields.String(required=True)


class EventTimeSchema(Schema):
    start = fields.Date(allow_none=True)
    end = fields.Date(allow_none=True)
    dates = fields.List(fields.String())


def _sentence(event: Any) -> dict[str, int]:
    start, end = event.sentence
    return {"start": start, "end": end}


class EventSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    label = fields.String(required=True)
    plover = fields.Nested(PloverSchema, allow_none=True)
    cameo = fields.String(allow_none=True)
    trigger = fields.Nested(SpanSchema, required=True)
    sentence = fields.Function(_sentence)
    participants = fields.List(fields.Nested(ParticipantSchema))
    when = fields.Nested(EventTimeSchema, allow_none=True)
    where = fields.String(allow_none=True)
    status = fields.String(required=True)
    confidence = fields.Float(required=True)


class WarningSchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)


class MetaSchema(Schema):
    service = fields.Dict(keys=fields.String(), values=fields.String())
    model = fields.Dict(keys=fields.String(), values=fields.String())
    language = fields.String()
    elapsed_ms = fields.Float()


class ExtractResponseSchema(Schema):
    id = fields.String(allow_none=True)
    dateline = fields.Nested(DatelineSchema, required=True)
    dates = fields.List(fields.Nested(DateSchema))
    entities = fields.List(fields.Nested(EntitySchema))
    events = fields.List(fields.Nested(EventSchema))
    event = fields.Nested(EventSchema, allow_none=True)
    warnings = fields.List(fields.Nested(WarningSchema))
    meta = fields.Nested(MetaSchema)


class BatchErrorSchema(Schema):
    id = fields.String(allow_none=True)
    error = fields.Nested(ProblemSchema, required=True)


class BatchResponseSchema(Schema):
    # Items are already dumped by ExtractResponseSchema or BatchErrorSchema.
    results = fields.List(fields.Raw())
