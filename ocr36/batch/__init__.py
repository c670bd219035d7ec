"""Documents converted from open to commit: `ocr36 convert` over its inputs and `ocr36 batch`
over a whole back-file (resumable, one package per document, exactly once), with the same
page tasks, re-reads, runners, failures and progress."""

from __future__ import annotations

from ocr36.batch.convert import convert, convert_documents, read_pages
from ocr36.batch.options import ConvertOptions
from ocr36.batch.outcome import Converted, Failed, Outcome, Skipped
from ocr36.batch.progress import Progress, page_progress_for, progress_for
from ocr36.batch.run import find_documents, run_batch
from ocr36.batch.summary import SUMMARY_NAME, Summary

__all__ = ["SUMMARY_NAME", "ConvertOptions", "Converted", "Failed", "Outcome", "Progress",
           "Skipped", "Summary", "convert", "convert_documents", "find_documents",
           "page_progress_for", "progress_for", "read_pages", "run_batch"]
