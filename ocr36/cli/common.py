"""What the commands share: the exit-code epilog, logging, error reports, and the options of
a conversion made from what was parsed."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from ocr36.batch import ConvertOptions
from ocr36.errors import BadArguments, ExitCode, FileAccess, Ocr36Error
from ocr36.ocr import get_engine
from ocr36.pipeline import default_jobs
from ocr36.profile import load_profile

EXIT_CODES_HELP = """\b
Exit codes:
  0  ok                       4  invalid output (nothing written)
  1  bad arguments            5  file access (missing, unreadable, exists)
  2  bad input file           6  bad profile
  3  missing dependency       7  some documents of several failed
  8  no worker process could be started    130 interrupted"""


class BatchFailed(Ocr36Error):
    exit_code = ExitCode.BATCH_FAILURES
    remedy = "See the messages above for each failed document."


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")


def report(error: Ocr36Error, verbose: bool) -> None:
    click.echo(f"ocr36: error: {error.message}", err=True)
    click.echo(f"  remedy: {error.remedy}", err=True)
    if verbose:
        traceback.print_exception(error)


def say(message: str) -> None:
    click.echo(message, err=True)


def convert_options(parsed: Mapping[str, Any]) -> ConvertOptions:
    """The options of `convert` or `batch`, checked before any work: profile, metadata file,
    engine and the profile's language packs."""
    scheduler: str | None = parsed.get("scheduler")
    jobs: int | None = parsed.get("jobs")
    if scheduler and jobs:
        raise BadArguments("-j is for a local batch; a cluster's workers set their own number")
    profile = load_profile(parsed["profile_name"])
    metadata: Path | None = parsed.get("metadata")
    if metadata is not None and not metadata.is_file():
        raise FileAccess(f"{metadata}: metadata file not found")
    engine: str = parsed["engine"]
    get_engine(engine).check(profile.all_tesseract_languages)
    return ConvertOptions(profile=profile, engine=engine, jobs=jobs or default_jobs(),
                          scheduler=scheduler, metadata=metadata,
                          overwrite=bool(parsed.get("overwrite")),
                          review=bool(parsed.get("with_review")),
                          retry_failed=bool(parsed.get("retry_failed")),
                          ocr_all=bool(parsed.get("ocr_all")))
