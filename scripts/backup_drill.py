#!/usr/bin/env python3
"""Backup and restore drill: pg_dump the database, restore the dump into a new database, and
compare the two: the row count of every table, and a checksum of the key tables' rows.

    python scripts/backup_drill.py [DATABASE_URL]     (default: $DATABASE_URL)

Prints one line per table and exits 1 when anything differs. The restored copy is dropped
afterwards (``--keep`` keeps it). Needs pg_dump, pg_restore, createdb and dropdb (PostgreSQL's
client tools) and psycopg.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

# The records a corporation cannot lose: their checksum covers every column of every row.
KEY_TABLES = [
    "accounts_organisation",
    "accounts_user",
    "portfolio_unit",
    "residents_household",
    "residents_person",
    "residents_lease",
    "letting_advert",
    "letting_round",
    "letting_allocation",
    "letting_offer",
    "letting_letter",
    "letting_importbatch",
    "jobs_job",
]


def tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise SystemExit(f"{name} not found: install PostgreSQL's client tools")
    return found


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def libpq_args(url: str) -> list[str]:
    parts = urlsplit(url)
    args = [
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
    ]
    return args


def census(url: str) -> dict[str, tuple[int, str]]:
    """Table → (row count, checksum or "")."""
    out: dict[str, tuple[int, str]] = {}
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        for table in tables:
            ident = sql.Identifier(table)
            count = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(ident)).fetchone()[0]  # type: ignore[index]
            checksum = ""
            if table in KEY_TABLES:
                checksum = conn.execute(
                    sql.SQL(
                        "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
                    ).format(ident)
                ).fetchone()[0]  # type: ignore[index]
            out[table] = (int(count), str(checksum))
    return out


def drill(url: str, *, keep: bool = False) -> int:
    source = urlsplit(url).path.lstrip("/")
    copy = f"{source}_restore_{int(time.time())}_{os.getpid()}"
    env = {**os.environ}
    if urlsplit(url).password:
        env["PGPASSWORD"] = urlsplit(url).password or ""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="omk-backup-") as folder:
        dump = Path(folder) / f"{source}.dump"
        subprocess.run(
            [tool("pg_dump"), *libpq_args(url), "-Fc", "--no-owner", "-f", str(dump), source],
            check=True,
            env=env,
        )
        dumped = time.perf_counter()
        subprocess.run([tool("createdb"), *libpq_args(url), copy], check=True, env=env)
        try:
            subprocess.run(
                [
                    tool("pg_restore"),
                    *libpq_args(url),
                    "--no-owner",
                    "--exit-on-error",
                    "-d",
                    copy,
                    str(dump),
                ],
                check=True,
                env=env,
            )
            restored = time.perf_counter()
            before, after = census(url), census(with_database(url, copy))
        finally:
            if not keep:
                subprocess.run([tool("dropdb"), *libpq_args(url), "--if-exists", copy], check=False, env=env)
        size = dump.stat().st_size
    problems = 0
    for table in sorted(set(before) | set(after)):
        a, b = before.get(table), after.get(table)
        same = a == b
        problems += 0 if same else 1
        mark = "ok  " if same else "DIFF"
        print(
            f"{mark} {table:40} {a[0] if a else '-':>8} {b[0] if b else '-':>8} {'checksum' if a and a[1] else ''}"
        )
    print(
        f"dump {size / 1e6:.1f} MB in {dumped - started:.1f} s, restore in {restored - dumped:.1f} s; "
        f"{len(before)} tables, {sum(1 for t in before if before[t][1])} checksummed; "
        + ("all equal" if not problems else f"{problems} table(s) differ")
    )
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("database_url", nargs="?", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--keep", action="store_true", help="keep the restored copy")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("give a PostgreSQL DATABASE_URL")
    return drill(args.database_url, keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())
