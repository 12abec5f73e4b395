"""Writes of the partner pipeline. Reaching *overeenkomst* makes the care-partner agreement the
rest of the product uses (capacity, room, support period); *beëindigd* ends it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.portfolio.models import Complex
from omkijken.projects.models import Project
from omkijken.projects.partners.models import STAGE_ORDER, PartnerTalk, PartnerTalkNote, Stage
from omkijken.projects.setup.services import agreement_create, agreement_end, check_leader
from omkijken.residents.models import TargetGroup


@transaction.atomic
def talk_create(
    *,
    project: Project,
    care_partner: Organisation,
    complex: Complex,
    target_groups: list[str],
    clients_proposed: int,
    support_offered: str,
    room: str,
    contact_name: str,
    contact_phone: str,
    actor: User,
) -> PartnerTalk:
    check_leader(actor, project)
    errors: dict[str, str] = {}
    if care_partner.kind != Organisation.Kind.CARE_PARTNER:
        errors["care_partner"] = _("Pick a care partner.")
    if not project.complexes.filter(pk=complex.pk).exists():
        errors["complex"] = _("This complex is not part of the project.")
    if any(code not in TargetGroup.values for code in target_groups):
        errors["target_groups"] = _("Unknown target group.")
    if clients_proposed < 1:
        errors["clients_proposed"] = _("Propose at least one place.")
    if errors:
        raise ValidationError(errors)
    if PartnerTalk.objects.filter(project=project, care_partner=care_partner, complex=complex).exists():
        raise ValidationError(_("There are already talks with this care partner about this complex."))
    return PartnerTalk.objects.create(
        project=project,
        care_partner=care_partner,
        complex=complex,
        target_groups=sorted(set(target_groups)),
        clients_proposed=clients_proposed,
        support_offered=support_offered,
        room=room,
        contact_name=contact_name,
        contact_phone=contact_phone,
        created_by=actor,
    )


@transaction.atomic
def talk_add_note(*, talk: PartnerTalk, held_on: dt.date, text: str, actor: User) -> PartnerTalkNote:
    check_leader(actor, talk.project)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A talk that has not been held yet cannot have notes.")})
    if not text.strip():
        raise ValidationError({"text": _("Write what was discussed.")})
    return PartnerTalkNote.objects.create(
        talk=talk, held_on=held_on, text=text.strip(), stage=talk.stage, by=actor
    )


@transaction.atomic
def talk_move(
    *, talk: PartnerTalk, stage: str, actor: User, start_date: dt.date | None = None, support_months: int = 36
) -> PartnerTalk:
    """Move a talk one or more stages on (ending it is possible from every stage). Reaching
    *overeenkomst* creates the agreement from the talk's figures, starting ``start_date``."""
    check_leader(actor, talk.project)
    talk = (
        PartnerTalk.objects.select_for_update()
        .select_related("project", "care_partner", "complex")
        .get(pk=talk.pk)
    )
    if stage not in STAGE_ORDER:
        raise ValidationError({"stage": _("Unknown stage.")})
    if talk.stage == Stage.ENDED:
        raise ValidationError({"stage": _("These talks have ended.")})
    if stage != Stage.ENDED and STAGE_ORDER.index(stage) <= STAGE_ORDER.index(talk.stage):
        raise ValidationError({"stage": _("Talks only move forward; end them if they stop.")})
    passes_agreement = STAGE_ORDER.index(stage) >= STAGE_ORDER.index(Stage.AGREEMENT) and stage != Stage.ENDED
    if passes_agreement and talk.agreement_id is None:
        talk.agreement = agreement_create(
            project=talk.project,
            complex=talk.complex,
            care_partner=talk.care_partner,
            capacity=talk.clients_proposed,
            room=talk.room,
            contact_name=talk.contact_name,
            contact_phone=talk.contact_phone,
            start_date=start_date or timezone.localdate(),
            support_months=support_months,
            actor=actor,
        )
    if stage == Stage.ENDED and talk.agreement is not None and talk.agreement.end_date is None:
        agreement_end(agreement=talk.agreement, end_date=timezone.localdate(), actor=actor)
    talk.stage = stage
    talk.save(update_fields=["stage", "agreement"])
    return talk
