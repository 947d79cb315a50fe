"""The offline path: a course's grade report CSV from the instructor dashboard."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from companion_service.openedx_sync.grade_report import import_grade_report
from companion_service.openedx_sync.models import Grade, Learner, LmsConnection

from .conftest import COURSES, lms_data, sync

KEY = COURSES[0][0]
WIB = ZoneInfo("Asia/Jakarta")
HEADER = (
    "Student ID,Email,Username,Grade,Homework 1: Literasi,Homework Avg,Enrollment Track,Verification Status,"
    "Certificate Eligible,Certificate Delivered,Certificate Type,Enrollment Status"
)


def report(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


ANI = "7,ani@contoh.go.id,ani,0.92,1.0,1.0,audit,N/A,N,N,N/A,Enrolled"
BUDI = "8,budi@contoh.go.id,budi,0.31,0.3,0.3,audit,N/A,N,N,N/A,Enrolled"
CITRA = "9,Citra@contoh.sibolgakota.go.id,citra_x,0.45,0.4,0.4,verified,approved,Y,Y,verified,Enrolled"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_a_report_creates_grades_dated_by_its_download_day(roster):
    result = import_grade_report(report(ANI, BUDI, CITRA), course_key=KEY, as_of=date(2026, 11, 20))
    assert result.ok and result.created == 3
    assert result.warnings == ["5 assignment and other columns were not needed and were ignored."]
    ani = Grade.objects.get(learner__username="ani")
    assert (ani.percent, ani.passed, ani.source) == (0.92, True, "grade_report")
    assert ani.passed_at == datetime(2026, 11, 20, tzinfo=WIB)
    assert ani.passed_at_source == "grade_report"
    assert Grade.objects.get(learner__username="budi").passed is False
    assert Grade.objects.get(learner__username="citra_x").passed is True  # certificate eligible
    # The report's emails link learners to the roster.
    citra = Learner.objects.get(username="citra_x")
    assert citra.asn == roster["citra"] and citra.link_method == "email"
    assert LmsConnection.objects.get().base_url == ""  # an LMS known from grade reports only


def test_the_same_report_again_changes_nothing_and_an_earlier_date_wins(roster):
    import_grade_report(report(ANI, BUDI), course_key=KEY, as_of=date(2026, 11, 20))
    again = import_grade_report(report(ANI, BUDI), course_key=KEY, as_of=date(2026, 11, 22))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    earlier = import_grade_report(report(ANI), course_key=KEY, as_of=date(2026, 11, 18))
    assert earlier.updated == 1
    assert Grade.objects.get(learner__username="ani").passed_at == datetime(2026, 11, 18, tzinfo=WIB)


def test_bad_rows_are_listed_and_nothing_is_written(roster):
    result = import_grade_report(
        report(
            ANI, "10,x@y.id,,0.5,,,audit,,N,N,,Enrolled", "11,z@y.id,zaki,banyak,,,audit,,N,N,,Enrolled", ANI
        ),
        course_key=KEY,
    )
    assert [(e.line, e.column) for e in result.errors] == [(3, "username"), (4, "grade"), (5, "username")]
    assert not Grade.objects.exists()


def test_after_a_sync_the_report_goes_into_the_same_course_and_the_api_compares_again(
    start_lms, connection_to, roster
):
    lms = start_lms(lms_data())
    connection = connection_to(lms)
    sync(connection)
    budi_rise = "8,budi@contoh.go.id,budi,0.95,1,1,audit,N/A,N,N,N/A,Enrolled"
    import_grade_report(report(budi_rise), course_key=KEY, as_of=date(2026, 11, 27))
    assert Grade.objects.get(course__course_key=KEY, learner__username="budi").percent == 0.95
    run = sync(connection)
    assert run.counts["grades"]["updated"] == 1  # the LMS's current grade is authoritative again
    budi = Grade.objects.get(course__course_key=KEY, learner__username="budi")
    assert (budi.percent, budi.source) == (0.3, "api")


def test_command_line(roster, tmp_path, capsys):
    path = tmp_path / "grade_report.csv"
    path.write_bytes(report(ANI, BUDI))
    call_command("import-grade-report", str(path), "--course", KEY, "--as-of", "2026-11-20", "--dry-run")
    assert "would create 2" in capsys.readouterr().out
    assert not Grade.objects.exists()
    call_command("import-grade-report", str(path), "--course", KEY, "--as-of", "2026-11-20")
    assert Grade.objects.count() == 2
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import-grade-report", str(path), "--course", KEY, "--as-of", "20-11-2026")
    path.write_bytes(report("1,a@b.id,,x,,,,,,,,"))
    with pytest.raises(CommandError) as raised:
        call_command("import-grade-report", str(path), "--course", KEY)
    assert raised.value.returncode == 1


def test_enrollments_of_a_report_are_dated_by_its_as_of_day(roster):
    """Issue 14: a report downloaded on 2024-11-15 and imported later dated its enrollments by the
    import day, so the 2024 scorecard counted none of them as enrolled."""
    from companion_service.evaluation.models import AsnYear
    from companion_service.evaluation.refresh import refresh
    from companion_service.openedx_sync.models import Course, Enrollment

    import_grade_report(report(ANI, BUDI), course_key=KEY, as_of=date(2024, 11, 15))
    Course.objects.filter(course_key=KEY).update(jp=10, jp_set_by_admin=True)
    budi = Enrollment.objects.get(learner__username="budi")  # enrolled, not passed
    assert budi.first_seen == datetime(2024, 11, 15, tzinfo=WIB)
    assert refresh("test").status == "ok"
    row = AsnYear.objects.get(asn=roster["budi"], year=2024)
    assert row.enrolled and not row.passed


def test_an_older_report_moves_an_enrollment_seen_later_back_to_its_as_of_day(roster):
    from companion_service.openedx_sync.models import Enrollment

    import_grade_report(report(BUDI), course_key=KEY, as_of=date(2026, 11, 20))
    import_grade_report(report(BUDI), course_key=KEY, as_of=date(2024, 11, 15))
    assert Enrollment.objects.get(learner__username="budi").first_seen == datetime(2024, 11, 15, tzinfo=WIB)
    import_grade_report(report(BUDI), course_key=KEY, as_of=date(2025, 1, 10))  # a later one keeps it
    assert Enrollment.objects.get(learner__username="budi").first_seen == datetime(2024, 11, 15, tzinfo=WIB)
