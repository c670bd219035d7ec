"""The Debian package of each Tesseract pack, named where one is missing: a language's pack
(`chi_sim`) and a script model (`Japanese`, installed by tesseract-ocr-script-jpan)."""

from __future__ import annotations

from ocr36.languages.packs import debian_package
from ocr36.ocr.tessdata import missing_pack_error


def test_a_language_pack_and_a_script_model_name_their_debian_packages() -> None:
    assert debian_package("chi_sim") == "tesseract-ocr-chi-sim"
    assert debian_package("Japanese") == "tesseract-ocr-script-jpan"
    assert debian_package("HanS_vert") == "tesseract-ocr-script-hans-vert"
    remedy = missing_pack_error(["jpn", "HanS"]).remedy
    assert "apt-get install tesseract-ocr-jpn tesseract-ocr-script-hans" in remedy
