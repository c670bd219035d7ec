"""What the command line parsed for `convert` and `batch`: one set of options, one lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.profile import Profile


@dataclass(frozen=True)
class ConvertOptions:
    profile: Profile
    engine: str = DEFAULT_ENGINE
    jobs: int = 1
    """Pages read at once on this machine (a cluster's workers set their own number)."""
    scheduler: str | None = None
    """A Dask scheduler's address: the pages are read on its workers."""
    metadata: Path | None = None
    """JSON or CSV bibliographic record(s); their values win over OCR's."""
    overwrite: bool = False
    """Replace a package that exists (only with a complete, valid one)."""
    review: bool = False
    """Record what the converter saw beside each package (NAME.review/index.html)."""
    retry_failed: bool = False
    """Convert again the documents the journal records as failed."""
    ocr_all: bool = False
    """Read every page by OCR, a born-digital PDF's text layer too."""

    @property
    def ship_pages(self) -> bool:
        """Each page travels with its task: workers on other machines cannot read the inputs."""
        return self.scheduler is not None
