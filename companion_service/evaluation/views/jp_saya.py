"""The signed-in ASN's "JP saya" page (the ledger of one ASN)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from companion_service.signin.selectors import asn_of

from ..selectors.jp_saya import my_learning


@login_required
@never_cache
def my_jp(request):
    """The ASN's JP of the year against 20, by channel, each record, the years before, and courses
    suggested from their last assessment's gaps; anyone else who is not an ASN is told so (403)."""
    asn = asn_of(request.user)
    if asn is None:
        return render(request, "learning/not_asn.html", status=403)
    return render(request, "evaluation/jp_saya.html", {"asn": asn, "learning": my_learning(asn)})
