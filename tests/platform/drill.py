"""The application side of the fault drills, run in a subprocess against the throwaway server:
``python -m tests.platform.drill round|import|letters`` queues one job and prints its id."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from omkijken.accounts.models import User  # noqa: E402
from omkijken.demo.personas import CORPORATION  # noqa: E402
from omkijken.jobs.models import Delivery, Job  # noqa: E402
from omkijken.jobs.services import job_submit  # noqa: E402
from omkijken.letting.adverts.models import Advert  # noqa: E402
from omkijken.letting.letters.models import Letter  # noqa: E402
from omkijken.letting.rounds.models import Round  # noqa: E402
from omkijken.portfolio.models import Complex  # noqa: E402

HEADER = "complexcode;eenheidcode;straat;huisnummer;toevoeging;postcode;plaats;verdieping;kamers;kale_huur"
IMPORT_ROWS = 300


def officer() -> User:
    return User.objects.get(username="verhuur")


def submit_round() -> Job:
    adverts = sorted(
        Advert.objects.filter(corporation__name=CORPORATION, status__in=["published", "closed"]).values_list(
            "pk", flat=True
        )
    )
    return job_submit(
        actor=officer(),
        kind="letting.round_run",
        title="Drill round",
        params={
            "adverts": adverts,
            "name": "Drill round",
            "on": timezone.localdate().isoformat(),
            "method": "greedy",
        },
    )


def submit_import() -> Job:
    code = Complex.objects.filter(corporation__name=CORPORATION).order_by("code").first().code  # type: ignore[union-attr]
    rows = [
        f"{code};DRILL-{i};Drillstraat;{i};;3997AA;Vechtstad;1;2;612,40" for i in range(1, IMPORT_ROWS + 1)
    ]
    content = "\n".join([HEADER, *rows]).encode("cp1252")
    return job_submit(
        actor=officer(),
        kind="exchange.import",
        title="Drill import",
        params={"kind": "csv_units"},
        upload=content,
        upload_name="drill.csv",
    )


def submit_letters() -> Job:
    rnd = Round.objects.filter(
        corporation__name=CORPORATION, status=Round.Status.ACCEPTED, letters__isnull=False
    ).first()
    assert rnd is not None
    # the round's letters are composed and waiting to be sent
    Letter.objects.filter(round=rnd).update(sent_at=None, sent_to="")
    Delivery.objects.all().delete()
    return job_submit(
        actor=officer(), kind="letting.letters_send", title="Drill letters", params={"round": rnd.pk}
    )


if __name__ == "__main__":
    job = {"round": submit_round, "import": submit_import, "letters": submit_letters}[sys.argv[1]]()
    print(json.dumps({"job": job.pk}))
