"""A fresh PostgreSQL schema per test or benchmark run, so runs never see each other's rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fresh_schema(server: str, prefix: str = "test") -> Iterator[str]:
    """A URL of ``server`` whose search path is a new, empty schema; dropped afterwards.

    PostGIS lives in ``public`` (an extension is installed once per database), so the
    new schema comes first on the path and ``public`` after it.
    """
    import psycopg

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options=-csearch_path%3D{schema},public"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
