"""Reads: the gallery (filters, search, sort, pages, anonymity, a fixed query count) and a learner's ideas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xblocks.bina_asn import api
from xblocks.bina_asn.data import GalleryQuery

from .conftest import COMPLETE, with_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def gallery(rules, people):
    a = api.save_idea(rules, people["ani"], {**COMPLETE, "title": "Antrean daring KTP-el"}, submit=True)
    b = api.save_idea(
        rules,
        people["citra"],
        {
            **COMPLETE,
            "title": "Posyandu digital",
            "opd_code": "DINKES",
            "category": "tata-kelola",
            "service_name": "Pencatatan tumbuh kembang balita",
            "solution": "Data balita dicatat di tablet.",
        },
        submit=True,
    )
    c = api.save_idea(rules, people["juri_mitra"], {**COMPLETE, "title": "Klinik keliling"}, submit=True)
    api.save_idea(rules, people["budi"], {"title": "Draf rahasia budi"})
    api.support_idea(rules, people["budi"], b.id)
    api.support_idea(rules, people["ani"], b.id)
    api.support_idea(rules, people["budi"], c.id)
    api.withdraw_idea(rules, people["juri_mitra"], c.id, 2)
    return a, b, c


def titles(page):
    return [card.title for card in page.items]


def test_gallery_lists_public_ideas_by_supports_then_newest(rules, people, gallery):
    page = api.gallery_page(rules, people["budi"], GalleryQuery())
    assert titles(page) == ["Posyandu digital", "Antrean daring KTP-el"]  # no drafts, no withdrawn
    assert (page.count, page.budget, page.budget_spent) == (2, 3, 2)
    assert [card.supported_by_me for card in page.items] == [True, False]
    newest = api.gallery_page(rules, people["budi"], GalleryQuery(sort="newest"))
    assert titles(newest) == ["Posyandu digital", "Antrean daring KTP-el"]
    assert titles(api.gallery_page(rules, people["budi"], GalleryQuery(state="withdrawn"))) == [
        "Klinik keliling"
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (GalleryQuery(opd_code="DINKES"), ["Posyandu digital"]),
        (GalleryQuery(category="pelayanan-publik"), ["Antrean daring KTP-el"]),
        (GalleryQuery(search="ktp"), ["Antrean daring KTP-el"]),
        (GalleryQuery(search="balita TABLET"), ["Posyandu digital"]),
        (GalleryQuery(search="kesehatan"), ["Posyandu digital"]),  # OPD name
        (GalleryQuery(search="tidak-ada"), []),
        (GalleryQuery(state="accepted"), []),
    ],
)
def test_gallery_filters_and_search(rules, people, gallery, query, expected):
    assert titles(api.gallery_page(rules, people["budi"], query)) == expected


def test_pages_are_clamped_to_what_exists(rules, people, gallery):
    first = api.gallery_page(rules, people["budi"], GalleryQuery(page_size=1))
    assert (first.page, first.num_pages, titles(first)) == (1, 2, ["Posyandu digital"])
    last = api.gallery_page(rules, people["budi"], GalleryQuery(page=99, page_size=1))
    assert (last.page, titles(last)) == (2, ["Antrean daring KTP-el"])


def test_an_anonymous_gallery_hides_names_except_from_staff_and_the_authors(rules, people, gallery):
    anonymous = with_rules(rules, anonymous_gallery=True)
    assert {c.author_name for c in api.gallery_page(anonymous, people["budi"], GalleryQuery()).items} == {""}
    own = {c.title: c.author_name for c in api.gallery_page(anonymous, people["ani"], GalleryQuery()).items}
    assert own == {"Posyandu digital": "", "Antrean daring KTP-el": "Ani Siregar"}
    staff = {c.author_name for c in api.gallery_page(anonymous, people["pelatih"], GalleryQuery()).items}
    assert staff == {"Ani Siregar", "citra"}


def test_the_gallery_costs_the_same_queries_for_any_page_size(rules, people, gallery):
    for author in ("pelatih", "juri_dinkes"):
        api.save_idea(rules, people[author], {**COMPLETE, "title": f"Ide tambahan {author}"}, submit=True)
    counts = []
    for size in (1, 3, 50):
        with CaptureQueriesContext(connection) as queries:
            api.gallery_page(rules, people["budi"], GalleryQuery(page_size=size))
        counts.append(len(queries))
    assert counts == [5, 5, 5]


def test_my_ideas_include_drafts_and_co_proposed_ideas(rules, people):
    api.save_idea(rules, people["ani"], {"title": "Draf ani"})
    shared = api.save_idea(
        rules, people["citra"], {**COMPLETE, "title": "Ide bersama", "co_proposers": ["ani"]}, submit=True
    )
    api.save_idea(rules, people["budi"], {**COMPLETE, "title": "Ide budi"}, submit=True)
    assert [c.title for c in api.my_ideas(rules, people["ani"])] == ["Draf ani"]  # not before accepting
    api.answer_invitation(rules, people["ani"], shared.id, accept=True)
    mine = api.my_ideas(rules, people["ani"])
    assert [(c.title, c.state, c.is_mine) for c in mine] == [
        ("Ide bersama", "submitted", True),
        ("Draf ani", "draft", True),
    ]
    detail = api.idea_detail(rules, people["ani"], mine[0].id)
    assert detail.co_proposers == ["ani"] and not detail.can_edit and not detail.can_support


def test_idea_detail_lists_history_and_offers_the_right_moves(rules, people, gallery):
    idea = gallery[0]
    api.change_state(rules, people["pelatih"], idea.id, "evaluating", "Tahap penilaian", 2)
    learner = api.idea_detail(rules, people["budi"], idea.id)
    assert [(h.from_state, h.to_state, h.actor_name) for h in learner.history] == [
        ("draft", "submitted", ""),
        ("submitted", "evaluating", ""),
    ]
    assert learner.transitions == [] and learner.can_support and learner.can_comment
    staff = api.idea_detail(rules, people["pelatih"], idea.id)
    assert staff.history[1].actor_name == "pelatih"
    assert staff.transitions == ["returned", "shortlisted", "accepted", "rejected"]
    own = api.idea_detail(rules, people["ani"], idea.id)
    assert (own.transitions, own.author_moves) == ([], ["withdrawn"])
