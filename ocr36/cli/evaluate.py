"""`ocr36 evaluate`: a package measured against the truth."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ocr36.cli.common import EXIT_CODES_HELP
from ocr36.evaluate import evaluate as measure
from ocr36.evaluate import table


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("package", type=click.Path(path_type=Path))
@click.argument("truth", type=click.Path(path_type=Path))
@click.option("--table", "as_table", is_flag=True, help="A readable table instead of JSON.")
def evaluate(package: Path, truth: Path, as_table: bool) -> None:
    """Measure PACKAGE against TRUTH (EPO or ST.36 XML, or a sample's .truth.json)."""
    result = measure(package, truth)
    click.echo(table(result) if as_table else json.dumps(result, indent=2, sort_keys=True))
