"""A run's timeline: each process notes its spans of work when OCR36_TIMELINE names a file,
nothing otherwise, and the benchmark tells from it the cores left idle at the start, in the
middle and at the tail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.timeline import Span, phases, read_spans, runs
from ocr36.batch.timeline import STARTING, TIMELINE_VARIABLE, note_started, span


def test_spans_are_noted_only_when_a_file_is_named(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = tmp_path / "timeline.jsonl"
    monkeypatch.delenv(TIMELINE_VARIABLE, raising=False)
    with span("page"):
        pass
    assert not timeline.exists()
    monkeypatch.setenv(TIMELINE_VARIABLE, str(timeline))
    note_started()
    with span("run"), span("page"):
        pass
    noted = read_spans(timeline)
    assert [item.what for item in noted] == [STARTING, "page", "run"]
    assert all(item.pid == os.getpid() and item.start <= item.end for item in noted)
    assert noted[0].end - noted[0].start < 3600  # this process's start, not the machine's


def test_idle_cores_are_told_by_phase() -> None:
    main, one, two = 10, 11, 12
    spans = [Span(main, 1, "starting", 0.0, 1.0), Span(main, 1, "run", 1.0, 12.0),
             Span(one, main, "starting", 1.0, 2.0), Span(one, main, "page", 2.0, 10.0),
             Span(two, main, "starting", 2.0, 3.0), Span(two, main, "page", 3.0, 8.0),
             Span(main, 1, "commit", 10.0, 11.0)]
    found = phases(runs(spans)[main], main, cores=2)
    # start (0-3): one core busy for 0-1 (the main process), 1-2 (the first worker), two
    # for 2-3; middle (3-8): both workers; tail (8-12): one worker to 10, the commit to 11
    assert (found.start, found.middle, found.tail) == (2.0, 0.0, 5.0)
    assert found.after_last_page == 3.0
    assert found.main_busy == 1.0 and found.wall == 12.0
    assert found.worker_import == [1.0, 1.0]


def test_workers_forked_from_a_fork_server_belong_to_its_run() -> None:
    main, server, one, two = 10, 11, 12, 13
    spans = [Span(main, 1, "starting", 0.0, 1.0), Span(main, 1, "run", 1.0, 10.0),
             Span(server, main, "serving", 1.0, 2.0),
             Span(one, server, "starting", 2.0, 2.1), Span(one, server, "page", 2.1, 10.0),
             Span(two, server, "starting", 2.1, 2.2), Span(two, server, "page", 2.2, 10.0),
             Span(99, 98, "page", 0.0, 10.0)]  # another run's worker
    found = phases(runs(spans)[main], main, cores=2)
    assert sorted(found.worker_import) == pytest.approx([0.1, 0.1])
    assert found.server_import == [1.0]
    # start (0-2.2): one core busy 0-1 (main), 1-2 (the server), 2-2.1 (one), two from 2.1
    assert found.start == pytest.approx(2.1)
    assert "the fork server 1.00 s" in found.line(cores=2, pages=2)
