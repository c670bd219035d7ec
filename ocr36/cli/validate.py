"""`ocr36 validate`: packages or ST.36 XML files checked."""

from __future__ import annotations

from pathlib import Path

import click

from ocr36.cli.common import EXIT_CODES_HELP
from ocr36.errors import FileAccess, InvalidOutput
from ocr36.validate import validate_package


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(targets: tuple[Path, ...]) -> None:
    """Check packages (folders) or ST.36 XML files: schema, ids, images, toc and manifest."""
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
