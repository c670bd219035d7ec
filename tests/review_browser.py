"""Headless Chromium (Debian `chromium` + `chromium-driver`) for the tests of the HTML pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")


@contextmanager
def chromium(profile_dir: Path) -> Iterator[Any]:
    """A headless Chromium driven by Selenium, with a fresh user-data folder."""
    if not CHROMIUM.is_file() or not CHROMEDRIVER.is_file():
        pytest.fail("Chromium is missing: run `make setup` (Debian chromium, chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile_dir, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    """Messages of level SEVERE the page logged (script errors, missing files)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE"]


_CONVERTED: dict[str, Path] = {}


def scan_with_review(factory: pytest.TempPathFactory) -> Path:
    """samples/US20050004437A1-scan.tif converted once per run with its review pages, as
    `convert --review` does (the engine's results replayed)."""
    if "scan" not in _CONVERTED:
        from record_engine import PROFILE, replay

        from ocr36.profile import load_profile
        from ocr36.review.record import review_recorder

        sample = "US20050004437A1-scan"
        recorder = review_recorder(load_profile(PROFILE))
        _CONVERTED["scan"] = replay(sample, factory.mktemp("scan-review") / "out", recorder)
    return _CONVERTED["scan"]
