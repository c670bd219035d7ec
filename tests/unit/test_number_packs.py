"""`[front_page] number_packs`: the packs that read the publication number's line again,
loaded, checked and installed with the profile's other packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr36.errors import ProfileError
from ocr36.languages.packs import debian_package, packs_of
from ocr36.paths import profiles_dir
from ocr36.profile import load_profile


def test_the_language_profiles_of_other_scripts_read_the_number_with_eng() -> None:
    for lang, pack in (("ru", "rus"), ("th", "tha"), ("ko", "kor"), ("ar", "ara")):
        profile = load_profile(str(profiles_dir() / "lang" / f"{lang}.toml"))
        assert profile.front_page.number_packs == ("eng",)
        assert profile.all_tesseract_languages == (pack, "eng")
        assert packs_of(profiles_dir(), f"lang/{lang}") == [pack, "eng"]
    assert load_profile("ep").front_page.number_packs == ()
    assert [debian_package(p) for p in packs_of(profiles_dir(), "ep")] == \
        ["tesseract-ocr-eng", "tesseract-ocr-deu", "tesseract-ocr-fra"]


def test_number_packs_is_a_list_of_pack_names(tmp_path: Path) -> None:
    path = tmp_path / "office.toml"
    path.write_text('extends = "lang/ru"\n[front_page]\nnumber_packs = ["eng latin"]\n', "utf-8")
    with pytest.raises(ProfileError, match=r"key 'front_page.number_packs' \(line 3\)"):
        load_profile(str(path))
    path.write_text('extends = "lang/ru"\n[front_page]\nnumber_packs = []\n', "utf-8")
    assert load_profile(str(path)).front_page.number_packs == ()
