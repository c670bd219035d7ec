"""The commands for people who check and tune: review, overview, tune, demo, profiles new."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from ocr36.errors import FileAccess


def _say(message: str) -> None:
    click.echo(message, err=True)


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
    from ocr36.pipeline import default_jobs
    from ocr36.review.record import review as write

    page = write(package, _say, jobs or default_jobs())
    click.echo(str(page))
    if open_it:
        webbrowser.open(page.resolve().as_uri())


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--open", "open_it", is_flag=True, help="Open the overview in the web browser.")
def overview(folder: Path, open_it: bool) -> None:
    """Render FOLDER/batch-summary.html from FOLDER/batch-summary.json (`ocr36 batch`)."""
    from ocr36.review.overview import write_overview

    if not folder.is_dir():
        raise FileAccess(f"{folder}: no such folder")
    page = write_overview(folder)
    click.echo(str(page))
    if open_it:
        webbrowser.open(page.resolve().as_uri())


def add_commands(cli: click.Group, profiles: click.Group) -> None:
    """Register these commands on the ocr36 command line."""
    cli.add_command(review)
    cli.add_command(overview)
