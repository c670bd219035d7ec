"""Fixtures of the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A language pack file of its own, with the cache in a folder of the test's own."""
    monkeypatch.setenv("OCR36_CACHE", str(tmp_path / "cache"))
    traineddata = tmp_path / "xyz.traineddata"
    traineddata.write_bytes(b"model")
    return traineddata
