"""Running heads dropped by repetition on real pages; `ocr36 profiles infer` writes a profile
that loads and converts its samples at least as well as the hand-written one."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from PIL import Image
from record_engine import recording_of

from ocr36.batch.convert import convert, read_pages
from ocr36.batch.options import ConvertOptions
from ocr36.cli import main
from ocr36.evaluate import evaluate
from ocr36.ingest import open_source
from ocr36.ocr import get_engine
from ocr36.ocr.recorded import replay_spec
from ocr36.paths import samples_dir
from ocr36.profile import load_profile
from ocr36.profile.infer import infer_settings, sample_of
from ocr36.profile.written import profile_text, write_profile

SAMPLES = ("US20050004437A1", "US08930553B2-two-column")


def _pages_of(sample: str, numbers: range, folder: Path) -> Path:
    """Some pages of a bundled sample as a TIFF of their own."""
    frames = []
    with Image.open(samples_dir() / f"{sample}.tif") as image:
        for number in numbers:
            image.seek(number - 1)
            frames.append(image.copy())
    path = folder / f"{sample}-{numbers.start}-{numbers.stop - 1}.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4",
                   dpi=(300, 300))
    return path


def _replayed(sample: str) -> str:
    return replay_spec(recording_of(sample))


def _not_worse(inferred: dict[str, object], written: dict[str, object]) -> list[str]:
    """The measures in which the inferred profile did worse."""
    worse = []
    for part, value in written["cer"].items():  # type: ignore[attr-defined]
        if inferred["cer"].get(part, 1.0) > value:  # type: ignore[attr-defined]
            worse.append(f"cer {part}")
    for key in ("heading_f1",):
        if inferred[key] < written[key]:  # type: ignore[operator]
            worse.append(key)
    for key in ("bibliographic", "bookmarks"):
        if inferred[key]["right"] < written[key]["right"]:  # type: ignore[index]
            worse.append(key)
    counts_in, counts_w = inferred["counts"], written["counts"]
    if counts_in["paragraphs"] != counts_w["paragraphs"]:  # type: ignore[index]
        worse.append("paragraphs")
    return worse


def test_an_inferred_profile_converts_the_samples_as_well_as_the_written_one(
        tmp_path: Path, sample_package: Path) -> None:
    """Inferred from the two samples; the single-column one converted with it measures at
    least as well as with the profile written for it (the default)."""
    default = load_profile("default")
    samples = [sample_of(samples_dir() / f"{name}.tif",
                         read_pages(open_source(samples_dir() / f"{name}.tif"),
                                    ConvertOptions(default, engine=_replayed(name))), default)
               for name in SAMPLES]
    settings = infer_settings(samples, get_engine())
    text = profile_text(settings, "inferred", [s.path for s in samples])
    profile = write_profile(text, tmp_path / "inferred.toml", overwrite=False)
    assert (profile.office, profile.language.document, profile.language.tesseract) == (
        "US", "en", ("eng",))
    assert "# '[0001]' on 67 of 67 numbered lines, in 2 of 2 documents" in text
    assert "# 'Claims' on page 3 of US20050004437A1.tif; 'Claims' on page 5 of" in text
    assert tomllib.loads(text)["numbering"]["claim"] == r"^([0-9]{1,3})\s*\.\s+"
    name = SAMPLES[0]
    truth = samples_dir() / f"{name}.truth.json"
    inferred = convert(samples_dir() / f"{name}.tif", tmp_path / "out",
                       ConvertOptions(profile, engine=_replayed(name))).package
    measures = evaluate(inferred, truth), evaluate(sample_package, truth)
    assert not _not_worse(*measures), measures


def test_running_heads_and_page_numbers_are_dropped_without_the_bands(tmp_path: Path) -> None:
    """With the profile's header and footer bands off, the printed running head and page
    numbers are read, found again by their repetition and dropped."""
    document = _pages_of("US20050004437A1", range(1, 4), tmp_path)
    profile = tmp_path / "no-bands.toml"
    profile.write_text('extends = "default"\nname = "no-bands"\n[layout]\n'
                       "drop_running_header = false\ndrop_page_numbers = false\n", "utf-8")
    package = convert(document, tmp_path / "out", ConvertOptions(load_profile(str(profile)),
                                                                 jobs=2)).package
    xml = (package / "DOC00001.xml").read_text("utf-8")
    assert "0004437" not in xml[xml.index("<description"):]
    measures = evaluate(package, samples_dir() / "US20050004437A1.truth.json")
    assert measures["counts"]["paragraphs"]["found"] == 30
    assert measures["cer"]["description"] < 0.005
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert package.name == "US20050004437A1"
    assert manifest["field_sources"]["doc_number"] == "front-page"


def test_profiles_infer_writes_a_profile_that_loads(tmp_path: Path) -> None:
    document = _pages_of("US20050004437A1", range(1, 3), tmp_path)
    out = tmp_path / "office.toml"
    assert main(["profiles", "infer", str(document), "--out", str(out), "-j", "2",
                 "--max-pages", "1"]) == 0
    text = out.read_text("utf-8")
    assert 'extends = "default"' in text and "# OSD script Latin on page" in text
    assert load_profile(str(out)).language.tesseract == ("eng",)
    assert main(["profiles", "check", str(out)]) == 0


@pytest.mark.parametrize("existing", [True, False])
def test_profiles_infer_keeps_what_exists_and_refuses_bad_input(tmp_path: Path,
                                                                existing: bool) -> None:
    out = tmp_path / "office.toml"
    if existing:
        out.write_text("# mine\n", "utf-8")
        document = samples_dir() / "US20050004437A1.tif"
    else:
        document = tmp_path / "missing.tif"
    assert main(["profiles", "infer", str(document), "--out", str(out)]) == 5
    assert out.read_text("utf-8") == "# mine\n" if existing else not out.exists()
    assert not list(tmp_path.glob(".office-*"))
