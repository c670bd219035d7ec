"""Layout decisions by name: every threshold a `[layout]` key, every region with its id and
the reason it was decided."""

from __future__ import annotations

import ast
import re
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest

from ocr36.cli import main
from ocr36.errors import ProfileError
from ocr36.ingest import load_page, open_source
from ocr36.layout import analyse
from ocr36.model import CleanPage, PageLayout, RegionKind
from ocr36.ocr import get_engine
from ocr36.paths import profiles_dir, samples_dir
from ocr36.preprocess import preprocess
from ocr36.profile import LAYOUT_PARAMETERS, LayoutParameters, load_profile
from ocr36.review.trace import band_reason

SAMPLE = samples_dir() / "US20050004437A1.tif"
TWO_COLUMN = samples_dir() / "US08930553B2-two-column.tif"


def _clean(path: Path, number: int) -> CleanPage:
    profile = load_profile("default")
    return preprocess(load_page(open_source(path), number, 300), profile.preprocess,
                      get_engine())


@pytest.fixture(scope="module")
def text_page() -> CleanPage:
    return _clean(SAMPLE, 2)


def _ruled_page() -> CleanPage:
    """A4 at 300 dpi: twelve lines of words (bars) and, between them, a rule 100 mm long."""
    image = np.full((3508, 2480), 255, dtype=np.uint8)
    for top in [*range(400, 700, 56), *range(1000, 1300, 56)]:
        for word in range(8):
            image[top : top + 30, 300 + word * 180 : 440 + word * 180] = 0
    image[850:852, 300:1481] = 0
    return CleanPage(number=3, image=image, gray=image, dpi=300, skew=0.0, rotation=0,
                     scale=1.0)


def _write(tmp_path: Path, layout: str) -> Path:
    path = tmp_path / "office.toml"
    path.write_text(f'extends = "default"\n[layout]\n{layout}\n', "utf-8")
    return path


def test_a_layout_override_changes_the_decision_it_names(tmp_path: Path) -> None:
    page = _ruled_page()
    default = analyse(page, load_profile("default").layout)
    rules = [r for r in default.regions if r.band == "rule"]
    assert len(rules) == 1 and rules[0].reason is not None
    assert (rules[0].reason.rule, rules[0].reason.key) == \
        ("straight-line", "layout.rule_min_length_mm")
    assert rules[0].box.width >= 1181
    # rules must now be longer than the one printed: it is no straight-line rule any more
    longer = load_profile(str(_write(tmp_path, "rule_min_length_mm = 110.0")))
    assert longer.layout.rule_min_length_mm == 110.0
    changed = analyse(page, longer.layout)
    assert all(r.reason is None or r.reason.rule != "straight-line" for r in changed.regions)
    assert [r.box for r in changed.text_regions] == [r.box for r in default.text_regions]


def test_paragraph_gap_decides_how_lines_group(text_page: CleanPage) -> None:
    settings = load_profile("default").layout
    default = analyse(text_page, settings)
    apart = analyse(text_page, replace(settings, paragraph_gap_lines=0.2))
    together = analyse(text_page, replace(settings, paragraph_gap_lines=6.0))
    assert len(apart.text_regions) > len(default.text_regions) > len(together.text_regions)
    assert all(r.reason is not None and r.reason.key == "layout.paragraph_gap_lines"
               for r in default.text_regions)


def _check_reasons(layout: PageLayout) -> None:
    ids = [r.id for r in layout.regions]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"r\d+", i) for i in ids)
    bands = [r for r in layout.regions if r.kind is RegionKind.BAND]
    assert bands
    for band in bands:
        assert band.reason is not None, band
        key = band.reason.key.removeprefix("layout.")
        assert band.reason.rule and key in {f.name for f in fields(LayoutParameters)}, band


def test_every_band_has_its_reason(text_page: CleanPage) -> None:
    profile = load_profile("default")
    layout = analyse(text_page, profile.layout)
    _check_reasons(layout)
    named = {r.band for r in layout.regions if r.kind is RegionKind.BAND}
    assert {"running-header", "page-number", "line-numbers"} <= named
    for band in (r for r in layout.regions if r.kind is RegionKind.BAND):
        assert band.reason is not None and band.reason.key in band_reason(band, profile)
    _check_reasons(analyse(_clean(TWO_COLUMN, 3), profile.layout))
    _check_reasons(analyse(_ruled_page(), profile.layout))


@pytest.mark.parametrize(("text", "message"), [
    ("paragraph_gaps = 2", r"unknown key 'layout.paragraph_gaps' \(line 3\)"),
    ("paragraph_gap_lines = 'wide'",
     r"key 'layout.paragraph_gap_lines' \(line 3\): expected a number, 0 or more"),
    ("table_min_rows = 2.5",
     r"key 'layout.table_min_rows' \(line 3\): expected a whole number, 0 or more"),
])
def test_a_bad_layout_key_is_refused_with_file_key_and_line(tmp_path: Path, text: str,
                                                             message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ProfileError, match=message) as caught:
        load_profile(str(path))
    assert str(path) in caught.value.message


def test_default_profile_documents_every_layout_parameter() -> None:
    text = (profiles_dir() / "default.toml").read_text("utf-8")
    documented = dict(re.findall(r"^#   (\w+) = (\S+)$", text, flags=re.MULTILINE))
    defaults = {f.name: f.default for f in fields(LayoutParameters) if f.name in documented}
    assert set(documented) == set(LAYOUT_PARAMETERS)
    for name, value in documented.items():
        assert ast.literal_eval(value) == pytest.approx(defaults[name], abs=1e-6), name


def test_profiles_new_keeps_the_thresholds_a_profile_sets(tmp_path: Path) -> None:
    source = _write(tmp_path, "paragraph_gap_lines = 1.5\ntable_min_rows = 5")
    target = tmp_path / "copy.toml"
    assert main(["profiles", "new", "copy", "--from", str(source), "--out", str(target)]) == 0
    original, copy = load_profile(str(source)), load_profile(str(target))
    assert copy.layout == original.layout
    assert (copy.layout.paragraph_gap_lines, copy.layout.table_min_rows) == (1.5, 5)
