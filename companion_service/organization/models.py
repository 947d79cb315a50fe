"""OPDs and service units (unit layanan). Codes are the stable keys imports and exports use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpdKind(models.TextChoices):
    """Kinds of OPD in a kota (Perda on the city's departments)."""

    SEKRETARIAT = "sekretariat", _("Secretariat")
    DINAS = "dinas", _("Dinas (department)")
    BADAN = "badan", _("Badan (agency)")
    INSPEKTORAT = "inspektorat", _("Inspectorate")
    SATPOL_PP = "satpol_pp", _("Satpol PP")
    KECAMATAN = "kecamatan", _("Kecamatan (district)")
    KELURAHAN = "kelurahan", _("Kelurahan (urban village)")
    RSUD = "rsud", _("RSUD (city hospital)")
    KANTOR = "kantor", _("Kantor (office)")
    OTHER = "lainnya", _("Other")


class Opd(models.Model):
    """A city department or agency; kelurahan may sit under their kecamatan (``parent``)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=OpdKind.choices, default=OpdKind.DINAS)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent OPD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPDs")

    def __str__(self):
        return f"{self.name} ({self.code})"


class ServiceUnit(models.Model):
    """A unit layanan: a counter or office that serves citizens and is rated by the SKM survey."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="service_units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["opd__name", "name"]
        verbose_name = _("service unit")
        verbose_name_plural = _("service units")

    def __str__(self):
        return f"{self.name} ({self.code})"
