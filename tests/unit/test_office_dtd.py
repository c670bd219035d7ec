"""The office's own DTD: a profile names it (`[output] dtd`), the package is checked against it
before anything is written (exit 4), and `ocr36 validate` checks it too."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import epo_dtd_or_skip
from test_package import NAME, info
from test_st36 import sample_document

from ocr36.cli import main
from ocr36.errors import ExitCode, InvalidOutput, ProfileError
from ocr36.package import write_package
from ocr36.profile import load_profile
from ocr36.schema import dtd_errors
from ocr36.st36 import build_tree
from ocr36.validate import validate_package

STRICT_DTD = """<!ELEMENT ep-patent-document (bibliographic-data)>
<!ATTLIST ep-patent-document lang CDATA #REQUIRED>
<!ELEMENT bibliographic-data (#PCDATA)>
"""
"""A small real DTD that an ep-patent-document with a description does not satisfy."""


def _profile(tmp_path: Path, dtd: str, name: str = "office.toml") -> Path:
    path = tmp_path / name
    path.write_text(f'extends = "ep"\nname = "office"\n\n[output]\ndtd = "{dtd}"\n', "utf-8")
    return path


def test_an_ep_publication_satisfies_epos_own_dtd(
        tmp_path: Path, ep_output_satisfies_epos_dtd: list[str]) -> None:
    """The applicant with its nationality and residence, addresses that ST.36 requires, the
    search report with its date-produced: EPO's DTD accepts the whole document."""
    dtd = epo_dtd_or_skip()
    assert dtd_errors(build_tree(sample_document(), "DOC00001.xml"), dtd) == []
    write_package(sample_document(), info(), tmp_path, NAME)
    assert ep_output_satisfies_epos_dtd == ["1599469"]  # the tests' own check ran on it


def test_epos_dtd_names_what_it_rejects(tmp_path: Path) -> None:
    dtd = epo_dtd_or_skip()
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    xml = folder / "DOC00001.xml"
    text = xml.read_text("utf-8")
    start, end = text.index("<nationality>"), text.index("</residence>") + len("</residence>")
    xml.write_text(text[:start] + text[end:], "utf-8")
    report = validate_package(folder, dtd)
    assert any("ep-patent-document-v1-5.dtd" in p and "applicant" in p and "nationality" in p
               for p in report.problems), report.problems
    assert not any(".dtd" in p for p in validate_package(folder).problems)


def test_a_profile_names_its_dtd_beside_it_and_a_missing_one_is_refused(
        tmp_path: Path) -> None:
    (tmp_path / "dtd").mkdir()
    (tmp_path / "dtd" / "strict.dtd").write_text(STRICT_DTD, "utf-8")
    profile = load_profile(str(_profile(tmp_path, "dtd/strict.dtd")))
    assert profile.output.dtd == (tmp_path / "dtd" / "strict.dtd").resolve()
    assert profile.output.figures == "sheet"
    with pytest.raises(ProfileError, match=r"other\.toml: key 'output\.dtd' \(line 5\): "
                                           r"the DTD .*absent\.dtd does not exist"):
        load_profile(str(_profile(tmp_path, "absent.dtd", "other.toml")))
    (tmp_path / "broken.dtd").write_text("<!ELEMENT ep-patent-document (a", "utf-8")
    with pytest.raises(ProfileError, match=r"key 'output\.dtd' \(line 5\): .*cannot be read "
                                           r"as a DTD"):
        load_profile(str(_profile(tmp_path, "broken.dtd", "third.toml")))
    assert load_profile("ep").output.dtd is None


def test_a_document_the_office_dtd_rejects_is_not_written(tmp_path: Path) -> None:
    strict = tmp_path / "strict.dtd"
    strict.write_text(STRICT_DTD, "utf-8")
    with pytest.raises(InvalidOutput, match=r"does not conform to strict\.dtd: line \d+: "):
        write_package(sample_document(), replace(info(), office_dtd=strict), tmp_path / "out",
                      NAME)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_validate_checks_the_dtd_a_profile_or_the_command_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_package(sample_document(), info(), tmp_path / "out", NAME)
    strict = tmp_path / "strict.dtd"
    strict.write_text(STRICT_DTD, "utf-8")
    assert main(["validate", str(folder)]) == 0
    capsys.readouterr()
    assert main(["validate", str(folder), "--dtd", str(strict)]) == ExitCode.INVALID_OUTPUT
    assert "strict.dtd: line" in capsys.readouterr().out
    profile = _profile(tmp_path, "strict.dtd")
    assert main(["validate", str(folder), "--profile", str(profile)]) == \
        ExitCode.INVALID_OUTPUT
    assert main(["validate", str(folder), "--dtd", str(tmp_path / "none.dtd")]) == \
        ExitCode.FILE_ACCESS
