"""`ocr36 tune` and `ocr36 profiles new`: a profile edit shows, a new profile is complete."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from ocr36.cli import main
from ocr36.errors import ExitCode
from ocr36.paths import samples_dir
from ocr36.profile import SCHEMA, load_profile

SAMPLE = samples_dir() / "US20050004437A1.tif"
TRUTH = samples_dir() / "US20050004437A1.truth.json"


def _keys(schema: dict[str, object], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, rule in schema.items():
        if isinstance(rule, dict):
            keys |= _keys(rule, f"{prefix}{key}.")
        else:
            keys.add(f"{prefix}{key}")
    return keys


def _written_keys(data: dict[str, object], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in data.items():
        if isinstance(value, dict) and f"{prefix}{key}" not in (
                "language.sections", "bookmarks.claims", "numbering.claim_reference"):
            keys |= _written_keys(value, f"{prefix}{key}.")
        else:
            keys.add(f"{prefix}{key}")
    return keys


@pytest.mark.parametrize("source", ["default", "ep"])
def test_profiles_new_loads_and_equals_its_source(tmp_path: Path, source: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office.toml"
    assert main(["profiles", "new", "office", "--from", source, "--out", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    original, copy = load_profile(source), load_profile(str(target))
    assert copy.name == "office"
    assert dataclasses.replace(copy, name=original.name, path=original.path,
                               sha256=original.sha256) == original
    text = target.read_text("utf-8")
    data = tomllib.loads(text)
    assert "extends" not in data
    assert _written_keys(data) == _keys(SCHEMA) - {"extends"}  # every key present
    # every key is explained by a comment on the line above it
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^\w+ = ", line) and not re.match(r"^(de|fr|en|es) = ", line):
            assert lines[number - 1].startswith("# "), line


def test_profiles_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "office.toml"
    target.write_text("# mine\n", encoding="utf-8")
    assert main(["profiles", "new", "office", "--out", str(target)]) == ExitCode.FILE_ACCESS
    assert target.read_text("utf-8") == "# mine\n"


def test_profile_error_names_key_and_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office.toml"
    assert main(["profiles", "new", "office", "--out", str(target)]) == 0
    text = target.read_text("utf-8").replace("low_confidence = 60", "low_confidence = 'low'")
    target.write_text(text, encoding="utf-8")
    line = text.splitlines().index("low_confidence = 'low'") + 1
    assert main(["profiles", "check", str(target)]) == ExitCode.BAD_PROFILE
    error = capsys.readouterr().err
    assert f"key 'review.low_confidence' (line {line})" in error


def test_tune_shows_what_one_key_changes(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Two profiles that differ only in layout.drop_line_numbers, on two pages."""
    edited = tmp_path / "keep-line-numbers.toml"
    assert main(["profiles", "new", "keep-line-numbers", "--out", str(edited)]) == 0
    text = edited.read_text("utf-8")
    assert "drop_line_numbers = true" in text
    edited.write_text(text.replace("drop_line_numbers = true", "drop_line_numbers = false"),
                      encoding="utf-8")
    capsys.readouterr()
    code = main(["tune", "default", str(SAMPLE), "--truth", str(TRUTH), "--against",
                 str(edited), "--pages", "2-3", "-j", "2"])
    assert code == 0
    out = capsys.readouterr().out
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    assert re.search(r"bands dropped\s+26\s+4\s+\*", rows["bands dropped"])
    assert rows["CER description"].rstrip().endswith("*")
    before, after = re.findall(r"(\d+\.\d+) %", rows["CER description"])
    assert float(before) < 0.5 < float(after)  # keeping the numbers in the text hurts
    pages = [line for line in out.splitlines() if re.match(r"^[23]\s+description", line)]
    assert len(pages) == 2  # both pages differ, each listed
    assert all("line nos. 11 page no. 1 | header 1 page no. 1 *" in line for line in pages)


def test_tune_without_truth_gives_quality_signals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tune", "default", str(SAMPLE), "--pages", "3"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^numbering gaps\s+none$", out, re.M)
    assert re.search(r"^mean confidence\s+9\d\.\d$", out, re.M)
    assert "CER" not in out.split("page ")[0]
    assert re.search(r"^3\s+claims?|^3\s+description", out, re.M)


def test_tune_refuses_pages_outside_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tune", "default", str(SAMPLE), "--pages", "7-12"]) == ExitCode.BAD_ARGUMENTS
    assert "outside its pages 1-8" in capsys.readouterr().err
