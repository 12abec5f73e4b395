"""The navigation each role sees. Pages themselves enforce access in their selectors; this only
decides which links to show."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.policy import can


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    name: str


def navigation_for(user: object) -> list[NavItem]:
    items = [NavItem(_("Home"), reverse("home"), "home")]
    if can(user, "view_day"):
        items.append(NavItem(_("Today"), reverse("beheer_today"), "beheer_today"))
    if can(user, "view_complexes"):
        items.append(NavItem(_("Complexes"), reverse("complex_list"), "complexes"))
    if can(user, "view_projects"):
        items.append(NavItem(_("Projects"), reverse("project_list"), "projects"))
    if can(user, "view_location_plans"):
        items.append(NavItem(_("Location plans"), reverse("location_plan_list"), "location_plans"))
    if can(user, "view_households"):
        items.append(NavItem(_("Households"), reverse("household_list"), "households"))
    if can(user, "view_clients"):
        items.append(NavItem(_("My clients"), reverse("client_list"), "clients"))
    if can(user, "view_municipal_report"):
        items.append(NavItem(_("Report"), reverse("municipal_report"), "report"))
        items.append(NavItem(_("Report downloads"), reverse("reports"), "reports"))
    if can(user, "view_monitoring"):
        items.append(NavItem(_("Monitoring"), reverse("monitoring_indicators"), "monitoring"))
    if can(user, "answer_surveys"):
        items.append(NavItem(_("Survey"), reverse("monitoring_surveys"), "monitoring_surveys"))
    if can(user, "view_quotas"):
        items.append(NavItem(_("Quota (taakstelling)"), reverse("quota_overview"), "quotas"))
    if can(user, "use_neighbour_network"):
        items.append(NavItem(_("My neighbourhood"), reverse("community_home"), "community"))
    elif can(user, "coordinate_network"):
        items.append(NavItem(_("Neighbour network"), reverse("community_home"), "community"))
    if can(user, "view_signals"):
        items.append(NavItem(_("Signals"), reverse("signal_list"), "signals"))
    elif can(user, "report_signals"):
        items.append(NavItem(_("My signals"), reverse("signal_mine"), "signals"))
    if can(user, "view_signal_counts") and not can(user, "view_signals"):
        items.append(NavItem(_("Signals per neighbourhood"), reverse("signal_counts"), "signal_counts"))
    if can(user, "view_adverts"):
        items.append(NavItem(_("Letting"), reverse("letting_home"), "letting"))
    if can(user, "apply_for_homes"):
        items.append(NavItem(_("Homes to let"), reverse("letting_homes"), "letting_homes"))
        items.append(NavItem(_("My letters"), reverse("letting_my_letters"), "letting_my_letters"))
    if can(user, "nominate"):
        items.append(NavItem(_("Nominations"), reverse("letting_nomination_list"), "letting_nomination"))
    if can(user, "view_letting"):
        items.append(NavItem(_("Rounds and offers"), reverse("letting_round_list"), "letting_rounds"))
    elif can(user, "view_key_handovers"):
        items.append(NavItem(_("Key handovers"), reverse("letting_key_handovers"), "letting_key_handovers"))
    if can(user, "import_export"):
        items.append(NavItem(_("Import and export"), reverse("letting_exchange"), "letting_exchange"))
    if can(user, "import_arrears"):
        items.append(NavItem(_("Rent arrears"), reverse("signal_arrears_import"), "signal_arrears"))
    if can(user, "audit_access"):
        items.append(NavItem(_("Access log"), reverse("access_log"), "audit"))
    if can(user, "handle_privacy"):
        items.append(NavItem(_("Privacy"), reverse("privacy_requests"), "privacy"))
    elif can(user, "request_own_privacy"):
        items.append(NavItem(_("My data"), reverse("privacy_mine"), "privacy_mine"))
    return items
