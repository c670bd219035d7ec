"""Bad input: a clear message naming the file and page, a documented exit code, no output."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PIL import Image

from ocr36.cli import main
from ocr36.errors import BadInput, ExitCode
from ocr36.ingest import load_page, open_source
from ocr36.paths import samples_dir

SAMPLE = samples_dir() / "US20050004437A1.tif"


def _huge_header_tiff(path: Path) -> None:
    """A TIFF whose header claims 50,000 x 50,000 pixels (a decompression bomb)."""
    entries = [(256, 4, 1, 50_000), (257, 4, 1, 50_000), (258, 3, 1, 1), (259, 3, 1, 4),
               (262, 3, 1, 0), (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, 50_000),
               (279, 4, 1, 10)]
    header = b"II*\x00" + struct.pack("<I", 18) + b"\x00" * 10
    directory = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<H", value) + b"\x00\x00" if kind == 3 else struct.pack("<I", value)
        directory += struct.pack("<HHI", tag, kind, count) + packed
    path.write_bytes(header + directory + struct.pack("<I", 0))


def _truncated_tiff(path: Path) -> None:
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 3])


BAD_INPUTS = {
    "empty.tif": lambda p: p.write_bytes(b""),
    "text.tif": lambda p: p.write_text("this is not an image\n", "utf-8"),
    "corrupt.tif": lambda p: p.write_bytes(b"II*\x00" + b"\xff" * 400),
    "huge.tif": _huge_header_tiff,
    "truncated.tif": _truncated_tiff,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_exits_2_and_writes_nothing(name: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / name
    BAD_INPUTS[name](bad)
    out = tmp_path / "out"
    assert main(["convert", str(bad), "--out", str(out), "-j", "1"]) == ExitCode.BAD_INPUT
    error = capsys.readouterr().err
    assert name in error and "remedy:" in error
    assert not out.exists() or not any(out.iterdir())


def test_truncated_tiff_names_the_page(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.tif"
    _truncated_tiff(bad)
    with pytest.raises(BadInput, match=r"truncated\.tif: page \d+"):
        source = open_source(bad)
        for number in range(1, source.page_count + 1):
            load_page(source, number, 300)


def test_folder_without_pages_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no pages here", "utf-8")
    assert main(["convert", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == \
        ExitCode.BAD_INPUT


def test_missing_input_exits_5(tmp_path: Path) -> None:
    assert main(["convert", str(tmp_path / "absent.tif"), "--out", str(tmp_path / "out")]) == \
        ExitCode.FILE_ACCESS


def test_pages_without_claims_exit_2(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "description-only"
    pages.mkdir()
    with Image.open(SAMPLE) as image:
        image.seek(1)
        image.save(pages / "p2.tif", compression="group4", dpi=(300, 300))
    out = tmp_path / "out"
    assert main(["convert", str(pages), "--out", str(out), "-j", "1"]) == ExitCode.BAD_INPUT
    assert "no numbered claims" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_blank_pages_exit_2_with_nothing_written(tmp_path: Path) -> None:
    blank = tmp_path / "blank.tif"
    Image.new("1", (2480, 3508), 1).save(blank, compression="group4", dpi=(300, 300))
    out = tmp_path / "out"
    assert main(["convert", str(blank), "--out", str(out), "-j", "1"]) == ExitCode.BAD_INPUT
    assert not out.exists() or not any(out.iterdir())


def test_a_bad_document_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "empty.tif"
    bad.write_bytes(b"")
    pages = tmp_path / "pages"
    pages.mkdir()
    with Image.open(SAMPLE) as image:
        for number in range(4):
            image.seek(number)
            image.save(pages / f"p{number + 1}.tif", compression="group4", dpi=(300, 300))
    out = tmp_path / "out"
    assert main(["convert", str(bad), str(pages), "--out", str(out)]) == \
        ExitCode.BATCH_FAILURES
    assert [p.name for p in out.iterdir()] == ["US20050004437A1"]
