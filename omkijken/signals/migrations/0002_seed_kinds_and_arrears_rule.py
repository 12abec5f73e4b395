"""The kinds of signal with their response times, and the rule for signalling rent arrears
(Wet gemeentelijke schuldhulpverlening art. 4a, Besluit gemeentelijke schuldhulpverlening)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

# A copy of omkijken.signals.kinds.SEED as it was when this migration was written.
SEED = (
    ("not_seen", "", "", "support", 24, True),
    ("nuisance", "SIGNALERINGSOORT", "OVE", "nuisance", 72, True),
    ("aggression", "SIGNALERINGSOORT", "AGR", "nuisance", 24, True),
    ("damage", "", "", "damage", 120, True),
    ("support_need", "SIGNALERINGSOORT", "ONB", "support", 72, True),
    ("home_neglect", "SIGNALERINGDETAILSOORT", "VER", "support", 120, True),
    ("money_worries", "", "", "support", 72, True),
    ("loneliness", "", "", "support", 120, True),
    ("rent_arrears", "SIGNALERINGDETAILSOORT", "BET", "debt", 120, False),
    ("missed_check_in", "", "", "network", 24, False),
    ("not_reached", "", "", "network", 24, False),
    ("unclaimed_help", "", "", "network", 48, False),
)


def seed(apps, schema_editor):
    SignalKind = apps.get_model("signals", "SignalKind")
    ArrearsRule = apps.get_model("signals", "ArrearsRule")
    for order, (code, vera_list, vera_code, process, hours, reportable) in enumerate(SEED):
        SignalKind.objects.update_or_create(
            code=code,
            defaults={
                "vera_list": vera_list,
                "vera_code": vera_code,
                "process": process,
                "response_hours": hours,
                "reportable": reportable,
                "order": order,
            },
        )
    ArrearsRule.objects.get_or_create(
        valid_from=dt.date(2021, 1, 1),
        defaults={
            "min_months": Decimal("1.00"),
            "legal_reference": "Wet gemeentelijke schuldhulpverlening art. 4a; "
            "Besluit gemeentelijke schuldhulpverlening art. 2",
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("signals", "ArrearsRule").objects.all().delete()
    apps.get_model("signals", "SignalKind").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
