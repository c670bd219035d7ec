"""The JSON ocr36 writes, as records: each reads back equal, and matches its JSON Schema."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from review_browser import scan_with_review
from schemas import check

from ocr36 import records
from ocr36.batch.summary import BatchSummary, Summary
from ocr36.journal import Decision, Entry, State
from ocr36.manifest import MANIFEST_KEYS, MANIFEST_NAME, Manifest
from ocr36.model import PageKind
from ocr36.review.trace import TRACE_NAME, read_trace, review_folder
from ocr36.review.tracedata import Trace

SCHEMAS = ("manifest", "trace", "batch-summary", "journal-entry")


def test_every_schema_is_a_valid_json_schema_shipped_as_package_data() -> None:
    for kind in SCHEMAS:
        jsonschema.Draft202012Validator.check_schema(records.schema(kind))
    setup = (Path(__file__).parents[2] / "setup.py").read_text("utf-8")
    assert '"ocr36": ["schemas/*.json"' in setup


def test_manifest_of_a_conversion_reads_back_equal_and_is_valid(sample_package: Path) -> None:
    written = (sample_package / MANIFEST_NAME).read_bytes()
    data = json.loads(written)
    check("manifest", data)
    manifest = Manifest.read(sample_package)
    assert manifest.pages[0].kind is PageKind.FRONT
    assert manifest.source.sha256 == data["source"]["sha256"]
    assert manifest.to_bytes() == written  # the same bytes, key for key
    assert sorted(data) == sorted(MANIFEST_KEYS)


def test_schema_names_every_manifest_field() -> None:
    """A field added to Manifest is added to its schema too (and the schema refuses any
    other key)."""
    schema = records.schema("manifest")
    fields = {records.json_name(f) for f in dataclasses.fields(Manifest)}
    assert set(schema["properties"]) == fields
    assert schema["additionalProperties"] is False


def test_a_broken_manifest_fails_its_schema(sample_package: Path) -> None:
    data = json.loads((sample_package / MANIFEST_NAME).read_text("utf-8"))
    data["pages"][0]["kind"] = "cover"
    with pytest.raises(AssertionError, match="cover"):
        check("manifest", data)


def test_trace_of_a_conversion_reads_back_equal_and_is_valid(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = review_folder(scan_with_review(tmp_path_factory))
    data = json.loads((folder / TRACE_NAME).read_text("utf-8"))
    check("trace", data)
    trace = read_trace(folder)
    assert isinstance(trace, Trace) and len(trace.pages) == 8
    assert trace.to_json() == data
    assert Trace.from_json(json.loads(trace.dumps())) == trace
    assert any(r.band for page in trace.pages for r in page.regions)
    assert any(block.num_box for block in trace.blocks)
    layout_regions = [r for page in trace.pages for r in page.regions if r.order != 0]
    assert layout_regions and all(r.id and r.rule for r in layout_regions)
    assert all(r.key for r in layout_regions if r.band)
    for page in trace.pages:
        text_ids = {r.id for r in page.regions if r.kind == "text"}
        assert all(line.region in text_ids for line in page.lines)


def test_batch_summary_reads_back_equal_and_is_valid(tmp_path: Path) -> None:
    summary = Summary(in_dir=tmp_path / "in", out_dir=tmp_path, profile="default",
                      engine="tesserocr", documents=3)
    summary.skipped(tmp_path / "in" / "a.tif", Decision.SKIP_DONE, "A", "")
    summary.skipped(tmp_path / "in" / "b.tif", Decision.SKIP_FAILED, "",
                    "b.tif: page 2 is truncated")
    summary.failed(tmp_path / "in" / "c.tif", "c.tif: not an image", 0)
    summary.finish()
    data = json.loads(summary.write(tmp_path).read_text("utf-8"))
    check("batch-summary", data)
    assert list(data) == ["in", "out", "profile", "engine", "started", "finished", "seconds",
                          "documents", "counts", "pages", "pages_per_second", "converted",
                          "skipped", "failed", "review"]
    assert data["skipped"][0] == {"source": str(tmp_path / "in" / "a.tif"),
                                  "reason": "converted before", "package": str(tmp_path / "A")}
    read = BatchSummary.from_json(data)
    assert read == summary.record()
    assert [s.error for s in read.skipped] == [None, "b.tif: page 2 is truncated"]


def test_journal_entry_reads_back_equal_and_is_valid() -> None:
    entry = Entry(source="/in/doc1.tif", sha256="ab" * 32, profile_sha256="cd" * 32,
                  state=State.FAILED, attempts=2, error="doc1.tif: page 3 is truncated",
                  package="", pages=4)
    data = json.loads(json.dumps(entry.to_json()))
    check("journal-entry", data)
    assert data["state"] == "failed"
    assert Entry.from_json(data) == entry
