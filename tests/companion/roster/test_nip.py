"""NIP validation: the PNS and PPPK structures, dates checked, messages that say what is wrong."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from companion_service.roster.nip import (
    FEMALE,
    MALE,
    PNS,
    PPPK,
    NipError,
    normalise_nip,
    parse_nip,
    validate_nip,
)

TODAY = date(2026, 11, 28)


def test_the_example_pns_nip_from_the_domain_notes():
    nip = parse_nip("196711101992031001", today=TODAY)
    assert nip.kind == PNS
    assert nip.birth_date == date(1967, 11, 10)
    assert (nip.start_year, nip.start_month) == (1992, 3)
    assert nip.sex == MALE
    assert nip.sequence == 1


def test_a_pppk_nip_is_told_apart_by_its_thirteenth_digit():
    nip = parse_nip("199002142021211005", today=TODAY)
    assert nip.kind == PPPK
    assert nip.birth_date == date(1990, 2, 14)
    assert nip.start_year == 2021
    assert nip.start_month is None
    assert nip.intake == 1
    assert nip.sex == MALE
    assert nip.sequence == 5


def test_female_pns():
    assert parse_nip("198503152010012003", today=TODAY).sex == FEMALE


@pytest.mark.parametrize(
    "written",
    ["19671110 199203 1 001", "'196711101992031001", " 196711101992031001 ", "19671110.199203.1.001"],
)
def test_the_ways_people_write_a_nip_are_accepted(written):
    assert parse_nip(written, today=TODAY).value == "196711101992031001"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "empty"),
        ("19671110199203100", "18 digits"),
        ("1967111019920310011", "18 digits"),
        ("19671110199203100A", "only digits"),
        ("196713101992031001", "birth date"),  # month 13
        ("196702301992031001", "birth date"),  # 30 February
        ("196711101992131001", "month"),  # TMT month 13
        ("196711101992001001", "month"),  # TMT month 00
        ("196711101992033001", "sex"),
        ("196711101992031000", "000"),
        ("196711101980031001", "years old"),  # started at 12
        ("202711101992031001", "plausible"),  # born in the future
        ("199002142015211005", "plausible"),  # PPPK before 2019
        ("199002142021201005", "intake"),
        ("1.96711101992031e+17", "Text"),
        ("196711101992031001.0", "Text"),
    ],
)
def test_invalid_nips_are_refused_with_a_reason(raw, words, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(NipError, match=words):
        parse_nip(raw, today=TODAY)


def test_messages_are_in_indonesian_by_default():
    with pytest.raises(NipError, match="18 digit"):
        parse_nip("123")
    with pytest.raises(NipError, match="kode jenis kelamin"):
        parse_nip("196711101992033001")


def test_normalise_keeps_only_what_was_typed():
    assert normalise_nip(None) == ""
    assert normalise_nip("'1967 1110") == "19671110"


def test_the_model_validator_raises_a_validation_error():
    validate_nip("196711101992031001")
    with pytest.raises(ValidationError):
        validate_nip("123")
