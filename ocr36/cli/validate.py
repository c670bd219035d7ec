"""`ocr36 validate`: packages or ST.36 XML files checked."""

from __future__ import annotations

from pathlib import Path

import click

from ocr36.cli.common import EXIT_CODES_HELP
from ocr36.errors import BadArguments, FileAccess, InvalidOutput, ProfileError
from ocr36.profile import load_profile
from ocr36.schema import load_dtd
from ocr36.validate import validate_package


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", "profile_name", default=None,
              help="Check against the office DTD this profile names ([output] dtd) too.")
@click.option("--dtd", type=click.Path(path_type=Path), default=None,
              help="Check against this office DTD too (e.g. ep-patent-document-v1-5.dtd).")
def validate(targets: tuple[Path, ...], profile_name: str | None, dtd: Path | None) -> None:
    """Check packages (folders) or ST.36 XML files: schema, ids, images, toc and manifest,
    and the office's own DTD when --dtd or a profile naming one is given."""
    if dtd is None and profile_name is not None:
        dtd = load_profile(profile_name).output.dtd
    if dtd is not None:
        if not dtd.is_file():
            raise FileAccess(f"{dtd}: no such DTD file")
        try:
            load_dtd(dtd)
        except ProfileError as error:
            raise BadArguments(error.message) from error
    invalid = 0
    for target in targets:
        if not target.exists():
            raise FileAccess(f"{target}: no such file or folder")
        report = validate_package(target, dtd)
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
