"""A learner's username in an LMS address never reaches the logs or the run history (issue 15).

The certificate endpoint carries the username in its path; outside a request (a sync runs in a
command or a worker) the log filter does not know whose name it is, so the address itself must be
written without it.
"""

import logging

from companion_service.core.logs import JsonFormatter, RedactPersonalData
from tests.support.fake_lms import Fault

from .conftest import lms_data, sync


class Lines(logging.Handler):
    """A handler as production has it: the redaction filter, then JSON lines."""

    def __init__(self):
        super().__init__()
        self.addFilter(RedactPersonalData())
        self.setFormatter(JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_a_failing_certificate_lookup_logs_no_username(start_lms, connection_to, roster, monkeypatch):
    data = lms_data(3)
    lms = start_lms(data, [Fault(r"/api/certificates/", "500", times=-1)])
    handler = Lines()
    engine_log = logging.getLogger("companion_service.openedx_sync.engine")
    engine_log.addHandler(handler)
    monkeypatch.setattr(engine_log, "level", logging.INFO)
    try:
        run = sync(connection_to(lms, certificate_lookups=50))
    finally:
        engine_log.removeHandler(handler)
    certificate_errors = [e for e in run.errors if "/certificates/" in e["endpoint"]]
    assert certificate_errors, run.errors
    text = "\n".join(handler.lines) + repr(run.errors)
    assert "/api/certificates/v0/certificates/[user]/courses/" in text
    for username in {row["username"] for rows in data.grades.values() for row in rows}:
        assert f"/certificates/{username}/" not in text, username
