"""`ocr36 profiles`: list, show, check and infer office profiles (`profiles new`:
ocr36.cli.review)."""

from __future__ import annotations

from pathlib import Path

import click

from ocr36.batch.convert import read_pages
from ocr36.batch.options import ConvertOptions
from ocr36.errors import FileAccess
from ocr36.ingest import open_source
from ocr36.ocr import get_engine
from ocr36.ocr.engine import DEFAULT_ENGINE, ENGINES
from ocr36.pipeline import default_jobs
from ocr36.profile import available_profiles, describe, load_profile
from ocr36.profile.infer import infer_settings, sample_of
from ocr36.profile.written import profile_text, write_profile


@click.group()
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
    get_engine().check(profile.all_tesseract_languages)
    click.echo(f"{path}: valid (office {profile.office}, language {profile.language.document}, "
               f"Tesseract {'+'.join(profile.all_tesseract_languages)})")


@profiles.command("infer")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The profile file to write (TOML).")
@click.option("--max-pages", default=12, show_default=True, type=click.IntRange(min=1),
              help="Pages of each document read (from the first).")
@click.option("--engine", default=DEFAULT_ENGINE, show_default=True,
              help=f"One of {', '.join(ENGINES)}, or replay:FILE.")
@click.option("-j", "--jobs", default=default_jobs(), show_default=True,
              type=click.IntRange(min=1), help="Pages read at once.")
@click.option("--overwrite", is_flag=True, help="Replace --out if it exists.")
def profiles_infer(documents: tuple[Path, ...], out: Path, max_pages: int,
                   engine: str, jobs: int, overwrite: bool) -> None:
    """Write a profile for an office inferred from a few of its documents: language and
    packs, running heads and feet, numbering, section headings, columns, front page; each
    key commented with its evidence. The profile is named after --out."""
    if out.exists() and not overwrite:
        raise FileAccess(f"{out}: exists; nothing was written",
                         remedy="Give another --out, or --overwrite to replace it.")
    default = load_profile("default")
    options = ConvertOptions(default, engine=engine, jobs=jobs)
    samples = []
    for path in documents:
        source = open_source(path)
        numbers = range(1, min(source.page_count, max_pages) + 1)
        samples.append(sample_of(path, read_pages(source, options, numbers), default))
        click.echo(f"{path}: {len(numbers)} page(s) read", err=True)
    settings = infer_settings(samples, get_engine(engine))
    profile = write_profile(profile_text(settings, out.stem, documents), out, overwrite)
    click.echo(f"{out}: written and valid (office {profile.office}, language "
               f"{profile.language.document}, {len(settings)} settings inferred)")
