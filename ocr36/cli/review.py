"""The commands for people who check and tune: review, overview, tune, demo, profiles new."""

from __future__ import annotations

import re
import webbrowser
from pathlib import Path

import click

from ocr36.cli.common import say
from ocr36.errors import BadArguments, FileAccess
from ocr36.ingest import open_source
from ocr36.ocr import get_engine
from ocr36.pipeline import default_jobs
from ocr36.profile import load_profile
from ocr36.review.overview import write_overview
from ocr36.review.profile_file import new_profile
from ocr36.review.record import review as write_review
from ocr36.review.tune import parse_pages, report, run
from ocr36.review.walkthrough import run_demo


@click.command()
@click.argument("package", type=click.Path(path_type=Path, file_okay=False))
@click.option("--open", "open_it", is_flag=True, help="Open the review in the web browser.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once when the document must be converted again.")
def review(package: Path, open_it: bool, jobs: int | None) -> None:
    """Write the review of PACKAGE: every page with what the converter found on it.

    The review is written beside the package, in PACKAGE.review/index.html, from the trace
    `convert --review` recorded there. Without one, the package's source is converted again
    with its profile (as the manifest names them) to record it.
    """
    page = write_review(package, say, jobs or default_jobs())
    click.echo(str(page))
    if open_it:
        webbrowser.open(page.resolve().as_uri())


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--open", "open_it", is_flag=True, help="Open the overview in the web browser.")
def overview(folder: Path, open_it: bool) -> None:
    """Render FOLDER/batch-summary.html from FOLDER/batch-summary.json (`ocr36 batch`)."""
    if not folder.is_dir():
        raise FileAccess(f"{folder}: no such folder")
    page = write_overview(folder)
    click.echo(str(page))
    if open_it:
        webbrowser.open(page.resolve().as_uri())


@click.command()
@click.argument("profile_name", metavar="PROFILE")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--truth", "truths", multiple=True, type=click.Path(path_type=Path),
              help="Ground truth for each DOC, in the same order (EPO or ST.36 XML, or a "
                   "sample's .truth.json).")
@click.option("--against", "other_name", metavar="OTHER_PROFILE",
              help="A second profile: both side by side, with what changed page by page.")
@click.option("--pages", "pages_text", metavar="1-5",
              help="Only these pages of each document (1-5, or 2,4,7-9).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once (default: one per core).")
def tune(profile_name: str, documents: tuple[Path, ...], truths: tuple[Path, ...],
         other_name: str | None, pages_text: str | None, jobs: int | None) -> None:
    """Try PROFILE on a few documents and see what it finds (against another profile).

    Prints the measures of `ocr36 evaluate` where --truth is given, and quality signals
    (mean confidence, sections found, numbering gaps, bands dropped) always. With --against,
    both profiles side by side, then the pages where they differ. Nothing is written.
    """
    if truths and len(truths) != len(documents):
        raise BadArguments(f"{len(truths)} --truth for {len(documents)} documents: give one "
                           "per document, in the same order")
    profiles = [load_profile(profile_name)]
    if other_name:
        profiles.append(load_profile(other_name))
    for profile in profiles:
        get_engine().check(profile.all_tesseract_languages)
    for index, document in enumerate(documents):
        numbers = None
        shown = "all"
        if pages_text:
            opened = open_source(document, profiles[0].ingest.suspect_pdf)
            numbers = parse_pages(pages_text, opened.page_count, document)
            shown = pages_text
        truth = truths[index] if truths else None
        results = [run(document, profile, numbers, truth, jobs or default_jobs())
                   for profile in profiles]
        click.echo(report(document, shown, results))
        click.echo("")


@click.command("new")
@click.argument("name")
@click.option("--from", "made_from", default="default", show_default=True,
              help="The profile to start from (bundled name or .toml path).")
@click.option("--out", type=click.Path(path_type=Path),
              help="Where to write it (default: profiles/NAME.toml).")
def profiles_new(name: str, made_from: str, out: Path | None) -> None:
    """Write a new profile NAME with every key present and explained; never overwrites."""
    if not re.fullmatch(r"[\w.-]+", name):
        raise BadArguments(f"profile name {name!r}: use letters, digits, '.', '-' or '_'")
    path = new_profile(name, made_from, out)
    load_profile(str(path))  # what was written loads
    click.echo(str(path))


@click.command()
@click.option("--out", "out_dir", default=Path("out"), show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the packages, their reviews and the walkthrough.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once (default: one per core).")
def demo(out_dir: Path, jobs: int | None) -> None:
    """Convert the bundled samples and write a walkthrough of one page through every stage.

    Packages go to --out (the scanned sample to --out/scanned), each with its review beside
    it; the walkthrough is --out/walkthrough/index.html. Packages there are replaced.
    """
    page = run_demo(out_dir, click.echo, jobs or default_jobs())
    click.echo(f"walkthrough: {page}")
