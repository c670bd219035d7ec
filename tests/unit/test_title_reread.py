"""Titles (54) in other languages read again with their own packs: which titles, with which
packs, and how the words read again replace the first reading; the titles in other
languages that reading order gave to the (51) printed beside the first; a recording that
serves what it holds and reads only the calls it lacks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from text_pages import page_result, typed_line, typed_words

from ocr36.model import Box, Line, PageText, Region, RegionKind, Word
from ocr36.ocr.engine import line_of
from ocr36.ocr.recorded import (
    Call,
    Recording,
    RecordingEngine,
    ReplayEngine,
    digest,
    save_recording,
)
from ocr36.profile import load_profile
from ocr36.structure import build_document
from ocr36.titleread import TitleRead, mended, read_titles_again, title_reads

_TITLES = ["(54) Sound damping and fire resistant panel and its",
           "Schalldampfungs- und Brandschutzplatte und Verfahren",
           "Panneau isolant et resistant au feu et son procede"]


def _front_page(titles_beside_51: bool = False) -> list:  # type: ignore[type-arg]
    """A front page whose (54) prints three titles a line's height apart; where
    `titles_beside_51`, the (51) beside the first title is read before the other two, as
    the layout's regions come."""
    region = Region(RegionKind.TEXT, Box(250, 250, 2000, 1500), id="r1")
    lines = [typed_line("(11) EP 2 007 181 A2", 300, left=1400),
             typed_line("(43) Date of publication: 24.12.2008", 400),
             typed_line(_TITLES[0], 500)]
    rest = [typed_line(_TITLES[1], 560, left=414), typed_line(_TITLES[2], 620, left=414)]
    # the second title reaches past the left of the (51) code beside it, its middle not
    ipc = [typed_line("(51) Int Cl.:", 400, left=1420), typed_line("H05K 5/02", 450, left=1520)]
    lines = [*lines, *ipc, *rest] if titles_beside_51 else [*lines, *rest, *ipc]
    lines.append(typed_line("(57) A panel damps sound and resists fire.", 800))
    lines.append(typed_line("Description", 1000))
    lines.append(typed_line("[0001] The invention relates to a panel.", 1100))
    lines.append(typed_line("Claims", 1200))
    lines.append(typed_line("1. A panel.", 1300))
    return [page_result(1, lines, [region])]


def test_titles_in_other_languages_are_read_again_with_their_packs() -> None:
    pages = _front_page()
    for profile in (load_profile("default"), load_profile("ep")):
        reads = title_reads(pages, profile)
        assert [(read.packs, len(read.boxes)) for read in reads] == [(("deu",), 1),
                                                                       (("fra",), 1)]
        assert reads[0].boxes[0].left == 414
    # a profile that reads no language it does not name reads none again
    default = load_profile("default")
    off = replace(default, language=replace(default.language, read_detected=False))
    assert title_reads(pages, off) == ()


def test_titles_read_after_the_51_beside_them_are_the_titles() -> None:
    document = build_document(_front_page(titles_beside_51=True), load_profile("default"))
    titles = {title.lang: title.text for title in document.bibliographic.titles}
    assert titles["de"].startswith("Schalldampfungs-")
    assert titles["fr"].startswith("Panneau isolant")
    assert [symbol for symbol in document.bibliographic.ipc] == ["H05K 5/02"]


def _line(text: str, confidence: float) -> Line:
    words = tuple(Word(w.text, w.box, confidence) for w in typed_words(text, 414, 560))
    return line_of(list(words))


def test_a_word_read_again_replaces_the_first_where_read_as_confidently() -> None:
    first = _line("Schalldampfungs- und Verfahren", 80.0)
    again = list(_line("Schalldämpfungs- und Verfahren", 80.0).words)
    assert " ".join(w.text for w in mended(first, again).words) == \
        "Schalldämpfungs- und Verfahren"
    less = list(_line("Schalldämpfungs- und Verfahren", 79.0).words)
    assert mended(first, less) == first
    # a word read again as two (or two as one) is no reading of the same word
    split = [Word("Schall", Box(414, 560, 120, 30), 95.0),
             Word("dämpfungs-", Box(534, 560, 200, 30), 95.0)]
    assert mended(first, split).words[0].text == "Schalldampfungs-"


def test_the_lines_of_a_title_are_read_again_in_one_call(tmp_path: Path) -> None:
    """The call is served by a recording made here (the engine is not what is tested)."""
    line = _line("Vis pour panneau agglomere", 70.0)
    other = typed_line("(51) Int Cl.:", 560, left=1700)
    image = np.full((3508, 2480), 255, dtype=np.uint8)
    read = TitleRead(("fra",), (line.box,))
    height, width = line.box.height + 48, line.box.width + 48  # a margin of 24 round it
    again = line_of([Word(w.text, w.box.moved(24 - 414, 24 - 560), 90.0) for w in
                     _line("Vis pour panneau aggloméré", 90.0).words])
    recording = Recording("tesserocr", ("eng", "fra"), {})
    recording.calls[f"page 1 recognize fra psm 6 {height}x{width} #0"] = Call("-", (again,))
    path = tmp_path / "titles.json.gz"
    recording.save(path)
    text = read_titles_again(image, PageText(1, (line, other)), ReplayEngine(path, 1), [read])
    assert [each.text for each in text.lines] == ["Vis pour panneau aggloméré", other.text]


def test_a_recording_serves_what_it_holds_and_reads_only_what_it_lacks(
        tmp_path: Path) -> None:
    image = np.full((40, 100), 255, dtype=np.uint8)
    held = line_of([Word("held", Box(1, 1, 40, 20), 90.0)])
    lacking = line_of([Word("read", Box(1, 1, 40, 20), 90.0)])
    path, source = tmp_path / "kept.json.gz", tmp_path / "engine.json.gz"
    kept = Recording("tesserocr", ("eng", "deu"), {})
    engine = Recording("tesserocr", ("eng", "deu"), {})
    key, other = "page 1 recognize eng psm 6 40x100 #0", "page 1 recognize deu psm 6 40x100 #0"
    kept.calls[key] = Call(digest(image), (held,))
    engine.calls[other] = Call(digest(image), (lacking,))  # the engine holds no `key`
    engine.save(source)
    kept.calls["page 2 recognize eng psm 6 40x100 #0"] = Call(digest(image), (held,))
    kept.save(path)  # a call made no more is not kept
    recording = RecordingEngine(ReplayEngine(source), path).for_page(1)
    assert recording.recognize(image, ["eng"], 6) == (held,)
    assert recording.recognize(image, ["deu"], 6) == (lacking,)
    saved = save_recording(path)
    assert set(saved.calls) == {key, other}
    assert set(Recording.load(path).calls) == {key, other}
