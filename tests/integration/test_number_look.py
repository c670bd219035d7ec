"""The publication number of a front page printed in another script ('(11) RU 2023001234
B1' among Cyrillic fields), read by Tesseract with the pack of the page's script and again,
on its own line, with the profile's `number_packs`."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from ocr36.model import PageText
from ocr36.numberlook import read_number_again
from ocr36.ocr import get_engine
from ocr36.paths import profiles_dir
from ocr36.profile import load_profile
from ocr36.structure.fields import parse_publication_number
from ocr36_synth.cjk_pages import TOP
from ocr36_synth.script_pages import render_script
from ocr36_synth.udhr import load_declaration

OFFICES = {"ru": "RU", "th": "TH", "ko": "KR", "ar": "SA"}


def _fields_band(lang: str) -> np.ndarray:
    """The front page's first fields, (11) (45) (54), as the page is scanned."""
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                            check=False).stdout.split()
    profile = load_profile(str(profiles_dir() / "lang" / f"{lang}.toml"))
    missing = [p for p in profile.all_tesseract_languages if p not in listed]
    if missing:
        pytest.skip(f"Tesseract packs {missing} not installed: make setup PROFILES=lang/{lang}")
    rendered = render_script(load_declaration(lang), claims=False, description=False)
    page = rendered.bilevel()[0]
    band = page.crop((0, TOP - 60, page.width, TOP + 300)).convert("L")
    return np.asarray(band, dtype=np.uint8)


@pytest.mark.parametrize("lang", sorted(OFFICES))
def test_the_latin_number_of_a_front_page_in_another_script_is_read_again(lang: str) -> None:
    band = _fields_band(lang)
    profile = load_profile(str(profiles_dir() / "lang" / f"{lang}.toml"))
    engine = get_engine()
    text = PageText(1, engine.recognize(band, profile.language.tesseract, 6))
    mended = read_number_again(band, text, engine, profile.front_page.number_packs)
    found = [parse_publication_number(" ".join(w.text for w in line.words))
             for line in mended.lines]
    assert (OFFICES[lang], "2023001234", "B1") in found
    # one line mended, the others as the page's pack read them; none without packs
    assert len(mended.lines) == len(text.lines)
    assert sum(a != b for a, b in zip(mended.lines, text.lines, strict=True)) <= 1
    assert read_number_again(band, text, engine, ()) is text
