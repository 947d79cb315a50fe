"""Whose figures a user may read: one ``Scope`` computed from their roles and access link.

- administrators and evaluators read every aggregate (``kind == "all"``);
- an OPD head reads only their OPD, its service units and the OPDs under it (a kecamatan's
  kelurahan): ``kind == "opd"`` with the OPD ids;
- a partner reads only the aggregates of their own workshops: ``kind == "partner"`` with the
  partner's name;
- anyone else reads nothing (``kind == "none"``).

Every selector, page, JSON route and export of the evaluation takes a ``Scope``; none of them looks
at roles itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion_service.core.roles import Role, roles_of
from companion_service.organization.models import Opd

ALL, OPD, PARTNER, NONE = "all", "opd", "partner", "none"


def normalise_partner(name: str) -> str:
    """A partner name as compared: spaces collapsed, capitals ignored."""
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class Scope:
    """What a reader may see. ``opd_ids``/``opd_codes`` for an OPD head; ``partner_names``
    (normalised) for a partner."""

    kind: str
    opd_ids: frozenset[int] = field(default_factory=frozenset)
    opd_codes: tuple[str, ...] = ()
    partner_names: tuple[str, ...] = ()

    @classmethod
    def everything(cls) -> Scope:
        return cls(ALL)

    @classmethod
    def nothing(cls) -> Scope:
        return cls(NONE)

    @classmethod
    def for_opds(cls, opds) -> Scope:
        opds = list(opds)
        return cls(OPD, frozenset(o.id for o in opds), tuple(sorted(o.code for o in opds)))

    @classmethod
    def for_opd_tree(cls, opd) -> Scope:
        """An OPD head's scope: the OPD and the OPDs under it."""
        return cls.for_opds(_with_descendants(opd))

    @classmethod
    def for_partner(cls, name: str) -> Scope:
        return cls(PARTNER, partner_names=(normalise_partner(name),))

    @property
    def sees_all(self) -> bool:
        return self.kind == ALL

    @property
    def is_opd(self) -> bool:
        return self.kind == OPD

    @property
    def is_partner(self) -> bool:
        return self.kind == PARTNER

    @property
    def reads_training(self) -> bool:
        """Coverage, JP, skills, IKM, impact and innovation: everyone but partners (and nobody)."""
        return self.kind in (ALL, OPD)

    @property
    def reads_partners(self) -> bool:
        return self.kind in (ALL, OPD, PARTNER)

    def allows_opd(self, opd_id: int | None) -> bool:
        return self.sees_all or (self.is_opd and opd_id in self.opd_ids)

    def allows_partner(self, name: str) -> bool:
        return self.sees_all or (self.is_partner and normalise_partner(name) in self.partner_names)

    def filter(self, queryset, opd_field: str = "opd"):
        """``queryset`` limited to the scope's OPDs (nothing for partners and nobody)."""
        if self.sees_all:
            return queryset
        if self.is_opd:
            return queryset.filter(**{f"{opd_field}__in": self.opd_ids})
        return queryset.none()

    @property
    def label(self) -> str:
        """How the audit log and reports name it: ``all``, ``opd:DISDUKCAPIL,...``, ``partner:...``."""
        if self.is_opd:
            return "opd:" + ",".join(self.opd_codes)
        if self.is_partner:
            return "partner:" + ",".join(self.partner_names)
        return self.kind


def _with_descendants(opd: Opd) -> list[Opd]:
    """The OPD and the OPDs under it (a kecamatan's kelurahan), any depth."""
    found, frontier = [opd], [opd.id]
    seen = {opd.id}
    while frontier:
        children = [child for child in Opd.objects.filter(parent_id__in=frontier) if child.id not in seen]
        seen.update(child.id for child in children)
        found.extend(children)
        frontier = [child.id for child in children]
    return found


def scope_for(user) -> Scope:
    """The scope of ``user``: the widest their roles and access link allow."""
    roles = roles_of(user)
    if roles & {Role.ADMINISTRATOR, Role.EVALUATOR}:
        return Scope.everything()
    link = getattr(user, "access_link", None) if user.is_authenticated else None
    if link is None and user.is_authenticated:
        from .models import AccessLink

        link = AccessLink.objects.select_related("opd").filter(user=user).first()
    if Role.OPD_HEAD in roles and link is not None and link.opd_id:
        return Scope.for_opd_tree(link.opd)
    if Role.PARTNER in roles and link is not None and link.partner_name:
        return Scope.for_partner(link.partner_name)
    return Scope.nothing()
