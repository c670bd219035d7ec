"""`ocr36 convert`: a run over its inputs, each converted as a batch converts it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ocr36.batch import Converted, Failed, Outcome, convert_documents, page_progress_for
from ocr36.cli.common import EXIT_CODES_HELP, BatchFailed, convert_options, report, setup_logging
from ocr36.errors import Ocr36Error
from ocr36.model import Paragraph
from ocr36.ocr.engine import DEFAULT_ENGINE, ENGINES
from ocr36.review.record import review_recorder
from ocr36.review.trace import review_folder


class _Told:
    """Says how each input ended as it ends; one failure of one input is that input's error,
    failures among several are told and counted (exit 7, the others converted)."""

    def __init__(self, inputs: int, verbose: bool, review: bool) -> None:
        self.inputs = inputs
        self.verbose = verbose
        self.review = review
        self.failures: list[Ocr36Error] = []

    def __call__(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failed):
            self.failures.append(outcome.error)
            if self.inputs > 1:
                report(outcome.error, self.verbose)
        elif isinstance(outcome, Converted):
            self._converted(outcome)

    def _converted(self, outcome: Converted) -> None:
        document = outcome.document
        claims = ", ".join(f"{len(c.claims)} {c.lang}" for c in document.claims)
        paragraphs = sum(1 for b in document.description if isinstance(b, Paragraph))
        click.echo(f"{outcome.source}: {outcome.package}  ({len(document.pages)} pages, "
                   f"{paragraphs} paragraphs, claims {claims or 'none'})")
        for warning in document.warnings:
            click.echo(f"  warning: {warning}", err=True)
        if self.review:
            click.echo(f"  review: {review_folder(outcome.package) / 'index.html'}")

    def raise_failures(self) -> None:
        if self.inputs == 1 and self.failures:
            raise self.failures[0]
        if self.failures:
            raise BatchFailed(f"{len(self.failures)} of {self.inputs} documents failed; the "
                              "others were converted")


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(path_type=Path, readable=False))
@click.option("--profile", "profile_name", default="default", show_default=True,
              help="Office profile: a bundled name (see `ocr36 profiles list`) or a .toml path.")
@click.option("--out", "out_dir", default=Path("out"), show_default=True,
              type=click.Path(path_type=Path, readable=False, file_okay=False),
              help="Folder for the packages.")
@click.option("--metadata", type=click.Path(path_type=Path, readable=False, dir_okay=False),
              help="JSON or CSV bibliographic record(s); its values win over OCR's.")
@click.option("--overwrite", is_flag=True, help="Replace a package that already exists.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once (default: one per core).")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE,
              show_default=True, help="OCR engine (tesserocr: Tesseract in-process).")
@click.option("--ocr-all", is_flag=True,
              help="Read every page by OCR, a born-digital PDF's text layer too.")
@click.option("-v", "--verbose", is_flag=True, help="Say more; show tracebacks on errors.")
@click.option("--review", "with_review", is_flag=True,
              help="Also write OUT/NAME.review/index.html: what the converter saw per page.")
def convert(inputs: tuple[Path, ...], out_dir: Path, verbose: bool, **parsed: Any) -> None:
    """Convert INPUTS (multi-page TIFFs, or folders of page images) into ST.36 packages.

    Each document becomes one folder in --out: DOC00001.xml, the TIFF images it references,
    toc.xml and manifest.json. A package is written whole or not at all.
    """
    setup_logging(verbose)
    options = convert_options(parsed)
    told = _Told(len(inputs), verbose, options.review)
    convert_documents(list(inputs), out_dir, options, page_progress_for(sys.stderr), told,
                      review_recorder(options.profile) if options.review else None)
    told.raise_failures()
