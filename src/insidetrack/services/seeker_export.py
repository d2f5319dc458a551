"""A job seeker of a career center takes their data home: the rows that are theirs, as a
single-user `export json` holds them, which `insidetrack import json` loads into a
laptop's database (storage/org_export.py says what is left out, and why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insidetrack.domain.errors import InputError
from insidetrack.services import center
from insidetrack.services.context import Env
from insidetrack.services.portability import document
from insidetrack.services.ports import OrgPerson


@dataclass(frozen=True)
class SeekerExport:
    """A seeker's export: whose, the file's bytes, and how many rows of each table."""

    seeker: OrgPerson
    data: bytes
    counts: dict[str, int]


def file_name(today: date) -> str:
    """Name the file a seeker downloads: insidetrack-export-2026-11-27.json."""
    return f"insidetrack-export-{today.isoformat()}.json"


def own_export(env: Env, seeker_id: int) -> bytes:
    """Return the signed-in job seeker's own rows as an export (their connection is bound
    to them; the rows are picked by their id as well)."""
    return _export(env, seeker_id)[0]


def export_seeker(env: Env, email: str) -> SeekerExport:
    """Return one job seeker's export, for the center's owner at the command line."""
    person = center.person_named(env, email)
    if person.role != "seeker":
        raise InputError("seeker", f"{person.email} is one of the center's staff, not a job "
                         "seeker: only a job seeker has data to export")
    env.store.center.bind(person.id)  # so row-level security holds for an owner too
    data, counts = _export(env, person.id)
    return SeekerExport(person, data, counts)


def _export(env: Env, seeker_id: int) -> tuple[bytes, dict[str, int]]:
    rows = env.store.seeker_rows
    with env.store.write():  # one snapshot: every reference points at a row in the file
        tables = {table: rows.rows_of(table, seeker_id) for table in rows.names()}
    return document(tables), {table: len(found) for table, found in tables.items()}
