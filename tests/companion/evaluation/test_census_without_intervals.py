"""Counts of everyone carry no confidence interval; figures from samples keep theirs (issue 17).

A share of the whole roster (ASN linked, completed, with at least 20 JP, trained, attended) is a
census: nothing was sampled, so a Wilson interval around it would suggest an uncertainty that is not
there. The survey (SKM), the assessment's learners and the reaction survey are samples: their
intervals stay. Checked on every surface: pages, CSV headers, the API and the PDF.
"""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from companion_service.evaluation import stats

YEAR = "year=2026"
CENSUS_DOWNLOADS = [
    "/evaluasi/unduh/scorecard/coverage.csv",
    "/evaluasi/unduh/scorecard/opds.csv",
    "/evaluasi/unduh/ledger/opds.csv",
    "/evaluasi/unduh/partners/sessions.csv",
]


@pytest.fixture
def evaluator(client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    return client


def header(client, url) -> list[str]:
    response = client.get(f"{url}?{YEAR}")
    assert response.status_code == 200, url
    return next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_share_of_everyone_is_a_count_not_an_estimate():
    share = stats.share(951, 2600)
    assert share.value == pytest.approx(951 / 2600)
    assert share.low is None and share.high is None and not share.suppressed
    assert stats.share(3, 4).suppressed  # small cells stay suppressed: privacy, not sampling
    mean = stats.Mean.census_from_sums(5, 50, 600)
    assert mean.value == 10 and mean.low is None and mean.high is None


def test_pages_show_shares_of_the_roster_without_an_interval(data, evaluator):
    card = evaluator.get(f"/evaluasi/?{YEAR}").content.decode()
    # 8 of 20 ASN with at least 20 JP: 40,0%; its Wilson interval would be 21,9-61,3.
    assert "40,0%" in card
    assert "21,9" not in card and "61,3" not in card
    figures = card.split('<ul class="kpis', 1)[1].split("</ul>", 1)[0]
    assert 'class="ci"' not in figures
    coverage = evaluator.get("/evaluasi/cakupan/").content.decode()
    linked = coverage.split("ASN linked", 1)[-1] if "ASN linked" in coverage else coverage
    assert 'class="ci"' not in linked.split("</li>", 1)[0]


def test_downloads_of_census_tables_have_no_interval_columns(data, evaluator):
    for url in CENSUS_DOWNLOADS:
        columns = header(evaluator, url)
        assert not [c for c in columns if "IK 95%" in c], (url, columns)


def test_samples_keep_their_intervals(data, evaluator):
    skills = header(evaluator, "/evaluasi/unduh/scorecard/skills.csv")
    assert any("IK 95%" in c for c in skills)
    reactions = header(evaluator, "/evaluasi/unduh/partners/partners.csv")
    assert any("IK 95%" in c for c in reactions)


def test_api_gives_census_shares_without_bounds(data, evaluator):
    body = evaluator.get(f"/api/evaluation/v1/scorecard/?{YEAR}").json()
    meets = body["meets_target"]
    assert meets["k"] == 8 and meets["n"] == 20 and meets["value"] == pytest.approx(0.4)
    assert "low" not in meets and "high" not in meets


def test_pdf_scorecard_has_no_interval_on_census_shares(data, evaluator):
    response = evaluator.get(f"/evaluasi/laporan/skor.pdf?{YEAR}", follow=True)  # made by a worker
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "40,0%" in text
    assert "21,9" not in text and "61,3" not in text
