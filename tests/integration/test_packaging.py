"""What is product and what is tooling: the runtime package never loads the renderer of test
publications, and a built wheel installed outside the checkout carries its profiles and schema."""

from __future__ import annotations

import importlib.util
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ocr36 import paths
from ocr36.cli import main

CHECKOUT = Path(__file__).resolve().parents[2]
TOOLING = "ocr36_synth"
# What a wheel is built from: the package, its data folders and the build configuration.
BUILD_INPUTS = ("ocr36", "profiles", "xsd", "setup.py", "setup.cfg", "pyproject.toml", "README.md")
SAMPLE = CHECKOUT / "samples" / "US20050004437A1.tif"

IMPORT_EVERY_MODULE = textwrap.dedent(f"""
    import importlib, importlib.util, pkgutil, sys
    assert importlib.util.find_spec("{TOOLING}") is not None, "{TOOLING} is not importable here"
    import ocr36
    names = sorted(m.name for m in pkgutil.walk_packages(ocr36.__path__, "ocr36."))
    for name in names:
        importlib.import_module(name)
        tooling = sorted(m for m in sys.modules if m.split(".")[0] == "{TOOLING}")
        if tooling:
            sys.exit(f"importing {{name}} loaded {{tooling}}")
    print(len(names))
""")


def test_no_module_of_ocr36_loads_the_tooling() -> None:
    """Every module of ocr36 imported in one fresh interpreter, where ocr36_synth is importable:
    none of them loads it."""
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    result = subprocess.run([sys.executable, "-c", IMPORT_EVERY_MODULE], cwd=CHECKOUT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 50  # the modules of ocr36 were all walked


def test_the_checkout_finds_its_own_profiles_and_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCR36_HOME", raising=False)
    assert paths.profiles_dir() == CHECKOUT / "profiles"
    assert paths.xsd_path() == CHECKOUT / "xsd" / "ocr36-st36.xsd"
    assert paths.samples_dir() == CHECKOUT / "samples"


def test_ocr36_home_names_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Profiles, schema and samples are read from $OCR36_HOME when it is set."""
    shutil.copytree(CHECKOUT / "profiles", tmp_path / "profiles")
    shutil.copytree(CHECKOUT / "xsd", tmp_path / "xsd")
    ep = (tmp_path / "profiles" / "ep.toml").read_text("utf-8")
    (tmp_path / "profiles" / "office.toml").write_text(ep.replace('name = "ep"', 'name = "office"'),
                                                       "utf-8")
    monkeypatch.setenv("OCR36_HOME", str(tmp_path))
    assert paths.xsd_path() == tmp_path / "xsd" / "ocr36-st36.xsd"
    assert paths.samples_dir() == tmp_path / "samples"
    assert main(["profiles", "list"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()]
    shipped = sorted(path.stem for path in (CHECKOUT / "profiles").glob("*.toml"))
    assert listed == sorted([*shipped, "office"])
    assert "office" in listed and "default" in listed


def _without_checkout_environment() -> dict[str, str]:
    """The environment with nothing that would point Python or ocr36 at the checkout."""
    return {key: value for key, value in os.environ.items()
            if key not in {"PYTHONPATH", "OCR36_HOME", "VIRTUAL_ENV"}}


def _can_build_wheels() -> bool:
    """setuptools builds wheels itself from 70.1; before that with the `wheel` package."""
    return (importlib.util.find_spec("wheel") is not None
            or importlib.util.find_spec("setuptools.command.bdist_wheel") is not None)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout's package and build files, without network."""
    if not _can_build_wheels():
        pytest.skip("building a wheel needs setuptools >= 70.1 or the `wheel` package "
                    "(in the test extra: make setup)")
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        origin = CHECKOUT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                    "--no-build-isolation", "--no-index", "-q", "-w", str(tmp / "dist")],
                   check=True, capture_output=True, timeout=120)
    (built,) = (tmp / "dist").glob("ocr36-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path) -> Path:
    """A fresh virtualenv beside the wheel with the wheel installed (--no-deps); the running
    interpreter's site-packages serve the dependencies through a .pth line, which puts them on
    the path without running the .pth files there (so no editable ocr36 of the checkout)."""
    venv = wheel.parent.parent / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=60)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    dependencies = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    Path(purelib, "dependencies.pth").write_text("\n".join(dict.fromkeys(dependencies)) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True, capture_output=True, timeout=120,
                   env=_without_checkout_environment())
    return venv


def test_the_wheel_carries_the_data_and_no_tooling(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {name.split("/")[0] for name in names} == {"ocr36", _dist_info(wheel)}
    assert {"ocr36/profiles/default.toml", "ocr36/profiles/ep.toml",
            "ocr36/xsd/ocr36-st36.xsd"} <= names
    # the words of each language the corrections read, and the rules' examples
    assert {"ocr36/languages/en.toml", "ocr36/languages/de.toml",
            "ocr36/corrections/examples/chemistry.toml"} <= names


def test_the_installed_wheel_converts_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    """From a temporary folder, with the venv's own ocr36: the bundled profiles are listed, the
    sample converts and its package validates against the schema the wheel carries."""
    env = _without_checkout_environment()
    python, ocr36 = str(venv / "bin" / "python"), str(venv / "bin" / "ocr36")

    def run(*command: str) -> str:
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        return result.stdout

    where = run(python, "-c", "import importlib.util, ocr36, ocr36.paths as p; "
                f"print(ocr36.__file__, p.profiles_dir(), p.xsd_path(), "
                f"importlib.util.find_spec('{TOOLING}'), sep='\\n')").split("\n")
    assert all(Path(path).resolve().is_relative_to(venv.resolve()) for path in where[:3]), where
    assert where[3] == "None", "the tooling is importable from the installed package"
    listed = run(ocr36, "profiles", "list")
    assert "default" in listed and "ep" in listed
    run(ocr36, "convert", str(SAMPLE), "--out", "X")
    package = tmp_path / "X" / "US20050004437A1"
    run(ocr36, "validate", str(package))
    schema = etree.XMLSchema(etree.parse(str(CHECKOUT / "xsd" / "ocr36-st36.xsd")))
    schema.assertValid(etree.parse(str(package / "DOC00001.xml")))


def _dist_info(wheel: Path) -> str:
    name, version = wheel.name.split("-")[:2]
    return f"{name}-{version}.dist-info"
