"""The journal alone: what a rerun does with a document it finds."""

from __future__ import annotations

from pathlib import Path

from ocr36.journal import Decision, Journal, State


def test_new_document_is_converted(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    assert journal.decide("/in/a.tif", "s1", "p1", retry_failed=False) is Decision.CONVERT


def test_done_document_is_skipped_unless_source_or_profile_changed(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.start("/in/a.tif", "s1", "p1", 3)
    journal.writing("/in/a.tif", "A1")
    journal.done("/in/a.tif", "A1")
    assert journal.decide("/in/a.tif", "s1", "p1", retry_failed=False) is Decision.SKIP_DONE
    assert journal.decide("/in/a.tif", "s1", "p1", retry_failed=True) is Decision.SKIP_DONE
    assert journal.decide("/in/a.tif", "s2", "p1", retry_failed=False) is Decision.CONVERT
    assert journal.decide("/in/a.tif", "s1", "p2", retry_failed=False) is Decision.CONVERT
    journal.close()
    again = Journal(tmp_path)
    entry = again.entry("/in/a.tif")
    assert entry is not None
    assert (entry.state, entry.attempts, entry.package, entry.pages) == (State.DONE, 1, "A1", 3)
    assert again.package_owner("A1") == "/in/a.tif"


def test_failed_document_retried_only_when_asked(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.start("/in/b.tif", "s1", "p1", 2)
    journal.failed("/in/b.tif", "/in/b.tif: page 2 cannot be decoded")
    assert journal.decide("/in/b.tif", "s1", "p1", retry_failed=False) is Decision.SKIP_FAILED
    assert journal.decide("/in/b.tif", "s1", "p1", retry_failed=True) is Decision.CONVERT
    assert journal.decide("/in/b.tif", "s9", "p1", retry_failed=False) is Decision.CONVERT
    journal.start("/in/b.tif", "s1", "p1", 2)
    entry = journal.entry("/in/b.tif")
    assert entry is not None
    assert (entry.state, entry.attempts, entry.error) == (State.RUNNING, 2, "")


def test_interrupted_document_is_converted_again(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.start("/in/c.tif", "s1", "p1", 1)
    assert journal.decide("/in/c.tif", "s1", "p1", retry_failed=False) is Decision.CONVERT
    journal.writing("/in/c.tif", "C1")
    assert journal.decide("/in/c.tif", "s1", "p1", retry_failed=False) is Decision.CONVERT
    assert journal.package_owner("C1") is None
