"""On PostgreSQL, forbid overlapping leases of one unit with an exclusion constraint.

SQLite (the embedded demo database) has no exclusion constraints; there the partial unique
constraint ``one_open_lease_per_unit`` is the guard. Reversible.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE residents_lease ADD CONSTRAINT lease_no_overlap_per_unit
    EXCLUDE USING gist (unit_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
"""
DROP = "ALTER TABLE residents_lease DROP CONSTRAINT IF EXISTS lease_no_overlap_per_unit;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
