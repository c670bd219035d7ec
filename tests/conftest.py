"""Shared fixtures: the bundled samples converted once per session, and the corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ocr36.cli import main
from ocr36.paths import samples_dir, shared_corpus


def corpus_or_skip() -> Path:
    corpus = shared_corpus()
    if corpus is None:
        pytest.skip("the development corpus ../shared/corpus is absent (a user's clone)")
    return corpus


def truth_of(sample: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((samples_dir() / f"{sample}.truth.json").read_text("utf-8"))
    return data


def convert_to(tmp: Path, *args: str) -> tuple[int, Path]:
    out = tmp / "out"
    code = main(["convert", *args, "--out", str(out)])
    return code, out


@pytest.fixture(scope="session")
def sample_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """samples/US20050004437A1.tif converted with the default profile."""
    code, out = convert_to(tmp_path_factory.mktemp("sample"),
                           str(samples_dir() / "US20050004437A1.tif"))
    assert code == 0
    return out / "US20050004437A1"


@pytest.fixture(scope="session")
def scanned_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same publication with scan defects (skew, noise, dark borders)."""
    code, out = convert_to(tmp_path_factory.mktemp("scan"),
                           str(samples_dir() / "US20050004437A1-scan.tif"))
    assert code == 0
    return out / "US20050004437A1"


@pytest.fixture(scope="session")
def two_column_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    code, out = convert_to(tmp_path_factory.mktemp("two"),
                           str(samples_dir() / "US08930553B2-two-column.tif"))
    assert code == 0
    return out / "US8930553B2"
