"""The ASN a companion user is: found in the roster when they sign in through Open edX, the way the
sync links LMS learners (recorded username, a username that is the NIP, one ASN with the email), or
linked by an administrator. An ASN reads their own "JP saya" and records learning outside the LMS."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from companion_service.roster.models import Asn


class LinkMethod(models.TextChoices):
    USERNAME = "username", _("LMS username recorded in the roster")
    NIP = "nip", _("LMS username is the NIP")
    EMAIL = "email", _("Same email address")
    MANUAL = "manual", _("Linked by an administrator")


class AsnAccount(models.Model):
    """One user is one ASN (and one ASN one user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="asn_account"
    )
    asn = models.OneToOneField(Asn, verbose_name=_("ASN"), on_delete=models.CASCADE, related_name="account")
    method = models.CharField(_("linked by"), max_length=10, choices=LinkMethod.choices)
    linked_at = models.DateTimeField(_("linked at"), auto_now=True)

    class Meta:
        verbose_name = _("ASN account")
        verbose_name_plural = _("ASN accounts")

    def __str__(self):
        return f"{self.user} = {self.asn}"
