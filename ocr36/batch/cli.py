"""The `ocr36 batch` command's work: options to a batch, the summary printed at the end."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ocr36.batch.progress import progress_for
from ocr36.batch.run import BatchOptions, run_batch
from ocr36.batch.runners import LocalRunner, Runner
from ocr36.batch.summary import Summary
from ocr36.errors import BadArguments, FileAccess
from ocr36.ocr import get_engine
from ocr36.profile import load_profile


def run_batch_command(in_dir: Path, out_dir: Path, profile_name: str, jobs: int | None,
                      engine: str, scheduler: str | None, retry_failed: bool,
                      metadata: Path | None, review: bool = False) -> Summary:
    from ocr36.pipeline import default_jobs

    if scheduler and jobs:
        raise BadArguments("-j is for a local batch; a cluster's workers set their own number")
    if metadata is not None and not metadata.is_file():
        raise FileAccess(f"{metadata}: metadata file not found")
    profile = load_profile(profile_name)
    get_engine(engine).check(profile.all_tesseract_languages)
    workers = jobs or default_jobs()

    def make_runner() -> Runner:
        if scheduler:
            from ocr36.distributed import DaskRunner

            return DaskRunner(scheduler)
        return LocalRunner(workers)

    options = BatchOptions(profile=profile, engine=engine, retry_failed=retry_failed,
                           metadata=metadata, ship_pages=scheduler is not None,
                           review=review)
    summary = run_batch(in_dir, out_dir, options, make_runner, progress_for(sys.stderr))
    for line in summary.lines():
        click.echo(line)
    return summary
