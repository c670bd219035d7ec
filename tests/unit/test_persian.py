"""The bundled Persian profile and right-to-left headings read with a slip: Arabic and
Persian headings given with a class of spaces and direction marks between their words."""

from __future__ import annotations

from ocr36.paths import profiles_dir
from ocr36.profile import Bookmarks, load_profile
from ocr36.structure.sections import _matches


def _bookmarks(lang: str) -> Bookmarks:
    return load_profile(str(profiles_dir() / "lang" / f"{lang}.toml")).bookmarks


def test_the_persian_profile_loads_with_its_digits_pack_and_headings() -> None:
    profile = load_profile(str(profiles_dir() / "lang" / "fa.toml"))
    assert profile.language.digits == "persian" and profile.language.tesseract == ("fas",)
    assert profile.layout.right_to_left
    bookmarks = profile.bookmarks
    assert _matches("خلاصه اختراع", bookmarks.abstract)
    assert _matches("\u200fتوصیف اختراع\u200f", bookmarks.description)
    assert _matches("ادعانامه", bookmarks.claims["fa"])
    assert not _matches("ادعای ۱ تا ۳", bookmarks.claims["fa"])
    assert profile.numbering.claim.match("۱. تمام افراد بشر")


def test_arabic_and_persian_headings_read_with_a_slip() -> None:
    arabic = _bookmarks("ar")
    # Amiri's claims heading as 'ara' reads it: a letter lost
    assert _matches("عناصر الماية", arabic.claims["ar"])
    assert _matches("\u200fعناصر الماية", arabic.claims["ar"])
    assert _matches("الوصف الكاما", arabic.description)
    assert not _matches("عناصر", arabic.claims["ar"])
    assert not _matches("عناصر الحماية 1 إلى 3 من", arabic.claims["ar"])
    persian = _bookmarks("fa")
    assert _matches("ادعانامة", persian.claims["fa"])
    assert _matches("توصيف اختراع", persian.description)  # Arabic yeh for Persian's


def test_thai_and_russian_headings_read_with_a_slip() -> None:
    assert _matches("ข้อถือสิทธ", _bookmarks("th").claims["th"])
    assert _matches("รายละเอียดการประดิษฐ", _bookmarks("th").description)
    assert _matches("Описание изобретеиия", _bookmarks("ru").description)
