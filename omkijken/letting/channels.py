"""The letting channels a home can be let through: shared by adverts, rounds, letters and
exchange (VERA), so it lives at the top of letting rather than in one sub-context."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Letting channels of the allocation round format (see ../shared/engine/ALLOCATION-ROUND.md)."""

    REGULAR = "REGULAR", _("Regular (waiting time)")
    GOOD_NEIGHBOUR = "GOOD_NEIGHBOUR", _("Good neighbour (motivation)")
    DIRECT = "DIRECT", _("Direct mediation (nomination)")


CHANNEL_VALUES = [c.value for c in Channel]
