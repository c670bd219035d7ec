"""Tesseract's language data, whichever adapter reads it: where it is, which packs are
installed (and the remedy when one is missing), each pack's version, and the word list inside
a pack (read out with Tesseract's own `combine_tessdata` and `dawg2wordlist`, both in
Debian's tesseract-ocr package)."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ocr36.errors import MissingDependency
from ocr36.languages.packs import debian_package
from ocr36.ocr.versioncache import kept_versions
from ocr36.ocr.wordcache import cached_words

log = logging.getLogger(__name__)

DEBIAN_TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
"""Where Debian's tesseract-ocr-<lang> packages install the language data."""
WORD_LIST_TOOLS = ("combine_tessdata", "dawg2wordlist")


@functools.cache
def tessdata() -> Path:
    """The folder of language data: TESSDATA_PREFIX where it is set (Tesseract itself honours
    it), else Debian's, else the one the tesseract program reports."""
    configured = os.environ.get("TESSDATA_PREFIX")
    if configured and Path(configured).is_dir():
        return Path(configured)
    if DEBIAN_TESSDATA.is_dir():
        return DEBIAN_TESSDATA
    return _reported_by_program() or DEBIAN_TESSDATA


def _reported_by_program() -> Path | None:
    """The folder `tesseract --list-langs` names, on systems that install it elsewhere."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    result = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                            check=False)
    match = re.search(r'"([^"]+)"', result.stdout + result.stderr)
    return Path(match.group(1)) if match and Path(match.group(1)).is_dir() else None


@functools.cache
def installed_languages() -> tuple[str, ...]:
    """The packs installed (osd, the orientation data, is one of them)."""
    folder = tessdata()
    if not folder.is_dir():
        return ()
    return tuple(sorted(path.name.removesuffix(".traineddata")
                        for path in folder.glob("*.traineddata")))


def missing_pack_error(missing: Sequence[str]) -> MissingDependency:
    """The error (exit code 3) naming the packs that are missing and how to install them."""
    packages = " ".join(debian_package(lang) for lang in missing)
    return MissingDependency(
        f"Tesseract language pack(s) not installed: {', '.join(missing)}",
        remedy=f"Install them: apt-get install {packages} (or run `make setup`).",
    )


def check_languages(languages: Iterable[str], installed: Sequence[str]) -> None:
    """MissingDependency (exit code 3) naming each of `languages` not in `installed`."""
    missing = [lang for lang in languages if lang not in installed]
    if missing:
        raise missing_pack_error(missing)


@functools.cache
def pack_version(pack: str) -> str | None:
    """The Debian package version that installed a language pack, else a hash of the file;
    None when the pack is not installed."""
    traineddata = tessdata() / f"{pack}.traineddata"
    if not traineddata.is_file():
        return None
    dpkg_query = shutil.which("dpkg-query")
    if dpkg_query:
        owner = subprocess.run(["dpkg", "-S", str(traineddata.resolve())],
                               capture_output=True, text=True, check=False)
        if owner.returncode == 0 and ":" in owner.stdout:
            package = owner.stdout.split(":", 1)[0].strip()
            version = subprocess.run([dpkg_query, "-W", "-f", "${Version}", package],
                                     capture_output=True, text=True, check=False)
            if version.returncode == 0 and version.stdout:
                return f"{package} {version.stdout.strip()}"
    digest = hashlib.sha256(traineddata.read_bytes()).hexdigest()[:16]
    return f"sha256:{digest}"


def pack_versions() -> dict[str, str]:
    """`traineddata:<pack>` -> version, for every pack installed: kept between runs while
    the packs and dpkg's database are unchanged (`ocr36.ocr.versioncache`), else asked."""
    packs = installed_languages()
    return kept_versions([tessdata() / f"{pack}.traineddata" for pack in packs],
                         lambda: _asked_versions(packs))


def _asked_versions(packs: Sequence[str]) -> dict[str, str]:
    """dpkg asked once for all the packs (asked pack by pack, it costs a tenth of a second
    of CPU each), `pack_version` for any it does not answer."""
    answered = _dpkg_versions(packs)
    found = {}
    for pack in packs:
        version = answered.get(pack) or pack_version(pack)
        if version is not None:
            found[f"traineddata:{pack}"] = version
    return found


def _dpkg_versions(packs: Sequence[str]) -> dict[str, str]:
    """Pack -> "package version" as `pack_version` words it, for the packs dpkg installed."""
    files = {str((tessdata() / f"{pack}.traineddata").resolve()): pack for pack in packs
             if (tessdata() / f"{pack}.traineddata").is_file()}
    dpkg_query = shutil.which("dpkg-query")
    if not dpkg_query or not files:
        return {}
    owners = subprocess.run(["dpkg", "-S", *files], capture_output=True, text=True,
                            check=False)
    package_of = {}
    for line in owners.stdout.splitlines():
        path = line.split(": ", 1)[-1].strip()
        if path in files and ":" in line:
            package_of[files[path]] = line.split(":", 1)[0].strip()
    if not package_of:
        return {}
    listed = subprocess.run([dpkg_query, "-W", "-f", "${Package}\t${Version}\n",
                             *sorted(set(package_of.values()))],
                            capture_output=True, text=True, check=False)
    version_of = dict(line.split("\t", 1) for line in listed.stdout.splitlines()
                      if "\t" in line)
    return {pack: f"{package} {version_of[package].strip()}"
            for pack, package in package_of.items() if version_of.get(package, "").strip()}


@functools.cache
def pack_words(pack: str) -> frozenset[str]:
    """The words of a pack's word list, in lower case; empty (with a warning) where the pack
    or the tools are missing, so that nothing is mended by a word list. Kept on disk between
    runs (`ocr36.ocr.wordcache`)."""
    traineddata = tessdata() / f"{pack}.traineddata"
    combine, dawg2wordlist = (shutil.which(tool) for tool in WORD_LIST_TOOLS)
    if not traineddata.is_file() or combine is None or dawg2wordlist is None:
        log.warning("no word list for %s (%s or Tesseract's %s missing): misread words are "
                    "mended by the document's own spelling only", pack, traineddata,
                    " and ".join(WORD_LIST_TOOLS))
        return frozenset()
    return cached_words(traineddata, lambda: _take_out_words(traineddata, combine, dawg2wordlist))


def _take_out_words(traineddata: Path, combine: str, dawg2wordlist: str) -> frozenset[str] | None:
    """The pack's word list taken out with Tesseract's tools; None (with a warning) where
    they fail."""
    pack = traineddata.stem
    with tempfile.TemporaryDirectory(prefix="ocr36-words-") as work:
        # combine_tessdata names the part to take out by the file name's extension
        dawg, unicharset, listed = (Path(work) / f"{pack}.{part}" for part in
                                    ("lstm-word-dawg", "lstm-unicharset", "words"))
        try:
            for command in ([combine, "-e", str(traineddata), str(dawg), str(unicharset)],
                            [dawg2wordlist, str(unicharset), str(dawg), str(listed)]):
                subprocess.run(command, capture_output=True, check=True, timeout=120)
            text = listed.read_text(encoding="utf-8")
        except (OSError, subprocess.SubprocessError, UnicodeDecodeError) as error:
            log.warning("no word list could be read from %s (%s): misread words are mended "
                        "by the document's own spelling only", traineddata, error)
            return None
    return frozenset(word.lower() for word in text.split())
