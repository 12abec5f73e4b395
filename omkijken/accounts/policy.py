"""Who may do what: the one table of role capabilities.

Selectors enforce *which records* an actor sees (their organisation, complexes, clients or
household); this table says *which kinds of page or data* a role may use at all. Templates never
decide access.
"""

from __future__ import annotations

from omkijken.accounts.models import AccessEvent, Organisation, Role

CAPABILITIES: dict[str, frozenset[str]] = {
    # Pages
    "view_complexes": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.ADMIN}
    ),
    "view_projects": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.CARE_COORDINATOR, Role.ADMIN}
    ),
    "view_households": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.ADMIN}
    ),
    "view_clients": frozenset({Role.CARE_COORDINATOR}),
    # One household's page: staff, a care partner for its clients, a resident for their own
    # (which household: residents.selectors.household_detail).
    "view_household_detail": frozenset(
        {
            Role.PROJECT_LEADER,
            Role.LETTING_OFFICER,
            Role.BUILDING_MANAGER,
            Role.ADMIN,
            Role.CARE_COORDINATOR,
            Role.RESIDENT,
        }
    ),
    "view_municipal_report": frozenset({Role.MUNICIPAL_OFFICER, Role.PROJECT_LEADER, Role.ADMIN}),
    # The taakstelling: the municipality sets it, the corporation sees and acknowledges it.
    "view_quotas": frozenset({Role.MUNICIPAL_OFFICER, Role.LETTING_OFFICER, Role.PROJECT_LEADER, Role.ADMIN}),
    "edit_quotas": frozenset({Role.MUNICIPAL_OFFICER}),
    "acknowledge_quotas": frozenset({Role.LETTING_OFFICER, Role.PROJECT_LEADER, Role.ADMIN}),
    # Monitoring (omkijken.monitoring): indicators, liveability, Nieuwe Buren. Which complexes:
    # monitoring.selectors.scope_for; the municipality sees aggregates with small counts hidden.
    "view_monitoring": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.ADMIN, Role.MUNICIPAL_OFFICER}
    ),
    "manage_surveys": frozenset({Role.PROJECT_LEADER, Role.BUILDING_MANAGER, Role.ADMIN}),
    "import_leefbaarometer": frozenset({Role.PROJECT_LEADER, Role.ADMIN}),
    "answer_surveys": frozenset({Role.RESIDENT}),
    "audit_access": frozenset({Role.ADMIN, Role.PRIVACY_OFFICER}),
    # The rights of the people in it (omkijken.privacy): requests, exports, erasure, legal holds,
    # the retention policy and its receipts. The privacy officer, or the corporation's admin.
    "handle_privacy": frozenset({Role.PRIVACY_OFFICER, Role.ADMIN}),
    # A resident or home seeker asks for their own data, a correction or erasure.
    "request_own_privacy": frozenset({Role.RESIDENT, Role.APPLICANT}),
    # Special-category data (target group, care partner, care lease types), person level.
    # The building manager only learns whom to call at the partner, never the target group.
    "read_target_group": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.CARE_COORDINATOR, Role.ADMIN}
    ),
    "record_target_group": frozenset({Role.LETTING_OFFICER, Role.CARE_COORDINATOR}),
    # Project work (issue 12): tasks, decisions and documents of the projects one sees; the
    # portfolio across projects; the partner pipeline (talks about organisations, not clients).
    "view_project_work": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.CARE_COORDINATOR, Role.ADMIN}
    ),
    "view_portfolio": frozenset({Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN}),
    "view_partner_talks": frozenset({Role.PROJECT_LEADER, Role.ADMIN}),
    # Writes
    "change_project": frozenset({Role.PROJECT_LEADER, Role.ADMIN}),
    # Neighbour network (omkijken.community). Which complexes and records: community selectors.
    "use_neighbour_network": frozenset({Role.RESIDENT}),
    "coordinate_buddies": frozenset({Role.BUILDING_MANAGER, Role.CARE_COORDINATOR}),
    "propose_buddies": frozenset({Role.CARE_COORDINATOR}),
    # The network's staff pages: whoever coordinates buddies, manages the network or reads the fund.
    "coordinate_network": frozenset(
        {Role.BUILDING_MANAGER, Role.CARE_COORDINATOR, Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN}
    ),
    "manage_community": frozenset({Role.BUILDING_MANAGER, Role.PROJECT_LEADER, Role.ADMIN}),
    "decide_fund": frozenset({Role.BUILDING_MANAGER, Role.PROJECT_LEADER, Role.ADMIN}),
    "view_fund_report": frozenset(
        {Role.BUILDING_MANAGER, Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN}
    ),
    # Letting (omkijken.letting). Which records: letting selectors.
    "view_letting": frozenset({Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN}),
    "manage_adverts": frozenset({Role.LETTING_OFFICER}),
    "run_rounds": frozenset({Role.LETTING_OFFICER}),
    "manage_offers": frozenset({Role.LETTING_OFFICER}),
    "assess_motivation": frozenset({Role.LETTING_OFFICER, Role.PROJECT_LEADER, Role.BUILDING_MANAGER}),
    "decide_motivation": frozenset({Role.LETTING_OFFICER}),
    "manage_questionnaires": frozenset({Role.LETTING_OFFICER, Role.PROJECT_LEADER}),
    "nominate": frozenset({Role.CARE_COORDINATOR}),
    "view_nominations": frozenset({Role.LETTING_OFFICER, Role.PROJECT_LEADER, Role.CARE_COORDINATOR}),
    "import_export": frozenset({Role.LETTING_OFFICER, Role.ADMIN}),
    "send_letters": frozenset({Role.LETTING_OFFICER}),
    "handle_objections": frozenset({Role.LETTING_OFFICER}),
    "apply_for_homes": frozenset({Role.APPLICANT, Role.RESIDENT}),
    "view_key_handovers": frozenset({Role.LETTING_OFFICER, Role.BUILDING_MANAGER}),
    # Location plans with network partners (omkijken.projects.locationplan). Which plans: the
    # corporation's own, or for a partner's staff the plans their organisation belongs to.
    "view_location_plans": frozenset(
        {Role.PROJECT_LEADER, Role.BUILDING_MANAGER, Role.ADMIN, Role.CARE_COORDINATOR, Role.NETWORK_PARTNER}
    ),
    "manage_location_plans": frozenset({Role.PROJECT_LEADER, Role.BUILDING_MANAGER, Role.ADMIN}),
    # Status and progress notes of an action: the corporation on any, a partner on its own actions.
    "update_plan_actions": frozenset(
        {Role.PROJECT_LEADER, Role.BUILDING_MANAGER, Role.ADMIN, Role.CARE_COORDINATOR, Role.NETWORK_PARTNER}
    ),
    # Evaluations and lessons learned (omkijken.projects.lessons): the corporation's project staff.
    "view_lessons": frozenset({Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.ADMIN}),
    "record_lessons": frozenset({Role.PROJECT_LEADER, Role.ADMIN}),
    # Announcements to a complex's residents (the communication working group, omkijken.projects.announcements).
    "send_announcements": frozenset({Role.PROJECT_LEADER, Role.ADMIN}),
    "read_announcements": frozenset({Role.RESIDENT}),
    # A project's calendar feed address (milestones and key handovers).
    "view_project_calendar": frozenset(
        {Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.BUILDING_MANAGER, Role.ADMIN}
    ),
    # Signals (omkijken.signals). Which records: signals selectors. The team lead a signal past
    # its response time escalates to is the corporation's project leader.
    "report_signals": frozenset({Role.BUILDING_MANAGER, Role.RESIDENT, Role.CARE_COORDINATOR}),
    "handle_signals": frozenset({Role.BUILDING_MANAGER, Role.PROJECT_LEADER, Role.ADMIN}),
    "view_routed_signals": frozenset({Role.CARE_COORDINATOR}),
    "set_signal_response_times": frozenset({Role.PROJECT_LEADER, Role.ADMIN}),
    "view_signal_counts": frozenset({Role.MUNICIPAL_OFFICER, Role.PROJECT_LEADER, Role.ADMIN}),
    "my_signals": frozenset({Role.RESIDENT}),
    "import_arrears": frozenset({Role.LETTING_OFFICER, Role.ADMIN}),
    # The building manager's day (omkijken.beheer). Which complexes: the ones he manages.
    "view_day": frozenset({Role.BUILDING_MANAGER}),
    "view_resident_overview": frozenset({Role.BUILDING_MANAGER}),
    "record_contact_moments": frozenset({Role.BUILDING_MANAGER}),
    "complete_key_handovers": frozenset({Role.BUILDING_MANAGER}),
    # A resident's care-partner contact, only with the resident's consent (residents.selectors).
    "read_care_partner_contact": frozenset({Role.BUILDING_MANAGER}),
    # A resident names a contact at their care partner and decides whether the building manager sees it.
    "manage_own_care_contact": frozenset({Role.RESIDENT}),
    # Panels of the home page (each role's home shows only its own).
    "home_managed_complexes": frozenset({Role.BUILDING_MANAGER}),
    "home_household_count": frozenset({Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN}),
    "home_municipal_report": frozenset({Role.MUNICIPAL_OFFICER}),
    "home_own_household": frozenset({Role.RESIDENT}),
    "home_location_plans": frozenset({Role.NETWORK_PARTNER}),
}

# Pages that serve several capabilities: one name each, so a view and the link to it ask the same
# question (a link a role may not follow is not shown).
CAPABILITIES["view_fund"] = (
    CAPABILITIES["use_neighbour_network"] | CAPABILITIES["view_fund_report"] | CAPABILITIES["decide_fund"]
)
CAPABILITIES["view_intake"] = (
    CAPABILITIES["assess_motivation"]
    | CAPABILITIES["decide_motivation"]
    | CAPABILITIES["manage_questionnaires"]
)
CAPABILITIES["view_questionnaires"] = (
    CAPABILITIES["manage_questionnaires"] | CAPABILITIES["assess_motivation"]
)
CAPABILITIES["view_signals"] = CAPABILITIES["handle_signals"] | CAPABILITIES["view_routed_signals"]
CAPABILITIES["view_adverts"] = CAPABILITIES["view_letting"] | CAPABILITIES["manage_adverts"]

# Why a role reads special-category data, as written to the access log.
READ_PURPOSES: dict[str, str] = {
    Role.LETTING_OFFICER: AccessEvent.Purpose.LETTING,
    Role.CARE_COORDINATOR: AccessEvent.Purpose.CARE_COORDINATION,
    Role.PROJECT_LEADER: AccessEvent.Purpose.PROJECT_MIX,
    Role.ADMIN: AccessEvent.Purpose.AUDIT,
    Role.PRIVACY_OFFICER: AccessEvent.Purpose.AUDIT,
}


def can(user: object, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    role = getattr(user, "role", None)
    return role is not None and role in CAPABILITIES[capability]


def may_manage_accounts(user: object) -> bool:
    """Whether ``user`` manages their own organisation's accounts (invite, roles, deactivate).

    In a corporation: its administrators (role admin). In a care partner, municipality or network
    partner (which have no admin role): the coordinator whose membership has ``manages_accounts``.
    Always only the user's own organisation (``omkijken.accounts.selectors.manageable_users``).
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    membership = getattr(user, "membership", None)
    if membership is None:
        return False
    if membership.organisation.kind == Organisation.Kind.CORPORATION:
        return bool(membership.role == Role.ADMIN)
    return bool(membership.manages_accounts)


def read_purpose(user: object) -> str:
    """The purpose logged when ``user`` reads a household's special-category data."""
    role = getattr(user, "role", None) or ""
    return READ_PURPOSES.get(role, AccessEvent.Purpose.TENANCY_MANAGEMENT)


def require(user: object, capability: str) -> None:
    """Raise PermissionDenied unless ``user``'s role has ``capability`` (for services)."""
    from django.core.exceptions import PermissionDenied

    if not can(user, capability):
        raise PermissionDenied
