"""Everything stored about one household or person (AVG art. 15), found by introspection.

Every model with a relation to ``Household`` or ``Person`` is walked through Django's model
registry, so a model added later is in the export without anyone remembering it
(``tests/privacy/test_export.py`` fails if one is not). So are the rows that hang under those
(an application's scores, an offer's events), and the household's own logins.

Nothing about anyone else: a relation to another household, person or user is left out (a staff
member shows only as their role), and rows are chosen by the subject's own keys only.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass
from typing import Any

from django.db import models

from omkijken.accounts.models import Membership, Organisation, User
from omkijken.residents.models import Household, Person

SUBJECT_MODELS: tuple[type[models.Model], ...] = (Household, Person)
# Models whose string is not about a person, shown by name (a home's address, a complex, a round).
NAMED_APPS = {"portfolio", "projects"}
NAMED_MODELS = {"accounts.Organisation", "letting.Advert", "letting.Round", "letting.Questionnaire"}
USER_FIELDS = ("username", "first_name", "last_name", "email", "preferred_language", "is_active")
USER_DATES = ("date_joined", "last_login")


@dataclass(frozen=True)
class Relation:
    """Rows of ``model`` whose ``field`` points at a subject row (``parent``: a subject model, or
    a model one step under it)."""

    model: type[models.Model]
    field: str
    parent: type[models.Model]


def _reverse_relations(target: type[models.Model]) -> list[Relation]:
    found = []
    for rel in target._meta.get_fields(include_hidden=True):
        if not rel.is_relation or not rel.auto_created or rel.concrete:
            continue
        model = rel.related_model
        if not isinstance(model, type) or model._meta.auto_created:
            continue
        found.append(Relation(model=model, field=rel.field.name, parent=target))  # type: ignore[union-attr]
    return found


def subject_relations() -> list[Relation]:
    """Every relation into Household or Person (direct)."""
    return [
        r for target in SUBJECT_MODELS for r in _reverse_relations(target) if r.model not in SUBJECT_MODELS
    ]


def child_relations() -> list[Relation]:
    """Rows one step under the direct ones, of models that do not point at a subject themselves."""
    direct = {r.model for r in subject_relations()} | set(SUBJECT_MODELS)
    children = []
    for parent in sorted(direct - set(SUBJECT_MODELS), key=lambda m: m._meta.label):
        for rel in _reverse_relations(parent):
            if rel.model not in direct:
                children.append(rel)
    return children


def covered_models() -> set[str]:
    return {m._meta.label for m in SUBJECT_MODELS} | {
        r.model._meta.label for r in [*subject_relations(), *child_relations()]
    }


class _Scope:
    def __init__(self, household: Household, person: Person | None):
        self.household = household
        self.person = person
        members = list(household.members.all())
        self.persons = [person] if person is not None else members
        self.person_ids = {p.pk for p in self.persons}
        self.user_ids = {p.user_id for p in self.persons if p.user_id}
        self._user_roles: dict[int, str] = {}

    def user_label(self, user_id: int) -> str | None:
        if user_id in self.user_ids:
            return User.objects.filter(pk=user_id).values_list("username", flat=True).first()
        if user_id not in self._user_roles:
            membership = Membership.objects.filter(user_id=user_id).first()
            self._user_roles[user_id] = str(membership.get_role_display()) if membership else ""
        return self._user_roles[user_id] or None


def _value(scope: _Scope, row: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.is_relation:
        pk = getattr(row, field.attname)
        if pk is None:
            return None
        remote = field.related_model
        if remote is Household:
            return scope.household.reference if pk == scope.household.pk else None
        if remote is Person:
            return next((p.full_name for p in scope.persons if p.pk == pk), None)
        if remote is User:
            return scope.user_label(pk)
        assert isinstance(remote, type)
        label = remote._meta.label
        if remote._meta.app_label in NAMED_APPS or label in NAMED_MODELS or remote is Organisation:
            return str(getattr(row, field.name))
        return f"{remote._meta.verbose_name} #{pk}"
    value = field.value_from_object(row)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"({len(value)} bytes)"
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _section(scope: _Scope, model: type[models.Model], rows: list[models.Model]) -> dict[str, Any]:
    fields = [f for f in model._meta.concrete_fields if not (model is User and f.name == "password")]
    if model is User:
        fields = [f for f in fields if f.name in USER_FIELDS + USER_DATES or f.primary_key]
    return {
        "model": model._meta.label,
        "title": str(model._meta.verbose_name_plural),
        "fields": [{"name": f.name, "label": str(f.verbose_name)} for f in fields],
        "choices": {
            f.name: {str(k): str(v) for k, v in f.flatchoices}
            for f in fields
            if getattr(f, "flatchoices", None)
        },
        "rows": [{f.name: _value(scope, row, f) for f in fields} for row in rows],
    }


def _rows(relation: Relation, scope: _Scope, parent_ids: dict[str, set[int]]) -> list[models.Model]:
    model, field = relation.model, relation.field
    if relation.parent is Household:
        ids = {scope.household.pk}
    elif relation.parent is Person:
        ids = scope.person_ids
    else:
        ids = parent_ids.get(relation.parent._meta.label, set())
    if not ids:
        return []
    rows = model._default_manager.filter(**{f"{field}__in": ids}).order_by("pk").distinct()
    if relation.parent is Household and scope.person is not None:
        # A person's own export: household rows, but not the other members' person-level rows.
        others = [p.pk for p in scope.household.members.all() if p.pk not in scope.person_ids]
        for other in model._meta.concrete_fields:
            if other.is_relation and other.related_model is Person:
                rows = rows.exclude(**{f"{other.attname}__in": others})
    return list(rows)


def subject_export(household: Household, person: Person | None = None) -> dict[str, Any]:
    """The export as a JSON-ready dict: one section per model, each row field by field."""
    scope = _Scope(household, person)
    sections: dict[str, dict[str, Any]] = {}
    parent_ids: dict[str, set[int]] = {}

    def add(model: type[models.Model], rows: list[models.Model]) -> None:
        label = model._meta.label
        existing = sections.get(label)
        if existing is None:
            sections[label] = _section(scope, model, rows)
        else:
            key = model._meta.pk.name
            known = {r[key] for r in existing["rows"]}
            existing["rows"] += [r for r in _section(scope, model, rows)["rows"] if r[key] not in known]
        parent_ids.setdefault(label, set()).update(r.pk for r in rows)

    add(Household, [household])
    add(Person, list(scope.persons))
    add(User, list(User.objects.filter(pk__in=scope.user_ids).order_by("pk")))
    add(Membership, list(Membership.objects.filter(user_id__in=scope.user_ids).order_by("pk")))
    for relation in subject_relations():
        add(relation.model, _rows(relation, scope, parent_ids))
    for relation in child_relations():
        add(relation.model, _rows(relation, scope, parent_ids))
    return {
        "household": household.reference,
        "person": person.full_name if person is not None else None,
        "sections": sorted(sections.values(), key=lambda s: s["model"]),
    }
