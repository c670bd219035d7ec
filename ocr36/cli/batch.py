"""`ocr36 batch`: every document of a folder, resumable, with its summary and overview."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from ocr36.batch import progress_for, run_batch
from ocr36.cli.common import EXIT_CODES_HELP, BatchFailed, convert_options, setup_logging
from ocr36.errors import Ocr36Error
from ocr36.ocr.engine import DEFAULT_ENGINE, ENGINES
from ocr36.review.overview import write_overview
from ocr36.review.record import review_recorder

log = logging.getLogger(__name__)


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("in_dir", type=click.Path(path_type=Path, readable=False, file_okay=False))
@click.option("--out", "out_dir", required=True,
              type=click.Path(path_type=Path, readable=False, file_okay=False),
              help="Folder for the packages, the journal and batch-summary.json.")
@click.option("--profile", "profile_name", default="default", show_default=True,
              help="Office profile: a bundled name (see `ocr36 profiles list`) or a .toml path.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once (default: one per core). Not with --scheduler.")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE,
              show_default=True, help="OCR engine (tesserocr: Tesseract in-process).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Read the pages on a Dask distributed cluster (the cluster extra).")
@click.option("--retry-failed", is_flag=True, help="Try the documents that failed before again.")
@click.option("--metadata", type=click.Path(path_type=Path, readable=False, dir_okay=False),
              help="CSV or JSON records (a source column names each document).")
@click.option("--review", "with_review", is_flag=True,
              help="Also write a review page beside each package (NAME.review/index.html).")
@click.option("--ocr-all", is_flag=True,
              help="Read every page by OCR, a born-digital PDF's text layer too.")
@click.option("-v", "--verbose", is_flag=True, help="Say more; show tracebacks on errors.")
def batch(in_dir: Path, out_dir: Path, verbose: bool, **parsed: Any) -> None:
    """Convert every document of IN_DIR (image files, folders of page images) into --out.

    Resumable: a journal in --out records each document, so a rerun skips what is done,
    redoes what changed (source or profile) and, with --retry-failed, what failed.
    """
    setup_logging(verbose)
    options = convert_options(parsed)
    summary = run_batch(in_dir, out_dir, options, progress_for(sys.stderr),
                        review_recorder(options.profile) if options.review else None)
    _write_overview(out_dir)
    for line in summary.lines():
        click.echo(line)
    failed = len(summary.failed_documents) + len(summary.failed_before)
    if failed:
        raise BatchFailed(f"{failed} of {summary.documents} documents failed (see "
                          "batch-summary.json); the others were converted or done before",
                          remedy="Fix or replace the files named above, then run the batch "
                                 "again with --retry-failed.")


def _write_overview(out_dir: Path) -> None:
    """batch-summary.html beside batch-summary.json: one row per document, sortable."""
    try:
        write_overview(out_dir)
    except (Ocr36Error, OSError) as error:
        log.warning("%s: the batch overview was not written: %s", out_dir, error)
