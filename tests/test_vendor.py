"""Vendored front-end files match the checksums recorded with their provenance."""

import importlib.util

from conftest import ROOT


def test_vendored_files_match_their_checksums():
    spec = importlib.util.spec_from_file_location("vendor", ROOT / "scripts" / "vendor.py")
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    assert vendor.check() == []
