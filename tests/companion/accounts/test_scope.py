"""Who reads whose figures: the scope of each role, the access link, ``manage_user --opd/--partner``,
and the audit log (no personal data beyond the user)."""

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from companion_service.accounts import api
from companion_service.accounts.models import AccessLink, AuditEvent
from companion_service.organization.models import Opd


@pytest.fixture
def opds(db):
    kecamatan = Opd.objects.create(code="KEC-SIBKOTA", name="Kecamatan Sibolga Kota", kind="kecamatan")
    kelurahan = Opd.objects.create(
        code="KEL-PASBAR", name="Kelurahan Pasar Baru", kind="kelurahan", parent=kecamatan
    )
    dukcapil = Opd.objects.create(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    return kecamatan, kelurahan, dukcapil


def test_administrators_and_evaluators_see_everything(make_user):
    assert api.scope_for(make_user("admin", "administrator")).sees_all
    assert api.scope_for(make_user("eva", "evaluator")).sees_all
    assert api.scope_for(make_user("root", superuser=True)).sees_all


def test_an_opd_head_sees_their_opd_and_the_opds_under_it(make_user, opds):
    kecamatan, kelurahan, dukcapil = opds
    head = make_user("camat", "opd_head")
    AccessLink.objects.create(user=head, opd=kecamatan)
    scope = api.scope_for(head)
    assert scope.is_opd and scope.opd_ids == {kecamatan.id, kelurahan.id}
    assert scope.allows_opd(kelurahan.id) and not scope.allows_opd(dukcapil.id)
    assert scope.reads_training and scope.reads_partners
    assert list(scope.filter(Opd.objects.all(), opd_field="id").order_by("code")) == [kecamatan, kelurahan]
    assert scope.label == "opd:KEC-SIBKOTA,KEL-PASBAR"


def test_a_partner_sees_only_their_workshops(make_user, opds):
    user = make_user("mitra", "partner")
    AccessLink.objects.create(user=user, partner_name="PT  Teknologi Tapanuli")
    scope = api.scope_for(user)
    assert scope.is_partner and not scope.reads_training
    assert scope.allows_partner("pt teknologi   TAPANULI") and not scope.allows_partner("CV Lain")
    assert not scope.allows_opd(opds[2].id)
    assert scope.filter(Opd.objects.all(), opd_field="id").count() == 0


def test_a_role_without_its_link_or_no_role_sees_nothing(make_user, opds):
    assert api.scope_for(make_user("kadis", "opd_head")).kind == "none"
    assert api.scope_for(make_user("mitra", "partner")).kind == "none"
    assert api.scope_for(make_user("nobody")).kind == "none"


def test_manage_user_links_an_opd_head_and_a_partner(opds, monkeypatch):
    monkeypatch.setenv("PW", "kata-sandi-uji-123")
    call_command("manage_user", "kadis", "k@contoh.go.id", "--role", "opd_head", "--opd", "DISDUKCAPIL",
                 "--password-env", "PW")  # fmt: skip
    call_command(
        "manage_user", "mitra", "m@contoh.co.id", "--role", "partner", "--partner", "PT Teknologi Tapanuli"
    )
    assert AccessLink.objects.get(user__username="kadis").opd.code == "DISDUKCAPIL"
    assert AccessLink.objects.get(user__username="mitra").partner_name == "PT Teknologi Tapanuli"
    # A second run without --opd keeps the link.
    call_command("manage_user", "kadis", "k@contoh.go.id", "--role", "opd_head")
    assert AccessLink.objects.get(user__username="kadis").opd.code == "DISDUKCAPIL"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "opd_head"], "needs --opd"),
        (["--role", "partner"], "needs --partner"),
        (["--role", "opd_head", "--opd", "NOPE"], "no OPD with code NOPE"),
        (["--opd", "DISDUKCAPIL", "--partner", "PT X"], "not both"),
    ],
)
def test_manage_user_refuses_a_link_that_cannot_work(opds, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("manage_user", "someone", "s@contoh.go.id", *arguments)
    assert not AccessLink.objects.exists()


def test_the_audit_log_keeps_filters_but_not_searches(make_user):
    user = make_user("eva", "evaluator")
    query = QueryDict("year=2026&opd=DISDUKCAPIL&q=Budi+Hutagalung&nip=199005212015031004")
    event = api.record(
        user,
        action="export",
        resource="evaluation:jp-ledger",
        scope=api.scope_for(user),
        file_format="csv",
        parameters=api.parameters_of(query),
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.parameters == {"opd": "DISDUKCAPIL", "year": "2026"}
    assert (event.username, event.roles, event.scope) == ("eva", "evaluator", "all")
