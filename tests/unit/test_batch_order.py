"""A batch reads its largest documents first, so that it ends on small ones; equals keep
their order, and an entry whose size cannot be told is read in its turn."""

from __future__ import annotations

from pathlib import Path

from ocr36.batch.run import largest_first


def test_the_largest_documents_are_read_first(tmp_path: Path) -> None:
    small, large, equal = (tmp_path / name for name in ("a.tif", "b.tif", "c.tif"))
    small.write_bytes(b"x" * 10)
    large.write_bytes(b"x" * 1000)
    equal.write_bytes(b"x" * 10)
    folder = tmp_path / "d"
    folder.mkdir()
    for number in range(3):
        (folder / f"page{number}.tif").write_bytes(b"x" * 400)
    gone = tmp_path / "e.tif"
    order = largest_first([small, large, equal, folder, gone])
    assert order == [folder, large, small, equal, gone]
