"""The one error shape: RFC 9457 problem details."""

from __future__ import annotations

from marshmallow import Schema, fields


class FieldErrorSchema(Schema):
    pointer = fields.String(required=True)
    detail = fields.String(required=True)


class ProblemSchema(Schema):
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.List(fields.Nested(FieldErrorSchema))
