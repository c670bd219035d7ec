"""How a document's lifecycle ends: converted, skipped (done or failed before), or failed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocr36.costs import DocumentCost
from ocr36.errors import ExitCode, Ocr36Error
from ocr36.journal import Decision
from ocr36.model import Document


@dataclass(frozen=True)
class Converted:
    source: Path
    package: Path
    document: Document
    seconds: float
    cost: DocumentCost | None = None
    """CPU seconds of each page by stage."""


@dataclass(frozen=True)
class Skipped:
    source: Path
    decision: Decision
    package: str
    """The package written before, if any."""
    error: str
    """Why it failed before, if it did."""


@dataclass(frozen=True)
class Failed:
    source: Path
    error: Ocr36Error
    """With its own exit code and remedy, also when it was raised in a worker."""
    pages: int


Outcome = Converted | Skipped | Failed


def document_error(message: str, remedy: str, exit_code: int) -> Ocr36Error:
    """An error that came back from a worker (message, remedy and exit code) made whole again."""
    error = Ocr36Error(message, remedy)
    error.exit_code = ExitCode(exit_code)
    return error


def unexpected(source: Path, error: Exception) -> Ocr36Error:
    """A fault that is no user-facing error (a bug): it fails its document only."""
    return Ocr36Error(f"{source}: {type(error).__name__}: {error}")
