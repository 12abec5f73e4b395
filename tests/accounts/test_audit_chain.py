"""The audit trail is tamper-evident: every access event is on a hash chain that
``omkijken audit verify`` recomputes, and on PostgreSQL nobody can update or delete an event."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.urls import reverse

from omkijken.accounts.audit import audit_purge, verify_chain
from omkijken.accounts.models import AccessEvent, User
from omkijken.residents.models import Person
from tests.factories import persona_user

pytestmark = [pytest.mark.django_db]


def read_events(login, count: int = 3) -> list[AccessEvent]:  # type: ignore[no-untyped-def]
    """Real reads of a vulnerable household by the letting officer: ``count`` new access events."""
    household = Person.objects.get(user__username="bewoner").household
    client = login("verhuur")
    for _ in range(count):
        client.get(reverse("household_detail", args=[household.pk]))
    return list(AccessEvent.objects.order_by("-seq")[:count])[::-1]


def tamper(sql: str, params: list[object]) -> None:
    """What someone with raw database access does. On PostgreSQL they first have to switch off the
    append-only trigger, which takes a superuser or the table's owner (rolled back with the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def verify_output() -> tuple[bool, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError:
        return False, out.getvalue()
    return True, out.getvalue()


def test_an_untouched_audit_trail_verifies(login) -> None:  # type: ignore[no-untyped-def]
    # given reads that were logged
    events = read_events(login)
    # when the audit trail is verified
    ok, output = verify_output()
    # then it passes and names the head of the chain
    assert ok, output
    assert f"head #{events[-1].seq} {events[-1].digest}" in output


def test_verify_finds_an_access_event_whose_content_was_changed(login) -> None:  # type: ignore[no-untyped-def]
    # given three logged reads, the middle one later rewritten to blame someone else
    events = read_events(login)
    other = persona_user("zorgpartner")
    tamper("UPDATE accounts_accessevent SET actor_id = %s WHERE id = %s", [other.pk, events[1].pk])
    # when verified
    ok, output = verify_output()
    # then the changed event is named
    assert not ok
    assert f"#{events[1].seq}:" in output


def test_verify_finds_a_removed_access_event(login) -> None:  # type: ignore[no-untyped-def]
    # given three logged reads, the middle one deleted
    events = read_events(login)
    tamper("DELETE FROM accounts_accessevent WHERE id = %s", [events[1].pk])
    # when verified
    ok, output = verify_output()
    # then the gap is reported
    assert not ok
    assert f"#{events[1].seq} tot en met #{events[1].seq} ontbreken" in output


def test_verify_finds_two_access_events_that_were_swapped(login) -> None:  # type: ignore[no-untyped-def]
    # given three logged reads, the last two swapped in the chain's order
    events = read_events(login)
    first, second = events[1], events[2]
    tamper("UPDATE accounts_accessevent SET seq = 0 WHERE id = %s", [first.pk])
    tamper("UPDATE accounts_accessevent SET seq = %s WHERE id = %s", [first.seq, second.pk])
    tamper("UPDATE accounts_accessevent SET seq = %s WHERE id = %s", [second.seq, first.pk])
    # when verified
    ok, output = verify_output()
    # then the reordered events are named
    assert not ok
    assert f"#{first.seq}:" in output


def test_the_console_script_fails_on_a_broken_chain(login) -> None:  # type: ignore[no-untyped-def]
    # given a rewritten event
    events = read_events(login, 1)
    tamper("UPDATE accounts_accessevent SET view = %s WHERE id = %s", ["nothing_to_see", events[0].pk])
    # when `omkijken audit verify` runs (the console script entry point)
    from omkijken.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["audit", "verify"])
    # then it exits with an error status
    assert exit_.value.code == 1


def test_the_access_log_page_shows_whether_the_chain_is_intact(login) -> None:  # type: ignore[no-untyped-def]
    # given logged reads
    events = read_events(login, 1)
    admin = login("admin")
    # then the access log says the chain verifies
    assert "Keten intact" in admin.get(reverse("access_log")).content.decode()
    # and after someone rewrote an event it says so
    tamper("UPDATE accounts_accessevent SET view = %s WHERE id = %s", ["nothing_to_see", events[0].pk])
    assert "Keten verbroken" in admin.get(reverse("access_log")).content.decode()


# --- PostgreSQL: append-only for the application's role, and no fork under concurrency ----------


def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only: set DATABASE_URL to run it")


@pytest.mark.postgres
def test_the_applications_database_role_cannot_update_or_delete_an_access_event(login) -> None:  # type: ignore[no-untyped-def]
    postgres_only()
    event = read_events(login, 1)[0]
    # given the role the application runs as: ordinary table privileges, not the owner
    role = f"omk_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON accounts_accessevent TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        # when it updates or deletes an event, even asking for the owner's purge, it is refused
        for statement in (
            "UPDATE accounts_accessevent SET view = 'x' WHERE id = %s",
            "DELETE FROM accounts_accessevent WHERE id = %s",
            "SELECT set_config('omkijken.audit_purge', 'owner', true); DELETE FROM accounts_accessevent WHERE id = %s",
        ):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(statement, [event.pk])
        # and it cannot switch the trigger off
        with pytest.raises(DatabaseError, match="owner"), transaction.atomic():
            cursor.execute(
                "ALTER TABLE accounts_accessevent DISABLE TRIGGER accounts_accessevent_append_only"
            )
        cursor.execute("RESET ROLE")
    # then the event is unchanged and the chain verifies
    event.refresh_from_db()
    assert event.view == "household_detail"
    assert verify_chain(AccessEvent).ok


@pytest.mark.postgres
def test_even_the_table_owner_cannot_quietly_update_or_delete_an_event(login) -> None:  # type: ignore[no-untyped-def]
    postgres_only()
    event = read_events(login, 1)[0]
    with connection.cursor() as cursor:
        for statement in (
            "UPDATE accounts_accessevent SET view = 'x' WHERE id = %s",
            "DELETE FROM accounts_accessevent WHERE id = %s",
        ):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(statement, [event.pk])
    # nor through the retention purge: the event is younger than the 5-year floor
    with pytest.raises(DatabaseError, match="append-only"), audit_purge("retention"):
        AccessEvent.objects.filter(pk=event.pk).delete()
    assert AccessEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_writers_extend_one_chain_without_forking(demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    postgres_only()
    household = Person.objects.get(user__username="bewoner").household
    writers = [User.objects.get(username="verhuur"), User.objects.get(username="zorgpartner")]
    before = AccessEvent.objects.count()
    barrier = threading.Barrier(len(writers))
    errors: list[str] = []

    def write(user: User) -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(20):
                AccessEvent.objects.bulk_create(
                    [
                        AccessEvent(
                            actor=user,
                            actor_role=user.role,
                            household=household,
                            corporation_id=household.corporation_id,
                            record="targetgroup",
                            view="concurrency_test",
                            purpose=AccessEvent.Purpose.LETTING,
                        )
                        for _ in range(3)
                    ]
                )
        except Exception as exc:  # noqa: BLE001 - reported in the assertion below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(user,)) for user in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then both writers' 120 events are on one unbroken chain
    assert errors == []
    assert AccessEvent.objects.count() == before + 120
    report = verify_chain(AccessEvent)
    assert report.ok, report.problems
    assert report.head_seq == before + 120
