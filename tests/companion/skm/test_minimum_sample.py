"""Krejcie and Morgan's minimum sample against the published table (Krejcie & Morgan 1970, Table 1),
copied here from ../shared/domain/skm-ikm.md as the outside reference: every one of its 90 rows, and
the rule between rows (the next-higher N's S, never more than N; N <= 10: everyone)."""

import math

import pytest

from companion_service.skm import api, ikm

PUBLISHED = (
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
    (30000, 379),
    (40000, 380),
    (50000, 381),
    (75000, 382),
    (1000000, 384),
)


def test_the_reference_has_the_whole_table():
    assert len(PUBLISHED) == 90
    assert [n for n, _ in PUBLISHED] == sorted({n for n, _ in PUBLISHED})


def test_the_engine_holds_the_whole_published_table():
    assert tuple(ikm.KREJCIE_MORGAN_TABLE) == PUBLISHED


@pytest.mark.parametrize(("population", "required"), PUBLISHED)
def test_every_row_of_the_table(population, required):
    assert ikm.minimum_sample(population) == required


@pytest.mark.parametrize(("population", "required"), PUBLISHED)
def test_the_table_is_the_formula_rounded_half_up(population, required):
    assert math.floor(ikm.krejcie_morgan_formula(population) + 0.5) == required


@pytest.mark.parametrize(
    ("population", "required"),
    [
        (12, 12),  # row 15 says 14, but never more than the population
        (35, 32),
        (36, 36),  # row 40 says 36
        (60, 52),
        (61, 56),
        (110, 86),
        (120, 92),
        (160, 113),
        (700, 248),
        (2500, 335),
        (12000, 375),
        (75001, 384),
        (10_000_000, 384),
    ],
)
def test_between_rows_the_next_higher_population_decides(population, required):
    assert ikm.minimum_sample(population) == required


def test_between_every_pair_of_rows():
    """Every N from 11 to 10,000, and the edges of each gap above: S of the next row, capped at N."""
    rows = iter(PUBLISHED)
    upper, sample = next(rows)
    for population in range(11, 10_001):
        while population > upper:
            upper, sample = next(rows)
        assert ikm.minimum_sample(population) == min(population, sample), population
    for (below, _), (upper, sample) in zip(PUBLISHED, PUBLISHED[1:], strict=False):
        for population in (below + 1, (below + upper) // 2, upper - 1):
            assert ikm.minimum_sample(population) == min(population, sample), population


@pytest.mark.parametrize("population", [1, 2, 5, 9, 10])
def test_ten_users_or_fewer_every_one_is_needed(population):
    assert ikm.minimum_sample(population) == population


@pytest.mark.parametrize("population", [0, -3])
def test_a_population_must_be_at_least_one(population):
    with pytest.raises(ValueError):
        ikm.minimum_sample(population)


def test_the_public_api_gives_the_same_sample():
    assert api.minimum_sample(110) == 86
    assert api.compute(api.Tally(respondents=86), population=110).minimum_sample.met is True
    assert api.compute(api.Tally(respondents=85), population=110).minimum_sample.met is False
