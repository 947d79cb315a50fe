"""The main menu: which sections exist and which roles see them. Each app adds its entries here."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from companion_service.core.roles import Role, roles_of


@dataclass(frozen=True)
class NavItem:
    """One menu entry; ``roles`` empty means every signed-in user; ``when`` (a dotted path to a
    ``user -> bool`` function) shows it to the users it accepts instead."""

    url_name: str
    label: str
    roles: frozenset = frozenset()
    when: str = ""

    def visible_to(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if self.when:
            return bool(_check(self.when)(user))
        return not self.roles or bool(self.roles & roles_of(user))


def _check(path: str) -> Callable:
    from django.utils.module_loading import import_string

    return import_string(path)


NAV_ITEMS = [
    NavItem("core:home", _("Home")),
    NavItem("jp_saya:page", _("JP saya"), when="companion_service.signin.selectors.is_asn"),
    NavItem("learning:queue", _("Verification"), when="companion_service.learning.permissions.is_verifier"),
    NavItem(
        "evaluation:scorecard",
        _("Evaluation dashboard"),
        frozenset({Role.ADMINISTRATOR, Role.EVALUATOR, Role.OPD_HEAD}),
    ),
    NavItem("evaluation:partners", _("Partner workshops"), frozenset({Role.PARTNER})),
    NavItem("skm:overview", _("Citizen satisfaction (IKM)"), frozenset({Role.ADMINISTRATOR, Role.EVALUATOR})),
    NavItem("skm:imports", _("SKM imports"), frozenset({Role.ADMINISTRATOR, Role.EVALUATOR})),
    NavItem("skm:follow-ups", _("Follow-up (RTL)"), frozenset({Role.ADMINISTRATOR, Role.EVALUATOR})),
    NavItem("admin:index", _("Administration"), frozenset({Role.ADMINISTRATOR})),
    NavItem("admin:roster_asn_changelist", _("ASN roster"), frozenset({Role.ADMINISTRATOR})),
    NavItem("admin:openedx_sync_syncrun_changelist", _("LMS sync"), frozenset({Role.ADMINISTRATOR})),
    NavItem("admin:openedx_sync_learner_changelist", _("Learners to link"), frozenset({Role.ADMINISTRATOR})),
]


def menu_for(user):
    """The entries ``user`` may open, in menu order."""
    return [item for item in NAV_ITEMS if item.visible_to(user)]
