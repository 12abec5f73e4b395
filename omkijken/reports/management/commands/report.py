"""``omkijken report municipal --year Y [--quarter Q] --format pdf|csv|xlsx -o FILE``.

The report is the one a municipal officer downloads (counts under 5 hidden, the rest rounded to
5). Whose: ``--user`` (a login that may read municipal reports; a corporation's project leader
gets its exact figures), else the first municipal officer of ``--municipality`` (a CBS code), else
the first municipal officer there is."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from omkijken.accounts.models import Membership, Role, User
from omkijken.reports import renderers, selectors


class Command(BaseCommand):
    help = "Write a municipal report (PDF, CSV or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        municipal = kinds.add_parser("municipal", help="the municipal report on mixed living and the quota")
        municipal.add_argument("--year", type=int, required=True)
        municipal.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        municipal.add_argument("--format", choices=sorted(renderers.FORMATS), required=True)
        municipal.add_argument("-o", "--output", required=True, help="the file to write ('-' for stdout)")
        municipal.add_argument("--user", help="the login whose view the report is")
        municipal.add_argument("--municipality", help="CBS municipality code (4 digits)")
        municipal.add_argument("--language", default="nl", choices=["nl", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        if not 2000 <= options["year"] <= 2100:
            raise CommandError("--year must be from 2000 to 2100")
        actor = self.reader(options.get("user"), options.get("municipality"))
        with translation.override(options["language"]):
            report = selectors.municipal_report(actor, year=options["year"], quarter=options.get("quarter"))
            if report is None:
                raise CommandError(f"{actor.username} may not read municipal reports")
            body = renderers.render(report, options["format"])
        if options["output"] == "-":
            sys.stdout.buffer.write(body)
        else:
            Path(options["output"]).write_bytes(body)
            self.stderr.write(
                f"{options['output']}: {len(body)} bytes, {len(report.sections)} sections, as seen by {actor.username}"
            )

    def reader(self, username: str | None, municipality: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"no active login {username!r}")
            return user
        officers = Membership.objects.filter(role=Role.MUNICIPAL_OFFICER, user__is_active=True)
        if municipality:
            officers = officers.filter(organisation__municipality_code=municipality)
        found = officers.select_related("user").order_by("pk").first()
        if found is None:
            raise CommandError("no municipal officer found: pass --user or --municipality")
        return found.user
