"""The demo shows the companion's own "page not found", not Django's debug page (issue 17).

An OPD head who mistyped an address in ``make demo`` met Django's yellow debug page listing every
URL pattern. The demo now runs the companion as users will meet it (``DEBUG`` off, the companion's
404 template, static files still served), with the environment ``make demo`` gives it.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from dev.demo.run import DEMO_COMPANION_ENV
from tests.support.servers import companion


def fetch(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": "id"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_wrong_address_in_the_demo_is_the_companions_own_404(tmp_path):
    with companion(tmp_path, extra_env=DEMO_COMPANION_ENV) as server:
        status, html = fetch(server.url + "/evaluasi/opd/TIDAK-ADA/halaman/")
        assert status == 404
        assert "Halaman tidak ditemukan" in html
        assert "URLconf" not in html and "Using the URLconf" not in html
        css_status, _css = fetch(server.url + "/static/core/companion.css")
        assert css_status == 200  # the demo keeps its styles without DEBUG
