"""``manage.py demo``: build the deterministic demo world, step by step (see ``omkijken.demo.world``)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import mail
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import ProtectedError, RestrictedError
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omkijken.accounts.models import Role
from omkijken.demo.personas import CORPORATION, DEMO_PASSWORD, PERSONAS
from omkijken.demo.plan import DEFAULT_SEED, SIZES
from omkijken.demo.world import DemoSummary, build_everything, delete_demo, demo_exists

RUNSERVER_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Build the demo data: Woonhaven in the fictional district Overvliet, with the persona users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", choices=SIZES, default="full", help="full (about 5,500 homes) or small (about 400)"
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="random seed; the same seed gives the same data"
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete existing demo data first, then rebuild"
        )

    def handle(self, *args: Any, size: str, seed: int, reset: bool, **options: Any) -> None:
        if demo_exists():
            if not reset:
                self.stdout.write(
                    _(
                        "Demo data already exists (organisation %(name)s). Nothing changed; use --reset to rebuild it."
                    )
                    % {"name": CORPORATION}
                )
                return
            try:
                deleted = delete_demo()  # letting's rows first, inside the same transaction
            except (ProtectedError, RestrictedError) as error:
                raise CommandError(
                    _(
                        "Other data still refers to the demo data, so it cannot be deleted: %(error)s. Run 'manage.py flush' instead."
                    )
                    % {"error": error}
                ) from error
            self.stdout.write(
                _("Deleted the existing demo data (%(count)d rows).") % {"count": sum(deleted.values())}
            )
        # The world (accounts, portfolio, residents, projects, quotas), then the layers built on
        # it: the neighbour network, the intake side of letting, and letting.
        # The demo makes offers and sends round letters through the real services. Their e-mails
        # (about 140, with PDFs) are kept in memory rather than printed over the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            before = len(getattr(mail, "outbox", []))
            summary = build_everything(size=size, seed=seed)
            composed = len(getattr(mail, "outbox", [])) - before
        self.print_summary(summary, composed)

    def print_summary(self, summary: DemoSummary, composed: int = 0) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _("Built the %(size)s demo (seed %(seed)d, today %(today)s) in %(seconds).1f s.")
                % {
                    "size": summary.size,
                    "seed": summary.seed,
                    "today": summary.today.isoformat(),
                    "seconds": summary.elapsed,
                }
            )
        )
        through_names = {
            "portfolio.Complex_managers": _("complex managers"),
            "projects.Project_complexes": _("project complexes"),
        }
        for label, count in summary.counts.items():
            name = through_names.get(label) or apps.get_model(label)._meta.verbose_name_plural
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            _("Occupancy: %(percent).1f%% of homes let.") % {"percent": 100 * summary.occupancy}
        )
        self.stdout.write(
            ngettext(
                "%(count)d e-mail was composed by the demo and not sent.",
                "%(count)d e-mails were composed by the demo and not sent.",
                composed,
            )
            % {"count": composed}
        )
        self.stdout.write("")
        self.stdout.write(
            _("Log in as one of these personas; the password of each is: %(password)s")
            % {"password": DEMO_PASSWORD}
        )
        for persona in PERSONAS.values():
            self.stdout.write(
                f"  {persona.username:<14} {persona.first_name} {persona.last_name} – {Role(persona.role).label} ({persona.organisation})"
            )
        self.stdout.write(
            _(
                "Staff personas also enter a code: python manage.py demo_totp <username> prints the current one."
            )
        )
        self.stdout.write(_("Log in at %(url)s") % {"url": RUNSERVER_URL + reverse("login")})
