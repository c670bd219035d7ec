"""A page comes back from its worker as it was read, and is held compactly: what the pages of
a long document cost the main process while its structure is built."""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from record_engine import recording_of

from ocr36.batch.tasks import PackedPage
from ocr36.ingest import open_source
from ocr36.model import PageResult
from ocr36.model.geometry import SHARED_COORDINATES
from ocr36.ocr.recorded import replay_spec
from ocr36.pages import PageTask, process_page
from ocr36.paths import samples_dir
from ocr36.profile import load_profile

SAMPLE = "US20050004437A1"
DENSE_PAGE = 2
"""A page of description: 52 lines, 710 words."""
BYTES_A_WORD = 250
"""Held by the main process for each word of a dense page (its box, confidence and text;
about 540 as unpickled dataclass objects, 170 as held now)."""


@pytest.fixture(scope="module")
def dense_page() -> PageResult:
    source = open_source(samples_dir() / f"{SAMPLE}.tif")
    return process_page(PageTask(source, DENSE_PAGE, load_profile("default"),
                                 replay_spec(recording_of(SAMPLE))))


def _words(page: PageResult) -> int:
    return sum(len(line.words) for line in page.text.lines)


def test_a_page_comes_back_from_its_worker_as_it_was_read(dense_page: PageResult) -> None:
    back = PackedPage.of(dense_page).unpack()
    assert back == dense_page
    assert [line.text for line in back.text.lines] == \
        [line.text for line in dense_page.text.lines]
    assert back.text.mean_confidence == dense_page.text.mean_confidence
    boxes = [word.box for line in back.text.lines for word in line.words]
    assert all(box.left is SHARED_COORDINATES[box.left] for box in boxes)


def test_a_dense_page_is_held_in_a_few_hundred_bytes_a_word(dense_page: PageResult) -> None:
    words = _words(dense_page)
    assert words > 600
    packed, copies = PackedPage.of(dense_page), 10
    images = len(dense_page.packed_page) + sum(len(c.data) for c in dense_page.crops.values())
    gc.collect()
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        held = [packed.unpack() for _ in range(copies)]
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(held) == copies
    assert ((end - start) / copies - images) / words < BYTES_A_WORD
