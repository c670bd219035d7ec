"""The fault corpus, generated here: folder entries a batch cannot read, damaged pages, bad
metadata, profile and truth files, an output folder that cannot be written, a full disk, a
file deleted and a disk filled while the batch runs, a journal on a read-only disk.
Each case: its exit code, its message naming the file (and page, line or record), nothing
partial left in the output folder, and in a batch the other documents converted.

The OCR is replayed from tests/data/recorded (the faults are not in the OCR). Unreadable
entries are made real for root by dropping its capabilities to bypass permissions; read-only
and full disks are small tmpfs mounts, unmounted in a finally."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from batch_documents import folder_digest, journal_rows, source_profile, write_document
from PIL import Image
from schemas import check

from ocr36.batch import ConvertOptions, Failed, Outcome, convert, convert_documents
from ocr36.batch.progress import NoProgress
from ocr36.batch.run import run_batch, survey
from ocr36.batch.summary import BatchSummary
from ocr36.batch.tasks import PackedPage, PageFailure, ship_page
from ocr36.cli import main
from ocr36.errors import BadInput, ExitCode, FileAccess, Ocr36Error
from ocr36.ingest import load_page, open_source
from ocr36.journal import Journal
from ocr36.model import Bibliographic, Document
from ocr36.ocr.recorded import replay_spec
from ocr36.pages import PageTask
from ocr36.paths import samples_dir
from ocr36.pipeline import _fill_gaps as fill_gaps
from ocr36.pipeline import package_name
from ocr36.profile import load_profile
from ocr36.review.overview import batch_rows
from ocr36.tiff import read_tiff_facts
from ocr36.validate import validate_package

SAMPLE = samples_dir() / "US20050004437A1.tif"
PACKAGE = "US20050004437A1"
RECORDED = Path(__file__).parent.parent / "data" / "recorded"
RECORDING = RECORDED / f"{PACKAGE}.json.gz"
OTHER_RECORDING = RECORDED / "US08930553B2-two-column.json.gz"
"""Replaying another document's OCR fails at the first page read: a refusal that comes
with this engine came before any OCR."""
ROOT = os.geteuid() == 0
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
"""Root without the capabilities that let it read what it may not."""


def options(recording: Path = RECORDING, metadata: Path | None = None,
            jobs: int = 1) -> ConvertOptions:
    return ConvertOptions(load_profile("default"), engine=replay_spec(recording), jobs=jobs,
                          metadata=metadata)


def partial_left(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.iterdir() if ".partial" in p.name) \
        if out_dir.is_dir() else []


@contextlib.contextmanager
def tmpfs(mount_point: Path, size: str, read_only: bool = False) -> Iterator[Path]:
    if not ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mount_point.mkdir(parents=True, exist_ok=True)
    flags = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", flags, "tmpfs", str(mount_point)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"tmpfs cannot be mounted here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


# --- entries of a batch folder --------------------------------------------------------------


def _fault_folder(in_dir: Path) -> None:
    in_dir.mkdir()
    shutil.copy(SAMPLE, in_dir / "good.tif")
    (in_dir / "a.tif").symlink_to("b.tif")
    (in_dir / "b.tif").symlink_to("a.tif")
    (in_dir / "dangling.tif").symlink_to("nothing.tif")
    os.mkfifo(in_dir / "pipe.tif")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(in_dir / "sock.tif"))
    (in_dir / "scan.bmp").write_bytes(b"BM")
    (in_dir / "README").write_text("notes\n", "utf-8")
    pages = in_dir / "pages"
    pages.mkdir()
    shutil.copy(SAMPLE, pages / "page1.tif")
    Image.new("1", (40, 40), 1).save(pages / "page2.bmp")
    locked = in_dir / "locked"
    locked.mkdir()
    shutil.copy(SAMPLE, locked / "page1.tif")
    os.chown(locked, 65534, 65534)
    locked.chmod(0o700)


@pytest.mark.skipif(not ROOT or shutil.which("setpriv") is None,
                    reason="an unreadable folder for root needs setpriv")
def test_batch_takes_every_entry_or_says_why(tmp_path: Path) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    _fault_folder(in_dir)
    done = subprocess.run(
        [*NO_DAC, sys.executable, str(Path(__file__).parent.parent / "replay_batch.py"),
         str(in_dir), str(out), str(RECORDING)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == ExitCode.BATCH_FAILURES, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads((out / "batch-summary.json").read_text("utf-8"))
    check("batch-summary", data)
    summary = BatchSummary.from_json(data)
    assert [Path(item.package).name for item in summary.converted] == [PACKAGE]
    failed = {Path(item.source).name: item.error for item in summary.failed}
    assert sorted(failed) == ["a.tif", "b.tif", "dangling.tif", "locked", "pages", "pipe.tif",
                              "sock.tif"]
    assert "symbolic link loop" in failed["a.tif"]
    assert "symbolic link to nothing" in failed["dangling.tif"]
    assert "cannot be listed: Permission denied" in failed["locked"]
    assert "FIFO" in failed["pipe.tif"] and "socket" in failed["sock.tif"]
    assert "page2.bmp" in failed["pages"]
    not_taken = {Path(item.source).name: item.reason for item in summary.not_taken}
    assert sorted(not_taken) == ["README", "scan.bmp"]
    assert ".bmp" in not_taken["scan.bmp"] and "no file extension" in not_taken["README"]
    assert summary.counts.not_taken == 2
    assert "not taken: " in done.stdout and "scan.bmp" in done.stdout
    statuses = {Path(row["source"]).name: row["status"] for row in batch_rows(summary)}
    assert statuses["scan.bmp"] == "not taken" and statuses["good.tif"] == "converted"
    assert partial_left(out) == []


def test_survey_never_opens_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.tif")
    (tmp_path / "x.gif").write_bytes(b"GIF89a")
    found = survey(tmp_path)
    assert found.documents == (tmp_path / "pipe.tif",)
    with pytest.raises(FileAccess, match="FIFO"):
        open_source(tmp_path / "pipe.tif")  # would wait forever if it opened it
    assert [item.path.name for item in found.not_taken] == ["x.gif"]


def test_a_page_deleted_after_the_document_was_opened(tmp_path: Path) -> None:
    page = tmp_path / "one.tif"
    shutil.copy(SAMPLE, page)
    source = open_source(page)
    page.unlink()
    with pytest.raises(FileAccess, match=r"one\.tif: no such file") as raised:
        load_page(source, 1, 300)
    assert raised.value.exit_code == ExitCode.FILE_ACCESS


@pytest.mark.skipif(not ROOT or shutil.which("setpriv") is None,
                    reason="an unreadable file for root needs setpriv")
def test_an_unreadable_input_is_exit_5(tmp_path: Path) -> None:
    page = tmp_path / "secret.tif"
    shutil.copy(SAMPLE, page)
    os.chown(page, 65534, 65534)
    page.chmod(0o600)
    done = subprocess.run(
        [*NO_DAC, sys.executable, "-m", "ocr36.cli", "convert", str(page),
         "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=120,
        check=False, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == ExitCode.FILE_ACCESS, done.stderr
    assert "secret.tif: cannot be read" in done.stderr and "Traceback" not in done.stderr


# --- pages ----------------------------------------------------------------------------------


def _damage_page(path: Path, number: int) -> None:
    """Flip bytes in the middle of the G4 strips of page `number` (1-based)."""
    data = bytearray(path.read_bytes())
    with Image.open(path) as image:
        image.seek(number - 1)
        assert image.info.get("compression") == "group4"
        offsets, counts = image.tag_v2[273], image.tag_v2[279]
    for offset, count in zip(offsets, counts, strict=True):
        if count > 400:
            for index in range(offset + count // 3, offset + count // 3 + 40):
                data[index] ^= 0x5A
    path.write_bytes(bytes(data))


def test_a_damaged_g4_page_fails_its_document_naming_the_page(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "damaged.tif"
    shutil.copy(SAMPLE, damaged)
    _damage_page(damaged, 2)
    out = tmp_path / "out"
    with pytest.raises(Ocr36Error, match=r"damaged.tif: page 2 has damaged image data "
                                       r"\(Fax4Decode") as raised:
        convert(damaged, out, options())
    assert raised.value.exit_code == ExitCode.BAD_INPUT
    assert sorted(p.name for p in out.iterdir()) == []
    assert "Fax4Decode" not in capfd.readouterr().err  # told once, in the message
    assert load_page(open_source(damaged), 3, 300).image.shape == (3508, 2480)


def _damaged_page_options(tmp_path: Path, setting: str) -> ConvertOptions:
    profile = tmp_path / f"damaged-{setting}.toml"
    profile.write_text(f'extends = "default"\n[ingest]\ndamaged_page = "{setting}"\n', "utf-8")
    return ConvertOptions(load_profile(str(profile)), engine=replay_spec(RECORDING), jobs=1)


DAMAGED_WARNING = (r".+/damaged\.tif: page 4 has damaged image data \(Fax4Decode: Bad code "
                   r"word .+\); it was not read and is kept as an image of the page as it "
                   r"decodes")


@pytest.mark.parametrize("setting", ["fail", "image"])
def test_a_damaged_middle_page_fails_or_is_kept_as_an_image(tmp_path: Path,
                                                             setting: str) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    damaged = in_dir / "damaged.tif"
    shutil.copy(SAMPLE, damaged)
    _damage_page(damaged, 4)
    out = tmp_path / "out"
    summary = run_batch(in_dir, out, _damaged_page_options(tmp_path, setting), NoProgress())
    if setting == "fail":
        [failed] = summary.failed_documents
        assert "damaged.tif: page 4 has damaged image data (Fax4Decode" in failed.error
        assert not (out / PACKAGE).exists() and partial_left(out) == []
        return
    assert summary.failed_documents == []
    [converted] = summary.converted_documents
    assert converted.pages == 8
    assert len(converted.warnings) >= 1
    assert re.fullmatch(DAMAGED_WARNING, converted.warnings[0])
    assert any(re.search(DAMAGED_WARNING, line) for line in summary.lines())  # printed
    package = out / PACKAGE
    assert validate_package(package).valid
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert manifest["page_count"] == 8 and len(manifest["pages"]) == 8
    assert re.fullmatch(DAMAGED_WARNING, manifest["warnings"][0])
    assert [re.fullmatch(DAMAGED_WARNING, w) is not None
            for page in manifest["pages"] for w in page["warnings"]].count(True) == 1
    xml = (package / "DOC00001.xml").read_text("utf-8")
    kept = [facts for facts in map(read_tiff_facts, package.glob("img*.tif"))
            if (facts.width, facts.height) == (2480, 3508)]
    assert len(kept) == 1, "the damaged page is in the package, whole, as an image"
    assert 'img-content="drawing"' in xml


def test_a_damaged_page_is_kept_as_an_image_where_the_files_are(tmp_path: Path) -> None:
    """With --scheduler a page travels encoded again, which its damage would not survive: it
    is failed or kept as an image before it is shipped."""
    damaged = tmp_path / "damaged.tif"
    shutil.copy(SAMPLE, damaged)
    _damage_page(damaged, 4)
    source = open_source(damaged)
    failed = ship_page(PageTask(source, 4, _damaged_page_options(tmp_path, "fail").profile))
    assert isinstance(failed, PageFailure) and failed.exit_code == ExitCode.BAD_INPUT
    kept = ship_page(PageTask(source, 4, _damaged_page_options(tmp_path, "image").profile))
    assert isinstance(kept, PackedPage)
    page = kept.unpack()
    assert page.text.lines == () and (page.layout.width, page.layout.height) == (2480, 3508)
    assert re.fullmatch(DAMAGED_WARNING, page.warnings[0])


def test_a_page_folder_with_a_page_it_cannot_read_fails_naming_it(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    with Image.open(SAMPLE) as image:
        for number in (1, 3):
            image.seek(number - 1)
            image.save(pages / f"page{number}.tif", compression="group4")
        image.seek(1)
        image.convert("L").save(pages / "page2.bmp")
    with pytest.raises(BadInput, match=r"page2\.bmp: a page of a type ocr36 does not read"):
        open_source(pages)
    (pages / "page2.bmp").unlink()
    (pages / "page2.tif").write_bytes((pages / "page1.tif").read_bytes()[:200])
    with pytest.raises(BadInput, match=r"page2\.tif"):
        open_source(pages)


# --- metadata, profile, truth and XML files -------------------------------------------------


@pytest.mark.parametrize(("content", "suffix", "message"), [
    ('{"doc_number": "123\\u0007"}', ".json", "field 'doc_number' holds the control "
                                               "character U+0007"),
    ('{"publication_date": "20041399"}', ".json", "'publication_date': '20041399' is no "
                                                    "date of the calendar (month 13"),
    ("source,title\nUS20050004437A1.tif,A title,extra\n", ".csv",
     "line 2: more values than the 2 columns"),
    (b"title\nTitre \xe9crit\n", ".csv", "line 2: not UTF-8"),
    (b'{"title":\n "Titre \xe9crit"}', ".json", "line 2: not UTF-8"),
])
def test_metadata_that_does_not_fit_is_refused_before_the_ocr(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, suffix: str,
        message: str) -> None:
    metadata = tmp_path / f"meta{suffix}"
    if isinstance(content, bytes):
        metadata.write_bytes(content)
    else:
        metadata.write_text(content, "utf-8")
    out = tmp_path / "out"
    code = main(["convert", str(SAMPLE), "--metadata", str(metadata), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == ExitCode.BAD_ARGUMENTS, err
    assert message in err and str(metadata) in err and "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []


def test_a_record_that_matches_no_input_is_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    metadata = tmp_path / "meta.json"
    metadata.write_text(json.dumps({"US20050004437A1.tif": {"kind": "A1"},
                                    "missing.tif": {"kind": "B1"}}), "utf-8")
    with contextlib.suppress(Exception):  # the other document's OCR stops it at page 1
        convert(SAMPLE, tmp_path / "out", options(OTHER_RECORDING, metadata))
    assert "the record for missing.tif matches no input" in caplog.text


def test_a_profile_that_is_not_utf8_is_exit_6(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "office.toml"
    profile.write_bytes(b'extends = "default"\ndescription = "Bur\xe9au"\n')
    assert main(["profiles", "check", str(profile)]) == ExitCode.BAD_PROFILE
    err = capsys.readouterr().err
    assert f"{profile}: line 2: not UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize(("text", "message"), [
    ('{"abstract": [\n', "line 2: not valid JSON"),
    ('{"description": [{"kind": "p"}]}', "not a truth file of the expected form"),
])
def test_a_malformed_truth_file_is_exit_1(sample_package: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str], text: str,
                                          message: str) -> None:
    truth = tmp_path / "x.truth.json"
    truth.write_text(text, "utf-8")
    assert main(["evaluate", str(sample_package), str(truth)]) == ExitCode.BAD_ARGUMENTS
    err = capsys.readouterr().err
    assert f"{truth}: {message}" in err and "Traceback" not in err


def test_validate_never_fetches_an_external_dtd(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "DOC00001.xml"
    document.write_text('<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://192.0.2.1/x.dtd">'
                        "\n<x/>\n", "utf-8")
    assert main(["validate", str(document)]) == ExitCode.INVALID_OUTPUT
    captured = capsys.readouterr()
    assert "line 3" in captured.out + captured.err and "Traceback" not in captured.err


# --- the output folder ----------------------------------------------------------------------


def test_a_package_that_exists_is_refused_before_the_ocr(tmp_path: Path) -> None:
    metadata = tmp_path / "meta.json"
    metadata.write_text(json.dumps({"country": "US", "doc_number": "20050004437",
                                    "kind": "A1"}), "utf-8")
    out = tmp_path / "out"
    (out / PACKAGE).mkdir(parents=True)
    (out / PACKAGE / "mine.txt").write_text("kept\n", "utf-8")
    with pytest.raises(FileAccess, match="already exists") as raised:
        convert(SAMPLE, out, options(OTHER_RECORDING, metadata))
    assert raised.value.exit_code == ExitCode.FILE_ACCESS
    assert sorted(p.name for p in (out / PACKAGE).iterdir()) == ["mine.txt"]
    assert partial_left(out) == []


def test_a_read_only_output_folder_is_refused_at_the_start(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as out:
        with pytest.raises(FileAccess, match="cannot be written: Read-only file system"):
            convert(SAMPLE, out, options(OTHER_RECORDING))
        with pytest.raises(FileAccess, match="cannot be written: Read-only file system"):
            run_batch(samples_dir(), out, options(OTHER_RECORDING), NoProgress())
        assert list(out.iterdir()) == []


def _two_samples(tmp_path: Path) -> Path:
    """A batch folder of two copies of the sample."""
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for name in ("first.tif", "second.tif"):
        shutil.copy(SAMPLE, in_dir / name)
    return in_dir


def test_a_full_disk_fails_the_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    in_dir = _two_samples(tmp_path)
    with tmpfs(tmp_path / "small", "128k") as out:
        summary = run_batch(in_dir, out, options(jobs=2), NoProgress())
        assert [Path(item.source).name for item in summary.failed_documents] == \
            ["first.tif", "second.tif"]
        for item in summary.failed_documents:
            assert f"{out / PACKAGE}: the package was not written" in item.error
            assert "the disk is full" in item.error
        assert partial_left(out) == [] and not (out / PACKAGE).exists()
        assert (out / "batch-summary.json").is_file()
        (out / "filler").write_bytes(bytes(64 * 1024))
        with pytest.raises(FileAccess, match="the disk is full") as raised:
            convert(in_dir / "first.tif", out, options())
        assert raised.value.exit_code == ExitCode.FILE_ACCESS
        assert partial_left(out) == []


class _ChangesTheFile(NoProgress):
    """Appends to a document's file once its pages are being read: the change a scanner
    still writing the file makes."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def pages_done(self, source: Path, count: int) -> None:
        with self.file.open("ab") as stream:
            stream.write(b"\0" * 16)


def test_a_file_changed_while_it_is_read_fails(tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    changing = in_dir / "a-changing.tif"
    shutil.copy(SAMPLE, changing)
    out = tmp_path / "out"
    outcomes: list[Outcome] = []
    convert_documents([changing], out, options(), _ChangesTheFile(changing), outcomes.append)
    assert isinstance(outcomes[0], Failed)
    assert "a-changing.tif: changed or removed while the document was being read" in \
        outcomes[0].error.message
    assert outcomes[0].error.exit_code == ExitCode.FILE_ACCESS
    assert list(out.iterdir()) == []


def test_file_names_in_any_script_give_readable_distinct_package_names() -> None:
    profile = load_profile("default")
    names = []
    for file in ("日本特許.tif", "特許公報.tif", "Ωμέγα 12.tif"):
        document = fill_gaps(Document(office="xx", lang="en",
                                      bibliographic=Bibliographic(country="XX")), Path(file))
        names.append(package_name(document, profile, Path(file)))
    assert names == ["XXRiBenTeXu", "XXTeXuGongBao", "XXOmega12"]


# --- files and disks that change under a running batch --------------------------------------


class _DeletesTheFile(NoProgress):
    """Removes a document's file as soon as its pages are handed to the workers."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def document_started(self, source: Path, pages: int) -> None:
        if source == self.file:
            self.file.unlink()


def test_a_file_deleted_mid_batch_fails_alone(tmp_path: Path) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    deleted = in_dir / "a-deleted.tif"
    shutil.copy(SAMPLE, deleted)
    pages = []
    with Image.open(SAMPLE) as image:  # abstract, description and claims: its first 3 pages
        for index in range(3):
            image.seek(index)
            pages.append(image.copy())
    write_document(in_dir / "b-kept.tif", pages)
    by_source = replace(options(), profile=load_profile(str(source_profile(tmp_path))))
    summary = run_batch(in_dir, out, by_source, _DeletesTheFile(deleted))
    [failed] = summary.failed_documents
    assert Path(failed.source).name == "a-deleted.tif"
    assert re.search(r"a-deleted\.tif: (page \d+: )?(no such file|changed or removed while)",
                     failed.error), failed.error
    assert [Path(item.package).name for item in summary.converted_documents] == ["b-kept"]
    assert validate_package(out / "b-kept").valid
    assert not (out / "a-deleted").exists() and partial_left(out) == []
    assert journal_rows(out)["a-deleted.tif"][0] == "failed"


def test_a_journal_on_a_read_only_disk_is_refused_before_any_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    shutil.copy(SAMPLE, in_dir / "doc.tif")
    with tmpfs(tmp_path / "disk", "1m") as out:
        journal = Journal(out)
        journal.start(str(in_dir / "doc.tif"), "0" * 64, "0" * 64, 8)
        journal.failed(str(in_dir / "doc.tif"), "an earlier run's failure")
        journal.close()
        before = folder_digest(out)
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        code = main(["batch", str(in_dir), "--out", str(out), "--retry-failed"])
        err = capsys.readouterr().err
        assert code == ExitCode.FILE_ACCESS, err
        assert f"{out}: the output folder cannot be written: Read-only file system" in err
        assert "Traceback" not in err
        assert folder_digest(out) == before


class _FillsTheDisk(NoProgress):
    """Fills the output disk once the first document has ended: the journal's next change
    finds no room."""

    def __init__(self, disk: Path) -> None:
        self.disk = disk

    def document_done(self, source: Path, outcome: str, pages: int, detail: str = "") -> None:
        with contextlib.suppress(OSError), (self.disk / "filler").open("ab") as stream:
            while True:
                stream.write(bytes(64 * 1024))
                stream.flush()


def test_a_journal_that_finds_the_disk_full_stops_the_batch(tmp_path: Path) -> None:
    in_dir = _two_samples(tmp_path)
    with tmpfs(tmp_path / "disk", "1m") as out:
        try:
            run_batch(in_dir, out, options(OTHER_RECORDING), _FillsTheDisk(out))
        except FileAccess as error:  # not kept past here: its traceback holds the run
            message, code = error.message, error.exit_code
        else:
            pytest.fail("the batch went on without its journal")
        assert code == ExitCode.FILE_ACCESS
        assert "the batch journal cannot be written (database or disk is full)" in message
        assert "the packages written so far are kept" in message
        (out / "filler").unlink()
        rows = journal_rows(out)
        assert rows["first.tif"][0] == "failed"
        assert rows.get("second.tif", ("",))[0] != "done"  # converted again by the next run
        assert partial_left(out) == []
