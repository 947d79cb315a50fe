"""Every installed Bina ASN block is in the conformance suite."""

from importlib.metadata import entry_points

from .cases import CASES


def test_every_installed_block_has_a_conformance_case():
    installed = {point.name for point in entry_points(group="xblock.v1") if point.name.startswith("bina_")}
    assert installed == {case.tag for case in CASES}
