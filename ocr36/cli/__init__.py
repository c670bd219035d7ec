"""The ocr36 command line: one module per group of commands, all registered here."""

from __future__ import annotations

import sys

import click

from ocr36 import __version__
from ocr36.cli import batch, convert, evaluate, profiles, review, serve, validate
from ocr36.cli.common import EXIT_CODES_HELP, report
from ocr36.errors import ExitCode, Ocr36Error
from ocr36.ocr import get_engine


def _print_versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
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


for command in (convert.convert, validate.validate, evaluate.evaluate, profiles.profiles,
                batch.batch, review.review, review.overview, review.tune, review.demo,
                serve.serve, serve.corrections):
    cli.add_command(command)
profiles.profiles.add_command(review.profiles_new)


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
        report(error, verbose)
        return error.exit_code
    except KeyboardInterrupt:
        click.echo("ocr36: interrupted; nothing partial was left behind", err=True)
        return ExitCode.INTERRUPTED
    return ExitCode.OK


__all__ = ["cli", "main"]
