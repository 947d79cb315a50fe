"""The administration pages read standard Indonesian (issue 17).

Django's own Indonesian catalog heads the admin index's link column "Rubah atau tampilkan tautan
kunjungan" (shown in capitals) and tells a new user's creator they may "merubah" options: "rubah"
is not standard Indonesian (KBBI: "ubah"). The companion's catalog, which comes first, re-words them.
"""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def superuser_client(client, make_user):
    user = make_user("root-admin", superuser=True)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/auth/user/add/"])
def test_admin_pages_do_not_say_rubah(superuser_client, url):
    response = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"rubah", html, re.I), re.findall(r".{40}rubah.{40}", html, re.I)
