"""Writes to the roster: the import (an atomic upsert by NIP) and linking an ASN to an LMS username."""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from companion_service.core.tabular import ImportReport, read_table

from .importing import RosterReader, RosterRecord
from .models import Asn, Position
from .signals import roster_changed

UPDATABLE = (
    "name",
    "opd_id",
    "employment_type",
    "service_unit_id",
    "position_id",
    "rank",
    "email",
    "openedx_username",
)


def import_roster(source, *, filename: str = "", dry_run: bool = False) -> ImportReport:
    """Read a roster file and upsert every ASN by NIP, all rows or none.

    With ``dry_run`` (the preview) nothing is written. When any row is rejected nothing is written
    either, and the report lists each rejected row with its line number and the reason. Raises
    ``TableError`` when the file cannot be read as a roster at all.
    """
    table = read_table(source, filename=filename)
    report = ImportReport(dry_run=dry_run)
    records = RosterReader(table, report).records()
    if report.errors:
        return report
    with transaction.atomic():
        _apply(records, report)
        if dry_run:
            transaction.set_rollback(True)
        else:
            transaction.on_commit(lambda: roster_changed.send(sender=Asn))
    return report


def _positions(records: list[RosterRecord]) -> dict[tuple[str, str], int]:
    """Position ids by (lower-case name, kind), creating the positions the file introduces."""
    wanted = {(r.position[0], r.position[1]) for r in records if r.position}
    existing = {
        (lower, kind): pk
        for pk, lower, kind in Position.objects.annotate(lower=Lower("name")).values_list(
            "pk", "lower", "kind"
        )
    }
    new = {}
    for name, kind in sorted(wanted):
        key = (name.lower(), kind)
        if key not in existing and key not in new:
            new[key] = Position(name=name, kind=kind)
    if new:
        Position.objects.bulk_create(new.values())
        for key, position in new.items():
            existing[key] = position.pk
    return existing


def _apply(records: list[RosterRecord], report: ImportReport) -> None:
    positions = _positions(records)
    nips = [r.nip for r in records]
    existing = {}
    for start in range(0, len(nips), 1000):
        existing.update((asn.nip, asn) for asn in Asn.objects.filter(nip__in=nips[start : start + 1000]))
    now = timezone.now()
    to_create, to_update, changed_fields = [], [], set()
    for record in records:
        values = {
            "name": record.name,
            "opd_id": record.opd_id,
            "employment_type": record.employment_type,
        }
        if record.unit_id is not None:
            values["service_unit_id"] = record.unit_id
        if record.position is not None:
            values["position_id"] = positions[(record.position[0].lower(), record.position[1])]
        for field in ("rank", "email"):
            if getattr(record, field) is not None:
                values[field] = getattr(record, field)
        if record.username is not None:
            values["openedx_username"] = record.username
        asn = existing.get(record.nip)
        if asn is None:
            to_create.append(Asn(nip=record.nip, **values))
            continue
        changes = {name: value for name, value in values.items() if getattr(asn, name) != value}
        if not changes:
            report.unchanged += 1
            continue
        for name, value in changes.items():
            setattr(asn, name, value)
        asn.modified = now
        changed_fields.update(changes)
        to_update.append(asn)
    # Free usernames moved away from an ASN first, so the unique constraint holds mid-update.
    if to_update and "openedx_username" in changed_fields:
        Asn.objects.filter(pk__in=[a.pk for a in to_update]).exclude(openedx_username="").update(
            openedx_username=""
        )
        changed_fields.add("openedx_username")
    Asn.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Asn.objects.bulk_update(to_update, sorted(changed_fields | {"modified"}), batch_size=500)
    report.created += len(to_create)
    report.updated += len(to_update)


@transaction.atomic
def set_openedx_username(asn_id: int, username: str) -> None:
    """Record ``username`` as the LMS username of the ASN ``asn_id``.

    Called when the sync or an administrator links a learner. The username can belong to one ASN
    only, so another ASN holding it (a wrong roster entry) loses it.
    """
    now = timezone.now()
    Asn.objects.annotate(u=Lower("openedx_username")).filter(u=username.lower()).exclude(pk=asn_id).update(
        openedx_username="", modified=now
    )
    Asn.objects.filter(pk=asn_id).exclude(openedx_username=username).update(
        openedx_username=username, modified=now
    )


def record_username_if_missing(asn_id: int, username: str) -> bool:
    """Record ``username`` for an ASN that has none yet, unless another ASN already holds it."""
    if Asn.objects.annotate(u=Lower("openedx_username")).filter(u=username.lower()).exists():
        return False
    return bool(
        Asn.objects.filter(pk=asn_id, openedx_username="").update(
            openedx_username=username, modified=timezone.now()
        )
    )
