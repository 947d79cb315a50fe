"""The companion's roles. A role is a Django group with the role's code as its name.

- administrator: BKPSDM staff who run the service (imports, sync, users); superusers count as one;
- evaluator: reads every aggregate (BKPSDM, Bappeda, Inspektorat, the mayor's office);
- opd_head: reads only their own OPD (organisasi perangkat daerah, a city department) and its units;
- partner: a private-sector partner, reads only their own workshops' aggregates;
- verifier: BKPSDM staff who approve or reject the learning ASN record outside the LMS.

Being an ASN is not a role given here: it comes from the roster when the user signs in through
Open edX (``companion_service.signin``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Role codes and their names."""

    ADMINISTRATOR = "administrator", _("Administrator (BKPSDM)")
    EVALUATOR = "evaluator", _("Evaluator")
    OPD_HEAD = "opd_head", _("OPD head")
    PARTNER = "partner", _("Partner")
    VERIFIER = "verifier", _("Verifier (BKPSDM)")


def roles_of(user) -> frozenset:
    """The roles ``user`` holds (none for anonymous users)."""
    if not user.is_authenticated:
        return frozenset()
    roles = {Role(name) for name in user.groups.values_list("name", flat=True) if name in Role.values}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    return frozenset(roles)
