"""The ocr36 command line."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ocr36 import __version__
from ocr36.errors import ExitCode, FileAccess, Ocr36Error
from ocr36.ocr.engine import DEFAULT_ENGINE, ENGINES
from ocr36.profile import Profile, available_profiles, describe, load_profile

log = logging.getLogger("ocr36")

EXIT_CODES_HELP = """\b
Exit codes:
  0  ok                       4  invalid output (nothing written)
  1  bad arguments            5  file access (missing, unreadable, exists)
  2  bad input file           6  bad profile
  3  missing dependency       7  some documents of several failed
  130 interrupted"""


def _print_versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ocr36.ocr import get_engine

    click.echo(f"ocr36 {__version__}")
    try:
        for key, version in get_engine().versions().items():
            click.echo(f"{key.replace('traineddata:', 'language pack ')} {version}")
    except Ocr36Error as error:
        click.echo(f"tesseract: {error.message}")
    ctx.exit(0)


@click.group(epilog=EXIT_CODES_HELP)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_versions, help="Show ocr36's, Tesseract's and the language "
              "packs' versions.")
def cli() -> None:
    """Turn scanned patent publications into WIPO ST.36 XML packages for PATENTSCOPE."""


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", "profile_name", default="default", show_default=True,
              help="Office profile: a bundled name (see `ocr36 profiles list`) or a .toml path.")
@click.option("--out", "out_dir", default=Path("out"), show_default=True,
              type=click.Path(path_type=Path, file_okay=False), help="Folder for the packages.")
@click.option("--metadata", type=click.Path(path_type=Path, dir_okay=False),
              help="JSON or CSV bibliographic record(s); its values win over OCR's.")
@click.option("--overwrite", is_flag=True, help="Replace a package that already exists.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once (default: one per core).")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE,
              show_default=True, help="OCR engine (tesserocr: Tesseract in-process).")
@click.option("-v", "--verbose", is_flag=True, help="Say more; show tracebacks on errors.")
@click.option("--review", "with_review", is_flag=True,
              help="Also write OUT/NAME.review/index.html: what the converter saw per page.")
def convert(inputs: tuple[Path, ...], profile_name: str, out_dir: Path, metadata: Path | None,
            overwrite: bool, jobs: int | None, engine: str, verbose: bool,
            with_review: bool = False) -> None:
    """Convert INPUTS (multi-page TIFFs, or folders of page images) into ST.36 packages.

    Each document becomes one folder in --out: DOC00001.xml, the TIFF images it references,
    toc.xml and manifest.json. A package is written whole or not at all.
    """
    from ocr36.pipeline import convert as convert_one
    from ocr36.pipeline import default_jobs

    _setup_logging(verbose)
    profile = load_profile(profile_name)
    if metadata is not None and not metadata.is_file():
        raise FileAccess(f"{metadata}: metadata file not found")
    failures: list[Ocr36Error] = []
    written: dict[str, Path] = {}
    for input_path in inputs:
        try:
            result = convert_one(input_path, profile, out_dir, metadata=metadata,
                                 overwrite=overwrite, jobs=jobs or default_jobs(),
                                 engine=engine,
                                 progress=_progress(input_path), written=written,
                                 on_converted=_review_recorder(with_review, profile,
                                                               input_path))
        except Ocr36Error as error:
            if len(inputs) == 1:
                raise
            failures.append(error)
            _report(error, verbose)
            continue
        written[result.package.name] = input_path
        document = result.document
        claims = ", ".join(f"{len(c.claims)} {c.lang}" for c in document.claims)
        paragraphs = sum(1 for b in document.description if hasattr(b, "num"))
        click.echo(f"{input_path}: {result.package}  ({len(document.pages)} pages, "
                   f"{paragraphs} paragraphs, claims {claims or 'none'})")
        for warning in document.warnings:
            click.echo(f"  warning: {warning}", err=True)
        if with_review:
            click.echo(f"  review: {result.package}.review/index.html")
    if failures:
        raise _BatchFailed(f"{len(failures)} of {len(inputs)} documents failed; the others "
                           "were converted")


class _BatchFailed(Ocr36Error):
    exit_code = ExitCode.BATCH_FAILURES
    remedy = "See the messages above for each failed document."


def _progress(input_path: Path) -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        click.echo(f"\r{input_path.name}: page {done}/{total}", nl=done == total, err=True)

    return show


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(targets: tuple[Path, ...]) -> None:
    """Check packages (folders) or ST.36 XML files: schema, ids, images, toc and manifest."""
    from ocr36.errors import InvalidOutput
    from ocr36.validate import validate_package

    invalid = 0
    for target in targets:
        if not target.exists():
            raise FileAccess(f"{target}: no such file or folder")
        report = validate_package(target)
        for warning in report.warnings:
            click.echo(f"{target}: warning: {warning}")
        if report.valid:
            click.echo(f"{target}: valid")
            continue
        invalid += 1
        for problem in report.problems:
            click.echo(f"{target}: {problem}")
    if invalid:
        raise InvalidOutput(f"{invalid} of {len(targets)} invalid",
                            remedy="Convert the document again; report the problems above.")


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("package", type=click.Path(path_type=Path))
@click.argument("truth", type=click.Path(path_type=Path))
@click.option("--table", "as_table", is_flag=True, help="A readable table instead of JSON.")
def evaluate(package: Path, truth: Path, as_table: bool) -> None:
    """Measure PACKAGE against TRUTH (EPO or ST.36 XML, or a sample's .truth.json)."""
    import json

    from ocr36.evaluate import evaluate as measure
    from ocr36.evaluate import table

    result = measure(package, truth)
    click.echo(table(result) if as_table else json.dumps(result, indent=2, sort_keys=True))


@cli.group()
def profiles() -> None:
    """List, show and check office profiles."""


@profiles.command("list")
def profiles_list() -> None:
    """The bundled profiles."""
    for path in available_profiles():
        profile = load_profile(str(path))
        click.echo(f"{path.stem:12} {profile.office}  {profile.language.document}  "
                   f"{profile.description}")


@profiles.command("show")
@click.argument("name")
def profiles_show(name: str) -> None:
    """Every setting of a profile, after `extends` is resolved."""
    click.echo(describe(load_profile(name)))


@profiles.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def profiles_check(path: Path) -> None:
    """Validate a profile file (and the profiles it extends)."""
    if not path.is_file():
        raise FileAccess(f"{path}: profile file not found")
    profile = load_profile(str(path))
    from ocr36.ocr import get_engine

    get_engine().check(profile.all_tesseract_languages)
    click.echo(f"{path}: valid (office {profile.office}, language {profile.language.document}, "
               f"Tesseract {'+'.join(profile.all_tesseract_languages)})")


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("in_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", "out_dir", required=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the packages, the journal and batch-summary.json.")
@click.option("--profile", "profile_name", default="default", show_default=True,
              help="Office profile: a bundled name (see `ocr36 profiles list`) or a .toml path.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pages read at once (default: one per core). Not with --scheduler.")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE,
              show_default=True, help="OCR engine (tesserocr: Tesseract in-process).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Read the pages on a Dask distributed cluster.")
@click.option("--retry-failed", is_flag=True, help="Try the documents that failed before again.")
@click.option("--metadata", type=click.Path(path_type=Path, dir_okay=False),
              help="CSV or JSON records (a source column names each document).")
@click.option("--review", "with_review", is_flag=True,
              help="Also write a review page beside each package (NAME.review/index.html).")
@click.option("-v", "--verbose", is_flag=True, help="Say more; show tracebacks on errors.")
def batch(in_dir: Path, out_dir: Path, profile_name: str, jobs: int | None,
          engine: str, scheduler: str | None, retry_failed: bool,
          metadata: Path | None, with_review: bool, verbose: bool) -> None:
    """Convert every document of IN_DIR (image files, folders of page images) into --out.

    Resumable: a journal in --out records each document, so a rerun skips what is done,
    redoes what changed (source or profile) and, with --retry-failed, what failed.
    """
    from ocr36.batch.cli import run_batch_command

    _setup_logging(verbose)
    summary = run_batch_command(in_dir, out_dir, profile_name, jobs, engine, scheduler,
                                retry_failed, metadata, with_review)
    failed = len(summary.failed_documents) + len(summary.failed_before)
    if failed:
        raise _BatchFailed(f"{failed} of {summary.documents} documents failed (see "
                           "batch-summary.json); the others were converted or done before",
                           remedy="Fix or replace the files named above, then run the batch "
                                  "again with --retry-failed.")


def _review_recorder(with_review: bool, profile: Profile, input_path: Path) -> Any:
    from ocr36.review.record import review_recorder

    return review_recorder(profile, input_path) if with_review else None


def _add_review_commands() -> None:
    from ocr36.review.commands import add_commands

    add_commands(cli, profiles)


_add_review_commands()


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")


def _report(error: Ocr36Error, verbose: bool) -> None:
    click.echo(f"ocr36: error: {error.message}", err=True)
    click.echo(f"  remedy: {error.remedy}", err=True)
    if verbose:
        traceback.print_exception(error)


def main(argv: list[str] | None = None) -> int:
    verbose = "-v" in (argv or sys.argv[1:]) or "--verbose" in (argv or sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="ocr36", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.exceptions.Abort:
        click.echo("ocr36: interrupted; nothing partial was left behind", err=True)
        return ExitCode.INTERRUPTED
    except click.ClickException as error:
        error.show()
        return ExitCode.BAD_ARGUMENTS
    except Ocr36Error as error:
        _report(error, verbose)
        return error.exit_code
    except KeyboardInterrupt:
        click.echo("ocr36: interrupted; nothing partial was left behind", err=True)
        return ExitCode.INTERRUPTED
    return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
