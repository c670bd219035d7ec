"""`ocr36 profiles`: list, show and check office profiles (`profiles new`: ocr36.cli.review)."""

from __future__ import annotations

from pathlib import Path

import click

from ocr36.errors import FileAccess
from ocr36.ocr import get_engine
from ocr36.profile import available_profiles, describe, load_profile


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
