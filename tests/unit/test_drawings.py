"""Drawings as the office delivers them: one figure per sheet by default, one per printed
label where the profile asks for it (the engine's results replayed: no Tesseract)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import truth_of
from lxml import etree
from record_engine import recording_of

from ocr36.batch import ConvertOptions, convert
from ocr36.ocr.recorded import replay_spec
from ocr36.paths import samples_dir
from ocr36.profile import load_profile
from ocr36.tiff import read_tiff_facts

SAMPLE = "US20050004437A1"


def _figures(package: Path) -> list[tuple[str, str]]:
    root = etree.parse(str(package / "DOC00001.xml")).getroot()
    return [(str(figure.get("num")), str(figure.find("img").get("file")))  # type: ignore[union-attr]
            for figure in root.iter("figure")]


def _converted(tmp_path: Path, profile: str) -> Path:
    options = ConvertOptions(load_profile(profile), engine=replay_spec(recording_of(SAMPLE)),
                             jobs=1)
    return convert(samples_dir() / f"{SAMPLE}.tif", tmp_path / "out", options).package


def test_one_figure_per_drawing_sheet_numbered_by_its_labels(sample_package: Path) -> None:
    truth = truth_of(SAMPLE)
    sheets = sorted({figure["page"] for figure in truth["figures"]})
    figures = _figures(sample_package)
    assert len(figures) == len(sheets) == 4
    # the labels read on each sheet; the third sheet's drawing and label were read as text
    # too garbled to name it, so it takes its sheet's number
    assert [num for num, _ in figures] == ["1", "2a", "3", "3"]
    assert [file for _, file in figures] == [f"imgf{n:04d}.tif" for n in range(1, 5)]
    assert (sample_package / "imgaf001.tif").is_file()
    # each sheet's image holds its whole drawing (the truth's ink box), and not the page
    for (_, file), drawn in zip(figures, truth["figures"], strict=True):
        facts = read_tiff_facts(sample_package / file)
        width, height = drawn["box"][2:]
        assert width <= facts.width < width + 200, (file, facts.width, width)
        assert height <= facts.height < height + 200, (file, facts.height, height)


@pytest.fixture
def label_profile(tmp_path: Path) -> Path:
    path = tmp_path / "by-label.toml"
    path.write_text('extends = "default"\nname = "by-label"\n\n[output]\nfigures = "label"\n',
                    "utf-8")
    return path


def test_a_profile_splits_the_sheets_by_label(tmp_path: Path, label_profile: Path) -> None:
    figures = _figures(_converted(tmp_path, str(label_profile)))
    assert [num for num, _ in figures] == ["1", "2a", "3", "3"]
    assert len({file for _, file in figures}) == len(figures)
