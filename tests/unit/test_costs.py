"""The cost of each page by stage, measured by the pipeline itself: CPU seconds that add up,
a stage inside another counted to itself alone, and every page of a conversion with its
stages and kind in the batch summary."""

from __future__ import annotations

import json
import time
from pathlib import Path

from record_engine import PROFILE, recording_of
from schemas import check

from ocr36 import records
from ocr36.batch import ConvertOptions, convert
from ocr36.batch.summary import BatchSummary, Summary
from ocr36.costs import (
    OCR,
    PACKAGE,
    PREPROCESS,
    SECOND_LOOKS,
    STAGES,
    STRUCTURE,
    measuring,
    stage,
)
from ocr36.ocr.recorded import replay_spec
from ocr36.paths import samples_dir
from ocr36.profile import load_profile


def _spin(seconds: float) -> None:
    """CPU work (not sleep: a sleeping process costs nothing)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_stage_inside_another_is_counted_to_itself_alone() -> None:
    with measuring() as clock:
        with stage(OCR):
            _spin(0.05)
            with stage(SECOND_LOOKS):
                _spin(0.1)
            _spin(0.05)
        _spin(0.05)  # outside every stage: counted to none
    assert set(clock.seconds) == {OCR, SECOND_LOOKS}
    assert 0.09 <= clock.seconds[OCR] <= 0.2
    assert 0.09 <= clock.seconds[SECOND_LOOKS] <= 0.2
    with stage(OCR):  # no clock running: nothing to count to, nothing fails
        _spin(0.01)


def test_every_page_of_a_conversion_comes_with_its_cost_by_stage(tmp_path: Path) -> None:
    options = ConvertOptions(load_profile(PROFILE),
                             engine=replay_spec(recording_of("US20050004437A1")), jobs=1)
    converted = convert(samples_dir() / "US20050004437A1.tif", tmp_path / "out", options)
    assert converted.cost is not None
    pages = converted.cost.pages
    assert [page.page for page in pages] == list(range(1, 9))
    assert {page.kind for page in pages} >= {"front", "text", "claims", "drawing"}
    for page in pages:
        assert set(page.seconds) <= set(STAGES)
        assert page.seconds[PREPROCESS] > 0 and page.seconds[STRUCTURE] > 0
        assert page.seconds[PACKAGE] > 0
        assert all(value >= 0 for value in page.seconds.values())
    text = next(page for page in pages if page.kind == "text")
    assert text.seconds[OCR] > 0
    summary = Summary(in_dir=tmp_path, out_dir=tmp_path / "out", profile="default",
                      engine="replay", documents=1)
    summary.converted(tmp_path / "US20050004437A1.tif", converted.package, converted.document,
                      converted.seconds, converted.cost)
    summary.finish()
    data = json.loads(summary.write(tmp_path).read_text("utf-8"))
    check("batch-summary", data)
    assert data["converted"][0]["cost"]["pages"][0]["kind"] == "front"
    assert BatchSummary.from_json(data) == summary.record()
    assert records.from_json(BatchSummary, data).converted[0].cost == converted.cost
