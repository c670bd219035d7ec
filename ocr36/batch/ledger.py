"""The record a run keeps of its documents, and the one rule for the package folder a
document may be written to.

`ocr36 batch` keeps its record in the journal (`ocr36.journal.Journal`), which outlives the
run; `ocr36 convert` in a `RunLedger`, which lives as long as the run. Either way two inputs
that would land on one package name are refused, here and nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ocr36.errors import FileAccess
from ocr36.journal import Decision, Entry


class Ledger(Protocol):
    def decide(self, source: str, sha256: str, profile_sha256: str,
               retry_failed: bool) -> Decision: ...

    def entry(self, source: str) -> Entry | None: ...

    def package_owner(self, package: str) -> str | None:
        """The source whose finished package has this name, if any."""
        ...

    def start(self, source: str, sha256: str, profile_sha256: str, pages: int) -> None: ...

    def writing(self, source: str, package: str) -> None: ...

    def done(self, source: str, package: str) -> None: ...

    def failed(self, source: str, error: str) -> None: ...


class RunLedger:
    """The record of one `convert` run: every input is converted; names written are kept."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def decide(self, source: str, sha256: str, profile_sha256: str,
               retry_failed: bool) -> Decision:
        return Decision.CONVERT

    def entry(self, source: str) -> Entry | None:
        return None

    def package_owner(self, package: str) -> str | None:
        return self._owners.get(package)

    def start(self, source: str, sha256: str, profile_sha256: str, pages: int) -> None:
        pass

    def writing(self, source: str, package: str) -> None:
        pass

    def done(self, source: str, package: str) -> None:
        self._owners[package] = source

    def failed(self, source: str, error: str) -> None:
        pass


def may_replace(ledger: Ledger, key: str, path: Path, target: Path, overwrite: bool) -> bool:
    """Whether the package folder `target` may be replaced by the package of `path`; refused
    (FileAccess) when another input of the run wrote it, or when it exists and neither this
    document wrote it before nor `overwrite` is given."""
    name = target.name
    owner = ledger.package_owner(name)
    if owner is not None and owner != key:
        raise FileAccess(f"{path}: its package {name} was already written from {owner}",
                         remedy="Use {source} in the profile's output.package_name, or give "
                                "the inputs their own --out folders.")
    if not target.exists():
        return False
    entry = ledger.entry(key)
    if overwrite or (entry is not None and entry.package == name):
        return True  # this document's own earlier package: source or profile changed
    raise FileAccess(f"{path}: the package folder {target} already exists and was not "
                     "written from this input",
                     remedy="Move it away or choose another --out folder (convert: "
                            "--overwrite replaces it, with a complete and valid package only).")
