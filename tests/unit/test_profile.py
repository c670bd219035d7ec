"""Profiles: loading, extends, and errors that name the file, the key and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr36.cli import main
from ocr36.errors import ExitCode, ProfileError
from ocr36.paths import profiles_dir
from ocr36.profile import available_profiles, load_profile


def test_bundled_profiles_load() -> None:
    names = {p.stem for p in available_profiles()}
    assert {"default", "ep"} <= names
    ep = load_profile("ep")
    assert ep.office == "EP"
    assert ep.language.sections == {"de": ("deu",), "fr": ("fra",)}
    assert set(ep.bookmarks.claims) == {"en", "de", "fr"}
    assert ep.layout.left_margin_mm == 22.0
    assert ep.preprocess.dpi_fallback == 300  # from default, through extends
    assert ep.numbering.paragraph.match("[0001] Text").group(1) == "0001"  # type: ignore[union-attr]
    assert ep.sha256 != load_profile("default").sha256


def _write(tmp_path: Path, text: str, name: str = "office.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_profile_in_another_language_and_script(tmp_path: Path) -> None:
    path = _write(tmp_path, """
extends = "default"
name = "eg"
office = "EG"
[language]
document = "ar"
tesseract = ["ara"]
[bookmarks]
description = ['^الوصف']
[bookmarks.claims]
ar = ['^عناصر الحماية']
[numbering]
paragraph = '^\\[([٠-٩0-9]{4})\\]'
claim = '^([٠-٩0-9]{1,3})\\s*[-.]'
[numbering.claim_reference]
ar = 'العنصر\\s+([٠-٩0-9]+)'
""")
    profile = load_profile(str(path))
    assert profile.language.document == "ar"
    assert list(profile.bookmarks.claims) == ["ar"]
    assert profile.bookmarks.claims["ar"][0].search("عناصر الحماية")
    assert profile.numbering.paragraph.match("[٠٠٠١]")


@pytest.mark.parametrize(("text", "message"), [
    ('extends = "default"\ncolour = "blue"\n', r"unknown key 'colour' \(line 2\)"),
    ('extends = "default"\n[layout]\ncolumns = 3\n',
     r"key 'layout.columns' \(line 3\): expected one of 'auto', 1, 2, got 3"),
    ('extends = "default"\n[numbering]\nparagraph = "[0-9"\n',
     r"key 'numbering.paragraph' \(line 3\): expected a valid regular expression"),
    ('extends = "default"\noffice = "europe"\n', r"key 'office' \(line 2\)"),
    ('extends = "default"\n[preprocess]\ndeskew = "yes"\n',
     r"key 'preprocess.deskew' \(line 3\): expected true or false"),
    ('extends = "default"\n[ocr]\nsoften = 5\n',
     r"key 'ocr.soften' \(line 3\): expected a number of pixels from 0 \(off\) to 3"),
    ('extends = "nowhere"\n', r"key 'extends' \(line 1\): no profile named 'nowhere'"),
    ('office = "EP"\n', r"key '[a-z_.]+' is missing"),
    ('extends = "default"\n[language\n', r"not valid TOML"),
])
def test_profile_errors_name_file_key_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ProfileError, match=message) as caught:
        load_profile(str(path))
    assert str(path) in caught.value.message


def test_profiles_extending_each_other_in_a_loop(tmp_path: Path) -> None:
    _write(tmp_path, 'extends = "b"\n', "a.toml")
    _write(tmp_path, 'extends = "a"\n', "b.toml")
    with pytest.raises(ProfileError, match="in a loop"):
        load_profile(str(tmp_path / "a.toml"))


def test_profiles_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles", "list"]) == 0
    listed = capsys.readouterr().out
    assert "default" in listed and "ep" in listed
    assert main(["profiles", "show", "ep"]) == 0
    assert "Patentanspr" in capsys.readouterr().out
    assert main(["profiles", "check", str(profiles_dir() / "ep.toml")]) == 0
    bad = _write(tmp_path, 'extends = "default"\n[layout]\ncolumns = 3\n')
    assert main(["profiles", "check", str(bad)]) == ExitCode.BAD_PROFILE
    assert "layout.columns" in capsys.readouterr().err


def test_a_profile_naming_a_missing_language_pack(tmp_path: Path) -> None:
    path = _write(tmp_path, 'extends = "default"\n[language]\ntesseract = ["xyz"]\n')
    assert main(["profiles", "check", str(path)]) == ExitCode.MISSING_DEPENDENCY
