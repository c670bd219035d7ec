"""`ocr36 batch` starts its fork server as the command begins, told by its own command line;
no other process (a test run, a worker, `convert`, a batch on a cluster) does."""

from __future__ import annotations

import pytest

from ocr36.poolstart import command_arguments, needs_local_pool

SCRIPT = "/usr/local/bin/ocr36"
PYTHON = "/usr/bin/python3"


@pytest.mark.parametrize(("argv", "orig_argv", "expected"), [
    ([SCRIPT, "batch", "in", "--out", "out"], [PYTHON, SCRIPT, "batch", "in", "--out", "out"],
     ["batch", "in", "--out", "out"]),
    (["-m", "batch", "in"], [PYTHON, "-X", "importtime", "-m", "ocr36.cli", "batch", "in"],
     ["batch", "in"]),
    (["-m", "-k", "batch"], [PYTHON, "-m", "pytest", "-k", "batch"], None),
    (["/usr/bin/pytest", "-k", "batch"], [PYTHON, "/usr/bin/pytest", "-k", "batch"], None),
    (["-c", "--multiprocessing-fork"], [PYTHON, "-c", "...", "--multiprocessing-fork"], None),
    ([], [PYTHON], None),
])
def test_the_command_is_told_by_its_own_command_line(
        argv: list[str], orig_argv: list[str], expected: list[str] | None) -> None:
    assert command_arguments(argv, orig_argv) == expected


@pytest.mark.parametrize(("arguments", "expected"), [
    (["batch", "in", "--out", "out"], True),
    (["batch", "in", "--out", "out", "-j", "1"], True),  # a batch reads in workers even so
    (["batch", "in", "--out", "out", "--scheduler", "tcp://host:8786"], False),
    (["batch", "in", "--out", "out", "--scheduler=tcp://host:8786"], False),
    (["batch", "--help"], False),
    (["convert", "doc.tif", "--out", "out"], False),
    (["--version"], False),
    ([], False),
    (None, False),
])
def test_only_a_batch_on_this_machine_starts_its_pool_early(
        arguments: list[str] | None, expected: bool) -> None:
    assert needs_local_pool(arguments) is expected
