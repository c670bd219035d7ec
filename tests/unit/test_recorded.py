"""The recorded engine: what Tesseract returned, served again without it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from record_engine import SAMPLES, recording_of, replay

from ocr36.errors import BadArguments, MissingDependency
from ocr36.ingest import open_source
from ocr36.model import Box, Word
from ocr36.ocr import registry
from ocr36.ocr.engine import line_of
from ocr36.ocr.recorded import (
    Call,
    MissingRecord,
    Recording,
    ReplayEngine,
    digest_mismatches,
    record_spec,
    replay_spec,
    save_recording,
)
from ocr36.ocr.registry import get_engine
from ocr36.pages import PageTask, process_page
from ocr36.paths import samples_dir
from ocr36.profile import load_profile

SAMPLE = "US20050004437A1"
PAGE = 3


def test_recordings_are_small_and_round_trip() -> None:
    for sample in SAMPLES:
        path = recording_of(sample)
        assert path.stat().st_size < 100_000, path
        recording = Recording.load(path)
        assert recording.engine == "tesserocr" and "eng" in recording.languages
        assert any(call.lines for call in recording.calls.values())
        assert any(call.orientation for call in recording.calls.values())
        again = Recording.from_json(json.loads(json.dumps(recording.to_json())))
        assert again == recording
        assert json.loads(gzip.decompress(path.read_bytes())) == recording.to_json()


def test_spaces_read_before_words_are_kept_where_not_the_usual() -> None:
    """Whether a space was read before a word is recorded where it is not the usual for its
    place (Korean pieces of a word; an engine that does not tell), and served again."""
    def word(text: str, left: int, space_before: bool | None) -> Word:
        return Word(text, Box(left, 10, 30, 36), 93.0, space_before=space_before)

    korean = line_of([word("모든", 0, False), word("인", 50, True), word("간", 80, False)])
    untold = line_of([word("the", 0, None), word("claim", 50, None)])
    usual = line_of([word("the", 0, False), word("claim", 50, True)])
    call = Call("digest", (korean, untold, usual))
    rows = call.to_json()["lines"]
    assert [len(row) for row in rows[0]] == [6, 6, 7] and rows[0][2][6] is False
    assert [row[6] for row in rows[1]] == [None, None] and {len(r) for r in rows[2]} == {6}
    again = Call.from_json(json.loads(json.dumps(call.to_json())))
    assert again == call and again.lines[0].text == "모든 인간"


def test_replay_reads_a_page_as_tesseract_does(tmp_path: Path) -> None:
    """A page read live (and recorded) and the same page replayed give the same text."""
    pytest.importorskip("tesserocr")
    source = open_source(samples_dir() / f"{SAMPLE}.tif")
    profile = load_profile("default")
    path = tmp_path / "page.json.gz"
    live = process_page(PageTask(source, PAGE, profile, record_spec("tesserocr", path)))
    recording = save_recording(path)
    assert len(recording.calls) >= 2
    replayed = process_page(PageTask(source, PAGE, profile, replay_spec(path)))
    assert replayed.text == live.text and replayed.layout == live.layout
    assert digest_mismatches(path) == []
    # and as the bundled recording of the whole sample has it
    bundled = process_page(PageTask(source, PAGE, profile, replay_spec(recording_of(SAMPLE))))
    assert bundled.text == live.text


def test_replay_converts_every_sample_without_an_engine(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "ADAPTERS", {})
    with pytest.raises(BadArguments, match="unknown OCR engine"):
        get_engine("tesserocr")
    package = replay("US08930553B2-two-column", tmp_path / "out")
    assert (package / "DOC00001.xml").is_file()
    assert digest_mismatches(recording_of("US08930553B2-two-column")) == []


def test_a_call_not_recorded_is_an_error_not_an_empty_page() -> None:
    engine = ReplayEngine(recording_of(SAMPLE)).for_page(PAGE)
    blank = np.full((123, 457), 255, dtype=np.uint8)
    with pytest.raises(MissingRecord, match="page 3 recognize eng psm 6 123x457"):
        engine.recognize(blank, ["eng"], 6)
    with pytest.raises(MissingRecord, match="orientation"):
        engine.orientation(blank)


def test_replay_checks_languages_as_recorded() -> None:
    engine = get_engine(replay_spec(recording_of(SAMPLE)))
    engine.check(["eng"])
    with pytest.raises(MissingDependency, match="not installed: xyz") as missing:
        engine.check(["eng", "xyz"])
    assert missing.value.exit_code == 3
    assert "apt-get install tesseract-ocr-xyz" in str(missing.value.remedy)
