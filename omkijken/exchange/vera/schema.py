"""The VERA WRV component schemas as JSON Schema, and the checks every exchanged document passes.

The WRV process API (``WRV.yaml``, VERA 4.3.0, MIT) is OpenAPI 3.0. Its component schemas
are *almost* JSON Schema; :func:`json_schema` converts them to JSON Schema 2020-12:

- ``$ref: '#/components/schemas/X'`` becomes ``$ref: '#/$defs/X'``;
- ``nullable: true`` adds ``"null"`` to the allowed types;
- ``oneOf`` becomes ``anyOf``: VERA's alternatives (e.g. ``Eenheden-Adres`` = Eenheidadres |
  Postadres | Adres-basis) overlap and have no discriminator, so under JSON Schema every
  Eenheidadres is also a valid Adres-basis and ``oneOf`` would reject every address;
- ``format`` is checked for ``date``, ``date-time`` (RFC 3339, with offset), ``int32``/``int64``
  (range), ``float``/``double`` are plain numbers;
- OpenAPI-only keywords (``deprecated``, ``example``, ``xml``, ``discriminator``…) are dropped.

VERA allows additional properties everywhere, so schema validation alone would accept a typo.
:func:`unknown_keys` walks a document together with its schema and reports every key the schema
does not define; :func:`check` runs both and is what export tests and the importer use.

The reference data (``Referentiedata.csv``, CC0) gives the Dutch name of each code.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

SPEC_DIR = Path(__file__).resolve().parent
WRV_PATH = SPEC_DIR / "WRV.yaml"
REFERENTIEDATA_PATH = SPEC_DIR / "Referentiedata.csv"

# The four entities we exchange: kind (as in URLs and commands) → message component (entity +
# Bericht-basis, i.e. extra-attributen), as returned by GET /<kind> of the WRV API.
KINDS: dict[str, str] = {
    "eenheden": "Eenheden-Eenheidbericht",
    "kandidaten": "Kandidaten-Kandidaatbericht",
    "aanbiedingen": "Aanbiedingen-Aanbiedingbericht",
    "toewijzingen": "Toewijzingen-Toewijzingbericht",
}
ENTITY: dict[str, str] = {
    "eenheden": "Eenheden-Eenheid",
    "kandidaten": "Kandidaten-Kandidaat",
    "aanbiedingen": "Aanbiedingen-Aanbieding",
    "toewijzingen": "Toewijzingen-Toewijzing",
}

_DROP = {"deprecated", "example", "examples", "xml", "discriminator", "externalDocs", "readOnly", "writeOnly"}


@functools.cache
def openapi_components() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with WRV_PATH.open(encoding="utf-8") as fh:
        spec = yaml.load(fh, Loader=loader)  # noqa: S506  # nosec B506 - loader is SafeLoader or CSafeLoader, our own bundled file
    components: dict[str, Any] = spec["components"]["schemas"]
    return components


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROP or key == "nullable":
            continue
        if key == "$ref" and isinstance(value, str):
            out["$ref"] = value.replace("#/components/schemas/", "#/$defs/")
        elif key == "oneOf":
            out["anyOf"] = _convert(value)
        elif key in ("properties", "patternProperties"):
            out[key] = {name: _convert(sub) for name, sub in value.items()}
        else:
            out[key] = _convert(value)
    if node.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else [*out["type"], "null"]
        elif "$ref" in out or "allOf" in out or "anyOf" in out:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@functools.cache
def json_schema() -> dict[str, Any]:
    """All WRV component schemas as one JSON Schema 2020-12 document (under ``$defs``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {name: _convert(schema) for name, schema in openapi_components().items()},
    }


def schema_for(component: str) -> dict[str, Any]:
    root = copy.copy(json_schema())
    if component not in root["$defs"]:
        raise KeyError(component)
    root["$ref"] = f"#/$defs/{component}"
    return root


# --- Formats --------------------------------------------------------------------------------

formats = FormatChecker(formats=())

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@formats.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    dt.date.fromisoformat(value)
    return True


@formats.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("z", "Z").replace("t", "T").replace("Z", "+00:00"))
    return True


@formats.checks("int32")
def _is_int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


@formats.checks("int64")
def _is_int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


@functools.cache
def validator(component: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(component), format_checker=formats)


def _fast_format(check: Any) -> Any:
    def checks(value: object) -> bool:
        try:
            return bool(check(value))
        except ValueError:
            return False

    return checks


@functools.cache
def fast_validator(component: str) -> Any:
    """The component's schema compiled to Python by fastjsonschema: about fifteen times faster
    than ``validator`` on a WRV bericht, but it stops at the first problem. ``schema_errors``
    asks it first and ``validator`` only for the items it refuses, for every message by path.
    fastjsonschema knows drafts up to 7; the converted schema uses nothing newer (``$defs`` is
    reached by JSON pointer)."""
    import fastjsonschema

    document = {**schema_for(component), "$schema": "http://json-schema.org/draft-07/schema#"}
    checks = {"date": _is_date, "date-time": _is_date_time, "int32": _is_int32, "int64": _is_int64}
    return fastjsonschema.compile(document, formats={name: _fast_format(f) for name, f in checks.items()})


def schema_errors(instance: Any, component: str) -> list[str]:
    """Every schema error of one document, as ``$.path: message``; empty when it is valid."""
    import fastjsonschema

    try:
        fast_validator(component)(instance)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return []
    return [
        f"{_json_path(error.absolute_path)}: {error.message}"
        for error in sorted(
            validator(component).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))
        )
    ]


# --- Strict keys ----------------------------------------------------------------------------


# The walkers below see the same few hundred schema nodes for every bericht; they remember what
# they worked out per node, by identity. Each entry keeps its node alive, so that an id is never
# reused for another node while it is remembered.
_PROPERTIES: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
_FLAT: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    defs = json_schema()["$defs"]
    while "$ref" in schema and len(schema) == 1:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    """Every property a schema defines, through ``$ref`` and ``allOf``."""
    key = id(schema)
    if key not in _PROPERTIES:
        _PROPERTIES[key] = (schema, _properties_of(schema))
    return _PROPERTIES[key][1]


def _properties_of(schema: dict[str, Any]) -> dict[str, Any]:
    schema = _resolve(schema)
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        for key, sub in _properties(part).items():
            # A property defined twice (once as a bare $ref/allOf wrapper) keeps both constraints.
            found[key] = {"allOf": [found[key], sub]} if key in found else sub
    if "$ref" in schema:
        found.update(_properties(json_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]]))
    for key, sub in schema.get("properties", {}).items():
        found[key] = {"allOf": [found[key], sub]} if key in found else sub
    return found


def _flatten(schema: dict[str, Any]) -> dict[str, Any]:
    """``{"allOf": [{"$ref": X}]}`` (how VERA types a property) → X, for the key walker."""
    key = id(schema)
    if key not in _FLAT:
        _FLAT[key] = (schema, _flatten_of(schema))
    return _FLAT[key][1]


def _flatten_of(schema: dict[str, Any]) -> dict[str, Any]:
    schema = _resolve(schema)
    if set(schema) <= {"allOf", "description"} and len(schema.get("allOf", [])) == 1:
        return _flatten(schema["allOf"][0])
    return schema


def unknown_keys(instance: Any, component: str) -> list[str]:
    """JSON paths (``$.adres.straatnam``) of every key in ``instance`` that the component's schema
    does not define, at any depth. VERA schemas allow additional properties, so this is what
    makes a typo in our mapping fail."""
    return _walk(instance, json_schema()["$defs"][component], "$")


def _walk(instance: Any, schema: dict[str, Any], path: str) -> list[str]:
    schema = _flatten(schema)
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        best: list[str] | None = None
        for alternative in alternatives:
            found = _walk(instance, alternative, path)
            if not found:
                return []
            if best is None or len(found) < len(best):
                best = found
        return best or []
    if isinstance(instance, list):
        items = schema.get("items")
        if isinstance(items, dict):
            return [key for i, item in enumerate(instance) for key in _walk(item, items, f"{path}[{i}]")]
        return []
    if not isinstance(instance, dict):
        return []
    properties = _properties(schema)
    found = []
    for key, value in instance.items():
        if key not in properties:
            found.append(f"{path}.{key}")
        else:
            found.extend(_walk(value, properties[key], f"{path}.{key}"))
    return found


def _json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def check(instance: Any, component: str) -> list[str]:
    """Every problem with one document: schema errors (with their JSON path) and keys the schema
    does not define. Empty when the document is valid."""
    problems = schema_errors(instance, component)
    problems += [
        _("%(path)s: this field is not defined in the VERA schema %(component)s")
        % {"path": path, "component": component}
        for path in unknown_keys(instance, component)
    ]
    return problems


# --- Reference data -------------------------------------------------------------------------


@functools.cache
def _referentiedata() -> dict[tuple[str, str], tuple[str, bool]]:
    """(soort, code) → (name, retired). A code that VERA gave a new meaning has two rows, the
    retired one with an end date (AANVULLENDEDOELGROEP VER was "Verstandelijk beperkten" for
    two weeks in 2023 and is "(ex)-verslaafden"): the current row wins."""
    with REFERENTIEDATA_PATH.open(encoding="utf-8-sig", newline="") as fh:
        found: dict[tuple[str, str], tuple[str, bool]] = {}
        for row in csv.DictReader(fh, delimiter=";"):
            key, retired = (row["Soort"], row["Code"]), bool((row["Einddatum"] or "").strip())
            if key not in found or (found[key][1] and not retired):
                found[key] = (row["Naam"], retired)
        return found


def ref(soort: str, code: str) -> dict[str, str]:
    """A VERA ``Referentiedata`` object ``{code, naam}`` with the Dutch name from the code list.
    Raises KeyError for a code that the list does not know."""
    return {"code": code, "naam": _referentiedata()[(soort, code)][0]}


def known(soort: str, code: str) -> bool:
    return (soort, code) in _referentiedata()


def retired(soort: str, code: str) -> bool:
    """Whether VERA retired the code (every row of it has an end date)."""
    return _referentiedata()[(soort, code)][1]
