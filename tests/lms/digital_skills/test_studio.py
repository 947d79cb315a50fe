"""The author's side: the editor's Save, Studio validation, bank import and export."""

import base64
import json

import pytest

from xblocks.digital_skills import bankio
from xblocks.digital_skills.resources import STARTER_BANK

from .conftest import PRE
from .factories import bank as small_bank
from .factories import single

SETTINGS = {
    "display_name": "Asesmen awal",
    "instructions": "",
    "mode": "pre",
    "pairing_key": "literasi-2027",
    "attempts_allowed": 2,
    "items_per_pillar": 3,
    "shuffle_items": True,
    "shuffle_options": False,
    "pass_threshold": 70,
    "weight": 2.5,
    "show_answers": "after_post_test",
}


def save(author, *, settings=None, bank=None, recommendations=None):
    return author.call(
        "studio_submit",
        {
            "settings": settings or SETTINGS,
            "bank": bank if bank is not None else small_bank(per_pillar=4),
            "recommendations": recommendations or {},
        },
    )


def test_learners_cannot_use_the_authoring_handlers(taker, learner):
    ani = taker(learner)
    assert save(ani).status_code == 403
    assert ani.call("import_bank", {"filename": "a.json", "content_base64": ""}).status_code == 403
    ani.client.force_login(learner)
    assert ani.client.get(ani.url("export_bank", "json")).status_code == 403
    assert ani.block().bank == STARTER_BANK


def test_a_valid_save_changes_settings_bank_and_links(taker, course_staff):
    author = taker(course_staff)
    links = {
        "aman": [
            {"title": "Unit keamanan akun", "url": "/courses/x/jump_to_id/aman"},
            {"title": "", "url": ""},
        ]
    }
    response = save(author, recommendations=links)
    assert response.status_code == 200, response.content
    block = author.block()
    assert (block.mode, block.pairing_key, block.attempts_allowed, block.items_per_pillar) == (
        "pre",
        "literasi-2027",
        2,
        3,
    )
    assert (block.pass_threshold, block.weight, block.shuffle_items, block.shuffle_options) == (
        70,
        2.5,
        True,
        False,
    )
    assert len(block.bank) == 16
    assert block.recommendations == {
        "aman": [{"title": "Unit keamanan akun", "url": "/courses/x/jump_to_id/aman"}]
    }
    assert block.validate().messages == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s, b: [o.update(correct=False) for o in b[1]["options"]], "no option is marked correct"),
        (lambda s, b: b[2].update(competence="7.1"), "unknown DigComp competence code 7.1"),
        (lambda s, b: b[3].update(id=b[0]["id"]), "item ids must be unique"),
        (lambda s, b: s.update(items_per_pillar=5), "has only 4 in the bank"),
        (lambda s, b: s.update(pairing_key=""), "needs a pairing key"),
        (lambda s, b: s.update(pass_threshold=120), "Pass threshold must be a whole number from 0 to 100"),
        (lambda s, b: s.update(attempts_allowed="dua"), "Attempts allowed must be a whole number"),
        (lambda s, b: b.clear(), "The bank is empty"),
    ],
)
def test_an_invalid_save_is_refused_and_changes_nothing(taker, course_staff, change, expected):
    author = taker(course_staff)
    settings, bank = dict(SETTINGS), small_bank(per_pillar=4)
    change(settings, bank)
    response = save(author, settings=settings, bank=bank)
    assert response.status_code == 400
    body = response.json()
    assert "Nothing was saved" in body["error"]
    assert any(expected in problem for problem in body["problems"]), body["problems"]
    block = author.block()
    assert block.bank == STARTER_BANK and block.mode == "pre" and block.items_per_pillar == 0


def test_bad_recommendation_links_are_refused(taker, course_staff):
    links = {"etika": [{"title": "Skrip", "url": "javascript:alert(1)"}]}
    response = save(taker(course_staff), recommendations=links)
    assert response.status_code == 400
    assert "must be a course address" in response.json()["problems"][0]


def test_studio_validation_lists_errors_and_warnings(taker, course_staff, scenario):
    bank = [single("c1", "cakap"), single("c1", "cakap", competence="4.2"), single("a1", "aman")]
    bank[2]["options"][1]["correct"] = False
    author = taker(
        course_staff, scenario(mode="pre", items_per_pillar="2", bank=bank, show_answers="after_attempt")
    )
    validation = author.block().validate()
    errors = [m.text for m in validation.messages if m.type == "error"]
    warnings = [m.text for m in validation.messages if m.type == "warning"]
    assert any("item ids must be unique" in e for e in errors)
    assert any("no option is marked correct" in e for e in errors)
    assert any("needs a pairing key" in e for e in errors)
    assert any("outside the crosswalk" in w for w in warnings)
    assert any("No items for" in w for w in warnings)
    assert any("remember them in the post-test" in w for w in warnings)


def test_the_draw_larger_than_the_pool_is_a_studio_error(taker, course_staff, scenario):
    author = taker(course_staff, scenario(items_per_pillar="13"))
    errors = [m.text for m in author.block().validate().messages if m.type == "error"]
    assert errors == [
        f"The draw takes 13 items per pillar, but {name} has only {size} in form {form}."
        for form in "AB"
        for name, size in (("Digital ethics (Etika Digital)", 12), ("Digital culture (Budaya Digital)", 10))
    ]


def test_an_invalid_bank_makes_the_block_unavailable_to_learners(taker, learner, course_staff, scenario):
    bank = [single("c1", "cakap", competence="9.9")]
    scenario_id = scenario(bank=bank)
    state = taker(learner, scenario_id).view_state()
    assert state["phase"] == "unavailable" and "problems" not in state
    assert taker(learner, scenario_id).call("start_attempt").status_code == 400
    staff_state = taker(course_staff, scenario_id).view_state()
    assert "unknown DigComp competence code 9.9" in staff_state["problems"][0]


def upload(author, filename, content, **extra):
    return author.call(
        "import_bank",
        {"filename": filename, "content_base64": base64.b64encode(content).decode(), **extra},
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "yaml"])
def test_export_then_import_gives_the_same_bank(taker, course_staff, fmt):
    author = taker(course_staff)
    author.client.force_login(course_staff)
    response = author.client.get(author.url("export_bank", fmt))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    imported = upload(author, f"bank.{fmt}", response.content)
    assert imported.status_code == 200, imported.content
    items = imported.json()["items"]
    if fmt == "csv":  # CSV columns are positional: option ids become a, b, c... in order
        for item in items:
            assert [o["text"] for o in item["options"]] == [
                o["text"] for o in next(i for i in STARTER_BANK if i["id"] == item["id"])["options"]
            ]
        assert [i["id"] for i in items] == [i["id"] for i in STARTER_BANK]
    else:
        assert items == STARTER_BANK
    assert "112 items read" in imported.json()["message"]


def test_a_bad_csv_is_refused_with_row_numbers(taker, course_staff):
    rows = [
        "id;type;pillar;competence;level;element;stem;option_a;option_b;correct",
        "aman-x1;single;aman;4,2;3;knowledge;Soal bagus?;Ya;Tidak;a",
        "aman-x2;single;aman;9.9;3;knowledge;Kode salah?;Ya;Tidak;a",
        "aman-x3;single;aman;4.2;3;knowledge;Tanpa kunci?;Ya;Tidak;",
        "aman-x1;multiple;aman;4.2;12;knowledge;Duplikat?;Ya;Tidak;a;",
    ]
    response = upload(taker(course_staff), "bank.csv", "\n".join(rows).encode())
    assert response.status_code == 400
    problems = response.json()["problems"]
    assert any(p.startswith("Row 3 (aman-x2): unknown DigComp competence code 9.9") for p in problems)
    assert any(p.startswith("Row 4 (aman-x3): no option is marked correct") for p in problems)
    assert any(p.startswith("Row 5 (aman-x1): the level must be a whole number") for p in problems)
    assert any("Row 5 (aman-x1): the id aman-x1 is already used" in p for p in problems)
    assert any("more cells than the header" in p for p in problems)
    assert not any(p.startswith("Row 2") for p in problems)


def test_unknown_columns_and_formats_are_named(taker, course_staff):
    author = taker(course_staff)
    response = upload(author, "bank.csv", b"id,pillar,level,stemm,option_a,option_b\n")
    assert response.status_code == 400
    assert any("Unknown columns: stemm" in p for p in response.json()["problems"])
    assert any("Missing columns: stem" in p for p in response.json()["problems"])
    assert upload(author, "bank.xlsx", b"x").status_code == 400
    bad_yaml = upload(author, "bank.yaml", b"items: [unclosed")
    assert bad_yaml.status_code == 400 and "not valid YAML" in bad_yaml.json()["problems"][0]
    bad_json = upload(author, "bank.json", b'{"format": "something-else", "items": []}')
    assert "not an item bank" in bad_json.json()["problems"][0]


def test_append_refuses_ids_already_in_the_bank(taker, course_staff):
    author = taker(course_staff)
    content = bankio.write_bank(small_bank(per_pillar=1), "json")
    response = upload(author, "bank.json", content, mode="append", existing_ids=["cakap-01"])
    assert response.status_code == 400
    assert response.json()["problems"] == [
        "Item cakap-01 is already in the bank; rename it in the file or replace the bank."
    ]
    ok = upload(author, "bank.json", content, mode="append", existing_ids=["lain-01"])
    assert ok.status_code == 200 and len(ok.json()["items"]) == 4


def test_excel_style_csv_in_windows_1252_is_read(taker, course_staff):
    text = (
        "id;pillar;level;stem;option_a;option_b;correct\r\n"
        "budaya-x;Budaya Digital;2;Apa arti \u201cgotong royong\u201d daring?;Kerja sama;Bersaing;a\r\n"
    )
    response = upload(taker(course_staff), "bank.csv", text.encode("cp1252"))
    assert response.status_code == 200, response.content
    item = response.json()["items"][0]
    assert item["pillar"] == "budaya" and item["stem"].startswith("Apa arti \u201cgotong royong\u201d")


def test_the_editor_page_is_for_the_course_team(taker, learner, course_staff):
    taker(learner).client.force_login(learner)
    assert taker(learner).client.get(f"/scenario/{PRE}/studio_view/").status_code == 403
    config = taker(course_staff).view_state("studio_view")
    assert config["settings"]["mode"] == "pre"
    assert len(config["bank"]) == 112
    assert set(config["export_urls"]) == {"csv", "json", "yaml"}
    # The starter bank breaks no rule; the author is told which competences have too few items to judge.
    assert config["validation"]["errors"] == []
    assert [w.split(":")[0] for w in config["validation"]["warnings"]] == ["Form A", "Form B"]
    assert all("not enough evidence" in w for w in config["validation"]["warnings"])
    assert json.dumps(config)  # plain JSON


def test_author_view_summarises(taker, course_staff):
    author = taker(course_staff)
    author.client.force_login(course_staff)
    page = author.client.get(f"/scenario/{PRE}/author_view/").content.decode()
    assert "112 items in the bank; each learner answers 60." in page


def test_a_broken_bank_is_exported_as_stored_in_json_but_not_in_csv(taker, course_staff, scenario):
    bank = [single("c1", "cakap", competence="9.9")]
    author = taker(course_staff, scenario(bank=bank))
    author.client.force_login(course_staff)
    exported = json.loads(author.client.get(author.url("export_bank", "json")).content)
    assert exported["items"] == bank
    response = author.client.get(author.url("export_bank", "csv"))
    assert response.status_code == 400
    assert "export it as JSON or YAML" in response.json()["error"]


def test_the_editor_offers_the_forms_and_a_save_keeps_them(taker, course_staff):
    author = taker(course_staff)
    config = author.view_state("studio_view")
    assert [choice[0] for choice in config["choices"]["form"]] == ["", "A", "B"]
    bank = config["bank"]
    assert {item["form"] for item in bank} == {"", "A", "B"}
    response = save(author, bank=bank, settings={**SETTINGS, "items_per_pillar": 0})
    assert response.status_code == 200, response.content
    assert [item["form"] for item in author.block().bank] == [item["form"] for item in bank]
