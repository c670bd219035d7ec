"""`ocr36 serve` (the verification station) and `ocr36 corrections report`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import click

from ocr36.errors import BadArguments, FileAccess, MissingDependency
from ocr36.station.context import store_path
from ocr36.station.db import DB_NAME, connect
from ocr36.station.report import corrections_report

STATION_MODULES = ("flask", "waitress", "argon2")
"""What the `station` extra installs."""
STATION_REMEDY = "Install the station extra: pip install 'ocr36[station]' (make setup does)."


def _station(module: str) -> ModuleType:
    """A module of the station that needs its extra, loaded once the extra is known present."""
    missing = []
    for name in STATION_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise MissingDependency(f"the verification station needs {', '.join(missing)}, "
                                "which are not installed", remedy=STATION_REMEDY)
    return importlib.import_module(f"ocr36.station.{module}")


def _password(name: str) -> str:
    if sys.stdin.isatty():
        entered: str = click.prompt(f"password for {name}", hide_input=True,
                                    confirmation_prompt=True)
        return entered
    return sys.stdin.readline().rstrip("\r\n")


@click.command()
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another than 127.0.0.1 only behind a reverse proxy).")
@click.option("--port", default=8036, show_default=True, type=click.IntRange(1, 65535))
@click.option("--add-user", "add_user", metavar="NAME",
              help="Add a user (or change one's role and password) and stop; the password is "
                   "asked for, or read from the standard input's first line.")
@click.option("--role", type=click.Choice(["operator", "reviewer", "admin"]), default="operator",
              show_default=True, help="The role of --add-user.")
@click.option("--dtd", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="The office's DTD: an approved document must conform to it too.")
@click.option("--behind-proxy", is_flag=True,
              help="Trust the reverse proxy's X-Forwarded-Proto/-For/-Host (one proxy).")
def serve(folders: tuple[Path, ...], host: str, port: int, add_user: str | None,
          **options: Any) -> None:
    """Serve the verification station over batch output FOLDERS (http://HOST:PORT/).

    Its state (users, corrections, drafts, estimates) is one SQLite file in the first
    folder, FOLDER/.ocr36-station.sqlite. Add the first user with --add-user NAME --role admin.
    """
    for folder in folders:
        if not folder.is_dir():
            raise FileAccess(f"{folder}: no such folder")
    auth = _station("auth")
    if add_user:
        connection = connect(store_path(folders))
        auth.add_user(connection, add_user, options["role"], _password(add_user))
        click.echo(f"{add_user}: {options['role']} (in {store_path(folders)})")
        return
    connection = connect(store_path(folders))
    if not auth.users(connection):
        raise BadArguments(f"{store_path(folders)} has no user yet",
                           remedy=f"Add one: ocr36 serve {folders[0]} --add-user NAME "
                                  "--role admin")
    click.echo(f"ocr36 station: http://{host}:{port}/ over {', '.join(map(str, folders))}",
               err=True)
    _station("app").serve(folders, host, port, options)


@click.group()
def corrections() -> None:
    """What the operators corrected at the verification station."""


@corrections.command("report")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1),
              help="Patterns listed.")
def report(folder: Path, top: int) -> None:
    """What operators corrected most in FOLDER (by rule, by pattern), and which profile key
    or correction rule would have prevented it."""
    path = folder / DB_NAME
    if not path.is_file():
        raise FileAccess(f"{path}: no station store (nothing was corrected in {folder} yet)",
                         remedy="Give the folder `ocr36 serve` was started on (its first).")
    click.echo(corrections_report(connect(path), top))
