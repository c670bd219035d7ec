"""Every failure a user can meet: one exception class each, with an exit code and a remedy."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ocr36 command (documented in the README)."""

    OK = 0
    BAD_ARGUMENTS = 1
    BAD_INPUT = 2
    MISSING_DEPENDENCY = 3
    INVALID_OUTPUT = 4
    FILE_ACCESS = 5
    BAD_PROFILE = 6
    BATCH_FAILURES = 7
    NO_WORKERS = 8
    INTERNAL = 15
    INTERRUPTED = 130


class Ocr36Error(Exception):
    """Base of all user-facing errors: a message naming what is wrong, and a remedy."""

    exit_code = ExitCode.INTERNAL
    remedy = "This is a bug in ocr36; please report it with the command and the input."

    def __init__(self, message: str, remedy: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if remedy is not None:
            self.remedy = remedy

    def __str__(self) -> str:
        return self.message


class BadArguments(Ocr36Error):
    exit_code = ExitCode.BAD_ARGUMENTS
    remedy = "Run the command with --help to see what it takes."


class BadInput(Ocr36Error):
    """An input file that cannot be read as a patent publication (corrupt, empty, not an image)."""

    exit_code = ExitCode.BAD_INPUT
    remedy = "Check the file: rescan or re-export it as TIFF, PNG or JPEG pages."


class MissingDependency(Ocr36Error):
    exit_code = ExitCode.MISSING_DEPENDENCY
    remedy = "Run `make setup`, or install Tesseract 5 and its language packs (tesseract-ocr-*)."


class InvalidOutput(Ocr36Error):
    exit_code = ExitCode.INVALID_OUTPUT
    remedy = "Nothing was written. Run with -v and report the document and profile used."


class FileAccess(Ocr36Error):
    exit_code = ExitCode.FILE_ACCESS
    remedy = "Check that the path exists, is readable, and that the output folder is writable."


class NoWorkers(Ocr36Error):
    """The system refused to start the worker processes that read the pages."""

    exit_code = ExitCode.NO_WORKERS
    remedy = ("Free memory or raise the process limit (ulimit -u) of this account, or run "
              "with -j 1, which reads the pages in this process.")


class ProfileError(Ocr36Error):
    exit_code = ExitCode.BAD_PROFILE
    remedy = "Fix the profile (see `ocr36 profiles show default` for every key), then run again."
