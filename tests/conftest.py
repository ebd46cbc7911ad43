"""Shared test set-up. Qt must run offscreen: with no display Qt aborts the whole process."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups, recovery copies and settings go to a temporary folder, never the real home."""
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(tmp_path_factory.mktemp("giedit-data")))
