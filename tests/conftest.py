"""Shared test set-up. Qt must run offscreen: with no display Qt aborts the whole process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups, recovery copies and settings go to a temporary folder, never the real home."""
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(tmp_path_factory.mktemp("giedit-data")))
