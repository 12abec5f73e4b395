"""Audit events are append-only on PostgreSQL: a trigger refuses UPDATE and DELETE of access and
write events, for every role (table owner included), except two sanctioned deletes, both asked for
with a transaction-local setting (``SET LOCAL omkijken.audit_purge = ...``):

- ``retention``: rows older than the 5-year floor of the access log's retention, for any role;
- ``owner``: any row, but only for a member of the table's owning role (which could drop the trigger
  anyway); the demo reset uses it. The application's role in production is not the owner.

TRUNCATE is not covered (row triggers do not fire on it): the application's role must not hold the
TRUNCATE privilege (see docs/security.md). A no-op on SQLite.
"""

from django.db import migrations

TABLES = ("accounts_accessevent", "accounts_writeevent")

FUNCTION = """
CREATE OR REPLACE FUNCTION omkijken_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  purge text := coalesce(current_setting('omkijken.audit_purge', true), '');
  owner_role oid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF purge = 'retention' AND OLD.at < now() - interval '5 years' THEN
      RETURN OLD;
    END IF;
    IF purge = 'owner' THEN
      SELECT relowner INTO owner_role FROM pg_class WHERE oid = TG_RELID;
      IF pg_has_role(current_user, owner_role, 'MEMBER') THEN
        RETURN OLD;
      END IF;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit events are append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION omkijken_audit_append_only()"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS omkijken_audit_append_only()")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_chain_existing_access_events")]

    operations = [migrations.RunPython(forwards, backwards)]
