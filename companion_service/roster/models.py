"""ASN and their positions (jabatan). The NIP is the stable key imports and exports use."""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from companion_service.organization.models import Opd, ServiceUnit

from .nip import Nip, NipError, parse_nip, validate_nip
from .vocabulary import EmploymentType, PositionKind, rank_for


class Position(models.Model):
    """A jabatan as the HR office names it, with its kind (struktural, fungsional, pelaksana)."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=PositionKind.choices)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "kind"]
        verbose_name = _("position (jabatan)")
        verbose_name_plural = _("positions (jabatan)")
        constraints = [
            models.UniqueConstraint(Lower("name"), "kind", name="roster_position_unique_name_kind"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class Asn(models.Model):
    """One civil servant (PNS or PPPK) of the city, identified by NIP."""

    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        validators=[validate_nip],
        help_text=_("18 digits, kept as text."),
    )
    name = models.CharField(_("name"), max_length=255, db_index=True)
    opd = models.ForeignKey(Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="asn")
    service_unit = models.ForeignKey(
        ServiceUnit,
        verbose_name=_("service unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="asn",
        help_text=_("The unit layanan where this ASN serves citizens, when known."),
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position (jabatan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="asn",
    )
    rank = models.CharField(
        _("rank (golongan)"),
        max_length=8,
        blank=True,
        help_text=_("PNS: I/a to IV/e. PPPK: I to XVII."),
    )
    employment_type = models.CharField(
        _("employment type"), max_length=4, choices=EmploymentType.choices, default=EmploymentType.PNS
    )
    email = models.EmailField(_("email"), blank=True)
    openedx_username = models.CharField(
        _("Open edX username"),
        max_length=150,
        blank=True,
        help_text=_("Filled by the roster file, the sync's identity join or an administrator's link."),
    )
    is_active = models.BooleanField(
        _("in service"), default=True, help_text=_("Clear when the ASN retires or leaves the city.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        ordering = ["name", "nip"]
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        constraints = [
            models.UniqueConstraint(
                Lower("openedx_username"),
                condition=~Q(openedx_username=""),
                name="roster_asn_unique_openedx_username",
            ),
        ]
        indexes = [models.Index(Lower("email"), name="roster_asn_email_lower")]

    def __str__(self):
        return f"{self.name} ({self.nip})"

    @cached_property
    def parsed_nip(self) -> Nip | None:
        """What the NIP says (birth date, start, sex), or None for a NIP that is not valid."""
        try:
            return parse_nip(self.nip)
        except NipError:
            return None

    def clean(self):
        """The checks the admin form runs; the importer runs the same rules on each row."""
        errors = {}
        nip = self.parsed_nip
        if nip and nip.kind != self.employment_type:
            errors["employment_type"] = _("This NIP belongs to a %(kind)s, not a %(chosen)s.") % {
                "kind": nip.kind,
                "chosen": self.employment_type,
            }
        if self.rank:
            rank = rank_for(self.rank, self.employment_type)
            if rank is None:
                errors["rank"] = _("%(rank)s is not a %(kind)s golongan.") % {
                    "rank": self.rank,
                    "kind": self.employment_type,
                }
            else:
                self.rank = rank
        if self.service_unit_id and self.opd_id and self.service_unit.opd_id != self.opd_id:
            errors["service_unit"] = _("This service unit belongs to another OPD.")
        self.openedx_username = self.openedx_username.strip()
        if errors:
            raise ValidationError(errors)
