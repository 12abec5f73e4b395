"""The API documentation page, built from the same OpenAPI document that ``/api/schema/`` serves.

Swagger UI and Redoc load scripts (by default from a CDN) and inject inline styles, which our
content-security policy forbids; a server-rendered page needs neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from drf_spectacular.generators import SchemaGenerator


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str = ""
    constraints: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field] = field(default_factory=list)
    body: list[Field] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Tag:
    name: str
    operations: list[Operation]


@dataclass
class ApiDescription:
    title: str
    version: str
    description: str
    tags: list[Tag]


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 10:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document.get("components", {}).get("schemas", {}).get(name, {})
        seen += 1
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], document)
    return schema


def _type(schema: dict[str, Any], document: dict[str, Any]) -> str:
    schema = _resolve(schema, document)
    if "oneOf" in schema:
        return " | ".join(_type(s, document) for s in schema["oneOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {_type(schema.get('items', {}), document)}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    if schema.get("nullable"):
        kind = f"{kind}, null"
    return kind or "object"


def _constraints(schema: dict[str, Any], document: dict[str, Any]) -> str:
    schema = _resolve(schema, document)
    if schema.get("type") == "array":
        inner = _constraints(schema.get("items", {}), document)
        parts = [f"{k} {schema[k]}" for k in ("minItems", "maxItems") if k in schema]
        return "; ".join(filter(None, [", ".join(parts), inner]))
    parts = []
    if "enum" in schema:
        parts.append("one of " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None)))
    for key in ("minimum", "maximum", "minLength", "maxLength"):
        if key in schema:
            parts.append(f"{key} {schema[key]}")
    return ", ".join(parts)


def _body_fields(operation: dict[str, Any], document: dict[str, Any]) -> list[Field]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if not schema:
        return []
    schema = _resolve(schema, document)
    required = set(schema.get("required", []))
    return [
        Field(
            name=name,
            type=_type(prop, document),
            required=name in required,
            description=_resolve(prop, document).get("description", prop.get("description", "")),
            constraints=_constraints(prop, document),
        )
        for name, prop in schema.get("properties", {}).items()
        if not prop.get("readOnly")
    ]


def describe_document(document: dict[str, Any]) -> ApiDescription:
    tags: dict[str, list[Operation]] = {}
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            op = Operation(
                method=method.upper(),
                path=path,
                summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                anchor=operation.get("operationId", f"{method}-{path}"),
                parameters=[
                    Field(
                        name=f"{p['name']} ({p['in']})",
                        type=_type(p.get("schema", {}), document),
                        required=bool(p.get("required")),
                        description=p.get("description", ""),
                        constraints=_constraints(p.get("schema", {}), document),
                    )
                    for p in operation.get("parameters", [])
                ],
                body=_body_fields(operation, document),
                responses=[
                    (code, r.get("description", "")) for code, r in operation.get("responses", {}).items()
                ],
            )
            for tag in operation.get("tags", ["api"]):
                tags.setdefault(tag, []).append(op)
    info = document.get("info", {})
    return ApiDescription(
        title=info.get("title", ""),
        version=str(info.get("version", "")),
        description=info.get("description", ""),
        tags=[Tag(name, ops) for name, ops in tags.items()],
    )


def describe(request: HttpRequest) -> ApiDescription:
    generator = SchemaGenerator()
    document = generator.get_schema(request=None, public=True)
    return describe_document(document)
