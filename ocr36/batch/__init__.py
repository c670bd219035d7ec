"""Batch conversion of a whole back-file: resumable, one package per document, exactly once."""

from __future__ import annotations

from ocr36.batch.progress import Progress, progress_for
from ocr36.batch.run import BatchOptions, find_documents, run_batch
from ocr36.batch.summary import SUMMARY_NAME, Summary

__all__ = ["SUMMARY_NAME", "BatchOptions", "Progress", "Summary", "find_documents",
           "progress_for", "run_batch"]
