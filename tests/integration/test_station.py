"""The verification station: a real `ocr36 serve` on 127.0.0.1 and real headless Chromium.

The batch output it serves is built once for the module from the scanned sample with its
review (the engine's results replayed): one package per test that changes it."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from review_browser import chromium, console_errors, scan_with_review
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from ocr36.errors import InvalidOutput
from ocr36.manifest import MANIFEST_NAME, Manifest
from ocr36.package import TOC_NAME, XML_NAME, sha256_of
from ocr36.station.auth import add_user
from ocr36.station.blocks import find, plain_text
from ocr36.station.claims import merge_claims, numbering_gaps, split_claim
from ocr36.station.db import DB_NAME, connect, edits_of
from ocr36.station.documents import Package
from ocr36.station.editing import EditRequest, apply, draft, split_change, text_change
from ocr36.station.versions import approve, recover
from ocr36.tiff import read_tiff_facts
from ocr36.validate import validate_package

CHECKOUT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse 42"
DOCUMENTS = ("main", "conflict", "xss", "killed", "dtd", "image")
SCRIPT = "<script>window.pwned = 1</script>"



@dataclass
class Served:
    url: str
    out: Path
    process: subprocess.Popen[bytes]
    fifth_claim: str
    """The start of claim 5's text, read into claim 4 in the document 'image'."""

    def package(self, name: str) -> Path:
        return self.out / name


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


STARTUP_S = 120
"""How long the station may take to answer its first request: seconds on an idle machine,
far more on one busy with other tests; the wait ends as soon as it answers."""


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(CHECKOUT), os.environ.get(
        "PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "ocr36.cli", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=60)


def _start(out: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()  # (a port taken meanwhile: the server exits and the loop says so)
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    log = out.parent / "server.log"
    with log.open("ab") as errors:  # a file, not a pipe nobody reads while the tests run
        process = subprocess.Popen([sys.executable, "-m", "ocr36.cli", "serve", str(out),
                                    "--port", str(port)], env=env, stderr=errors)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/login", timeout=2).close()
            return url, process
        except OSError:
            assert process.poll() is None, log.read_text("utf-8", "replace")
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"the station did not answer within {STARTUP_S} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    source = scan_with_review(tmp_path_factory)
    out = tmp_path_factory.mktemp("station") / "out"
    for name in DOCUMENTS:
        shutil.copytree(source, out / name)
        shutil.copytree(source.parent / f"{source.name}.review", out / f"{name}.review")
    xml = out / "xss" / "DOC00001.xml"
    tree = etree.parse(str(xml))
    first = tree.getroot().find("description/p")
    assert first is not None
    first.text = f"{SCRIPT} {first.text}"
    tree.write(str(xml), xml_declaration=True, encoding="UTF-8")
    fifth_claim = _read_claims_4_and_5_as_one(out / "image" / XML_NAME)
    added = _cli("serve", str(out), "--add-user", "ana", "--role", "reviewer",
                 stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    add_user(connect(out / DB_NAME), "ben", "operator", PASSWORD)
    url, process = _start(out)
    served = Served(url, out, process, fifth_claim)
    yield served
    _stop(served.process)  # the one started last (a test kills and starts it again)


def _read_claims_4_and_5_as_one(xml: Path) -> str:
    """Claim 5 read into claim 4, as OCR does when claim 5's number is lost: the claims number
    1-4, 6-10 (the manifest's hash of the XML made right, as a conversion writes it)."""
    tree = etree.parse(str(xml))
    claims = tree.getroot().findall("claims/claim")
    fourth, fifth = claims[3].find("claim-text"), claims[4].find("claim-text")
    assert fourth is not None and fifth is not None
    if len(fourth):
        fourth[-1].tail = f"{fourth[-1].tail or ''} {fifth.text or ''}"
    else:
        fourth.text = f"{fourth.text or ''} {fifth.text or ''}"
    for child in fifth:
        fourth.append(child)
    parent = claims[4].getparent()
    assert parent is not None
    parent.remove(claims[4])
    tree.write(str(xml), xml_declaration=True, encoding="UTF-8")
    manifest = Manifest.read(xml.parent)
    (xml.parent / MANIFEST_NAME).write_bytes(
        replace(manifest, files={**manifest.files, XML_NAME: sha256_of(xml)}).to_bytes())
    return (fifth.text or "").strip()[:30]


def _opener(jar: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(
        jar if jar is not None else http.cookiejar.CookieJar()))


def _log_in(served: Served, name: str = "ana", password: str = PASSWORD,
            jar: http.cookiejar.CookieJar | None = None,
            ) -> tuple[urllib.request.OpenerDirector, int]:
    opener = _opener(jar)
    with opener.open(f"{served.url}/login", timeout=10) as form:
        csrf = form.read().decode().split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    data = urllib.parse.urlencode({"name": name, "password": password, "next": "/",
                                   "csrf_token": csrf}).encode()
    try:
        with opener.open(f"{served.url}/login", data, timeout=10) as response:
            return opener, int(response.status)
    except urllib.error.HTTPError as error:
        return opener, error.code


def _browser_log_in(driver: Any, served: Served, name: str) -> None:
    driver.get(f"{served.url}/")
    driver.find_element("id", "name").send_keys(name)
    driver.find_element("id", "password").send_keys(PASSWORD)
    driver.find_element("id", "log-in").click()
    # the queue page follows the login (the password hash takes a moment on a busy machine)
    _wait(lambda: driver.find_elements("id", "queue"), seconds=30)


def _block(driver: Any, num: str) -> Any:
    return driver.find_element("css selector", f'.block.kind-paragraph[data-id$="/p[{num}]"]')


def _wait(condition: Any, seconds: float = 10) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_correct_split_and_approve_in_chromium(served: Served, tmp_path: Path) -> None:
    package = served.package("main")
    with chromium(tmp_path / "chromium") as driver:
        _browser_log_in(driver, served, "ana")
        driver.get(f"{served.url}/?show=all")
        links = {a.text: a for a in driver.find_elements("css selector", "#queue a.doc")}
        assert set(DOCUMENTS) <= set(links)
        links["main"].click()
        _wait(lambda: driver.find_elements("css selector", ".block.kind-paragraph"), seconds=30)
        paragraphs = len(driver.find_elements("css selector", ".block.kind-paragraph"))
        assert paragraphs == 30
        assert driver.find_elements("css selector", "svg rect.ov.low")
        # correct a word: 'several time a day' -> 'several times a day' (paragraph 3)
        block = _block(driver, "3")
        text = block.find_element("css selector", ".text")
        assert "several time a day" in text.text
        driver.execute_script(
            "const t = arguments[0], n = t.firstChild, i = n.data.indexOf('time a day') + 4;"
            "t.focus(); const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i);"
            "getSelection().removeAllRanges(); getSelection().addRange(r);", text)
        text.send_keys("s")
        text.send_keys("\ue009\ue007")  # Ctrl+Enter: accept the block, go to the next
        _wait(lambda: "saved" in block.get_attribute("class"))
        assert driver.find_element("id", "revision").text == "1"
        # clicking a block marks its lines on the page
        assert driver.find_elements("css selector", "rect.ov.sel")
        # split paragraph 3 after its first sentence
        block = _block(driver, "3")
        text = block.find_element("css selector", ".text")
        first_sentence = text.text.index(". ") + 2
        driver.execute_script(
            "const t = arguments[0], n = t.firstChild; t.focus();"
            "const r = document.createRange(); r.setStart(n, arguments[1]); r.collapse(true);"
            "getSelection().removeAllRanges(); getSelection().addRange(r);", text,
            first_sentence)
        block.find_element("css selector", "button.split").click()
        _wait(lambda: len(driver.find_elements("css selector", ".block.kind-paragraph")) == 31)
        _wait(lambda: driver.find_element("id", "revision").text == "2")
        driver.find_element("id", "approve").click()
        note = _wait(lambda: driver.find_elements("id", "approved"))
        assert "version 2" in note[0].text
        assert console_errors(driver) == []
    report = validate_package(package)
    assert report.valid, report.problems
    _independently_valid(package)
    xml = (package / "DOC00001.xml").read_text("utf-8")
    assert "several times a day" in xml and "several time a day" not in xml
    assert 'num="0031"' in xml and 'num="0032"' not in xml
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert manifest["approval"]["version"] == 2
    assert manifest["approval"]["approved_by"] == "ana"
    assert manifest["approval"]["edits"] == 2
    kept = served.out / "main.history" / "v1" / "DOC00001.xml"
    assert "several time a day" in kept.read_text("utf-8")
    edits = edits_of(connect(served.out / DB_NAME), str(package))
    assert [(e.user, e.kind) for e in edits] == [("ana", "text"), ("ana", "split")]
    assert edits[0].before.endswith(edits[0].before[-10:]) and "times" in edits[0].after


def _structural(driver: Any, button: Any, revision: int) -> None:
    """Click a button that changes the structure; wait for the page it reloads."""
    button.click()
    _reloaded(driver, button, revision)


def _reloaded(driver: Any, old: Any, revision: int) -> None:
    """Wait for the page that replaces the one `old` is on, at `revision`."""
    def gone() -> bool:
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            return True
        return False
    try:
        _wait(gone)
    except AssertionError as error:
        raise AssertionError(driver.find_element("id", "status").text) from error
    _wait(lambda: driver.execute_script("return document.readyState") == "complete"
          and driver.find_element("id", "revision").text == str(revision))


def _claims(driver: Any) -> list[str]:
    labels: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('.block.kind-claim .bname'),"
        " (e) => e.textContent)")
    return labels


def _alt(driver: Any, key: str) -> None:
    ActionChains(driver).key_down(Keys.ALT).send_keys(key).key_up(Keys.ALT).perform()


def _keys_and_boxes(driver: Any) -> None:
    """The view links to the review page; Alt+N selects the next uncertain word, Alt+J goes to
    the next block; a box clicked on the page makes its block the current one."""
    review = driver.find_element("link text", "Review page")
    assert review.get_attribute("href").endswith("/review/0/image/index.html")
    _alt(driver, "n")
    status = _wait(lambda: driver.find_element("id", "status").text)
    assert status.startswith("Uncertain word: ")
    assert driver.execute_script("return getSelection().toString()") == \
        status.removeprefix("Uncertain word: ")
    first = driver.find_element("css selector", ".block.current").get_attribute("data-id")
    _alt(driver, "j")
    _wait(lambda: driver.find_element("css selector", ".block.current").get_attribute("data-id")
          != first)
    rect = driver.find_element("css selector", "#page-3 rect[data-block]")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                          rect)
    current = driver.find_element("css selector", ".block.current")
    assert current.get_attribute("data-trace") == rect.get_attribute("data-block")


def test_images_and_claims_in_chromium(served: Served, tmp_path: Path) -> None:
    """A paragraph marked as an image (undone, marked again with Alt+I), a region drawn on
    the page marked as a table, claim 5 read into claim 4 split out again (the gap shown
    before), two claims merged, a heading made a paragraph: the approved package carries the
    images as G4 TIFFs and validates, DTDs included."""
    package = served.package("image")
    with chromium(tmp_path / "chromium") as driver:
        _browser_log_in(driver, served, "ana")
        driver.get(f"{served.url}/doc/0/image")
        assert "number 5 missing between 4 and 6" in driver.find_element("id", "numbering").text
        assert _claims(driver) == [f"claim {n}" for n in (1, 2, 3, 4, 6, 7, 8, 9, 10)]
        _keys_and_boxes(driver)
        _structural(driver, _block(driver, "5").find_element("css selector", "button.image"), 1)
        assert not _block(driver, "5").find_element("css selector", ".text").text
        _structural(driver, driver.find_element("id", "undo"), 2)  # taken back, then again
        text = _block(driver, "5").find_element("css selector", ".text")
        assert text.text.startswith("It is an object of the invention")
        text.click()
        _alt(driver, "i")
        _reloaded(driver, text, 3)
        assert _block(driver, "5").find_element("css selector", ".image-files").text == \
            "image imgb0001.tif"
        shown = _block(driver, "5").find_element("css selector", "img.cut")
        driver.execute_script("arguments[0].scrollIntoView()", shown)
        shown_width = _wait(lambda: driver.execute_script("return arguments[0].naturalWidth",
                                                          shown))  # the cut, before approval
        # a table drawn on page 2 becomes paragraph 7
        Select(driver.find_element("id", "image-content")).select_by_value("table")
        _block(driver, "7").find_element("css selector", "button.draw").click()
        sheet = driver.find_element("css selector", "#page-2 svg")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", sheet)
        ActionChains(driver).move_to_element_with_offset(sheet, -150, -200).click_and_hold() \
            .move_by_offset(180, 90).release().perform()
        _reloaded(driver, sheet, 4)
        # claim 4 split where claim 5's text begins: 1-10 again, the warning gone
        claim = driver.find_elements("css selector", ".block.kind-claim")[3]
        text = claim.find_element("css selector", ".text")
        driver.execute_script(
            "const t = arguments[0], n = t.firstChild; t.focus();"
            "const r = document.createRange(); r.setStart(n, arguments[1]); r.collapse(true);"
            "getSelection().removeAllRanges(); getSelection().addRange(r);", text,
            text.text.rindex(served.fifth_claim))
        _structural(driver, claim.find_element("css selector", "button.split"), 5)
        assert _claims(driver) == [f"claim {n}" for n in range(1, 11)]
        assert not driver.find_elements("id", "numbering")
        # claims 9 and 10 merged
        claim = driver.find_elements("css selector", ".block.kind-claim")[8]
        _structural(driver, claim.find_element("css selector", "button.merge"), 6)
        assert _claims(driver) == [f"claim {n}" for n in range(1, 10)]
        # the last heading of the description read as one: made a paragraph
        heading = driver.find_elements("css selector", ".block.kind-heading select.kind")[-1]
        Select(heading).select_by_value("paragraph")
        _reloaded(driver, heading, 7)
        _alt(driver, "a")  # approve
        _wait(lambda: driver.find_elements("id", "approved"))
        assert console_errors(driver) == []
    report = validate_package(package)
    assert report.valid, report.problems
    assert read_tiff_facts(package / "imgb0001.tif").width == shown_width
    for name in ("imgb0001.tif", "imgb0002.tif"):
        assert read_tiff_facts(package / name).compression == "group4"
        assert f'FileName="{name}"' in (package / TOC_NAME).read_text("utf-8")
    _independently_valid(package)
    root = etree.parse(str(package / XML_NAME)).getroot()
    fifth = root.find("claims/claim[5]")
    assert fifth is not None and fifth.get("id") == "c-en-0005" and fifth.get("num") == "0005"
    assert _text(fifth).strip().startswith(served.fifth_claim)
    assert len(root.findall("claims/claim")) == 9
    paragraphs = root.findall("description/p")
    assert _text(paragraphs[4]).strip() == ""
    assert [i.get("file") for i in paragraphs[4].iter("img")] == ["imgb0001.tif"]
    assert [i.get("img-content") for i in paragraphs[6].iterfind("tables/img")] == ["table"]
    edits = edits_of(connect(served.out / DB_NAME), str(package))
    assert [e.kind for e in edits] == ["image", "undo", "image", "image", "split", "merge",
                                       "kind"]
    assert len(paragraphs) == 31
    assert "It is an object of the invention" in edits[0].before
    assert edits[1].after == edits[0].before and edits[2].after == edits[0].after
    assert edits[3].after.startswith("image imgb0002.tif (table), page 2")


def _text(element: etree._Element) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def _independently_valid(package: Path) -> None:
    """The development corpus's validator, with the ST.36 DTDs, where it is at hand."""
    independent = CHECKOUT.parent / "shared" / "tools" / "st36_validate.py"
    if independent.is_file():
        checked = subprocess.run([sys.executable, str(independent), "--quiet",
                                  str(package / XML_NAME)], capture_output=True,
                                 text=True, timeout=60)
        assert checked.returncode == 0, checked.stdout[-2000:]


def test_two_operators_on_one_document(served: Served, tmp_path: Path) -> None:
    """The second save is refused with the first operator's change shown."""
    with chromium(tmp_path / "a") as first, chromium(tmp_path / "b") as second:
        for driver, name in ((first, "ana"), (second, "ben")):
            _browser_log_in(driver, served, name)
            driver.get(f"{served.url}/doc/0/conflict")
        for driver, num, word in ((first, "2", " ANA"), (second, "4", " BEN")):
            text = _block(driver, num).find_element("css selector", ".text")
            driver.execute_script(
                "const t = arguments[0]; t.focus(); const r = document.createRange();"
                "r.selectNodeContents(t); r.collapse(false); getSelection().removeAllRanges();"
                "getSelection().addRange(r);", text)
            text.send_keys(word)
            text.send_keys("\ue009\ue007")
            if driver is first:
                _wait(lambda: first.find_element("id", "revision").text == "1")
        shown = _wait(lambda: second.find_element("id", "conflict").text)
        assert "ana" in shown and "ANA" in shown
        assert second.find_element("id", "revision").text == "0"
    edits = edits_of(connect(served.out / DB_NAME), str(served.package("conflict")))
    assert [(e.user, e.after.endswith("ANA")) for e in edits] == [("ana", True)]


def test_ocr_text_is_shown_as_text(served: Served, tmp_path: Path) -> None:
    with chromium(tmp_path / "chromium") as driver:
        _browser_log_in(driver, served, "ben")
        driver.get(f"{served.url}/doc/0/xss")
        block = _block(driver, "1")
        assert block.find_element("css selector", ".text").text.startswith(SCRIPT)
        assert driver.execute_script("return window.pwned") is None
        assert not driver.find_elements("css selector", ".blocks script")


def test_wrong_password_is_refused(served: Served) -> None:
    opener, status = _log_in(served, "ana", "not the password")
    assert status == 401
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"{served.url}/edit/0/main", b"{}", timeout=10)
    assert refused.value.code == 401
    assert _log_in(served, "nobody", PASSWORD)[1] == 401
    assert _log_in(served)[1] == 200


def test_a_login_without_the_csrf_token_is_refused(served: Served) -> None:
    """The log-in form's token: a log-in posted without it (from another site) is refused,
    even with the right password; with it, the same post logs in."""
    opener = _opener()
    data = urllib.parse.urlencode({"name": "ana", "password": PASSWORD}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"{served.url}/login", data, timeout=10)
    assert refused.value.code == 403
    assert b"CSRF" in refused.value.read()
    with opener.open(f"{served.url}/login", timeout=10) as form:  # the form's cookie, no field
        assert b'name="csrf_token"' in form.read()
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"{served.url}/login", data, timeout=10)
    assert refused.value.code == 403
    assert _log_in(served)[1] == 200


def test_the_admin_threshold_routes_documents(served: Served) -> None:
    """The threshold an admin sets decides which documents the queue routes to operators; an
    operator may not set it."""
    store = connect(served.out / DB_NAME)
    add_user(store, "ada", "admin", PASSWORD)
    xss = str(served.package("xss"))
    _wait(lambda: store.execute("SELECT need FROM quality WHERE package = ?", (xss,)).fetchone(),
          seconds=30)
    opener, status = _log_in(served, "ada")
    assert status == 200
    with opener.open(f"{served.url}/admin", timeout=10) as page:
        csrf = page.read().decode().split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    try:
        for threshold, routed in (("0", True), ("100", False)):
            data = urllib.parse.urlencode({"csrf_token": csrf, "threshold": threshold}).encode()
            opener.open(f"{served.url}/admin", data, timeout=10).close()
            with opener.open(f"{served.url}/", timeout=10) as queue:
                assert ('class="doc" href="/doc/0/xss"' in queue.read().decode()) == routed
    finally:
        data = urllib.parse.urlencode({"csrf_token": csrf, "threshold": "5"}).encode()
        opener.open(f"{served.url}/admin", data, timeout=10).close()
    operator, _ = _log_in(served, "ben")
    with pytest.raises(urllib.error.HTTPError) as refused:
        operator.open(f"{served.url}/admin", timeout=10)
    assert refused.value.code == 403


def _post_edit(opener: urllib.request.OpenerDirector, served: Served,
               headers: dict[str, str]) -> int:
    body = json.dumps({"action": "text", "block": "/xx-patent-document/description/p[1]",
                       "text": "changed", "revision": 0}).encode()
    request = urllib.request.Request(f"{served.url}/edit/0/killed", body,
                                     {"Content-Type": "application/json", **headers})
    try:
        with opener.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_change_without_the_csrf_token_is_refused(served: Served) -> None:
    opener, status = _log_in(served, "ben")
    assert status == 200
    assert _post_edit(opener, served, {}) == 403
    assert _post_edit(opener, served, {"X-CSRF-Token": "guessed"}) == 403
    assert edits_of(connect(served.out / DB_NAME), str(served.package("killed"))) == []


def test_no_url_reaches_a_file_outside(served: Served) -> None:
    jar = http.cookiejar.CookieJar()
    opener, status = _log_in(served, jar=jar)
    assert status == 200
    (cookie,) = jar
    outside = (served.out.parent / "secret.txt")
    outside.write_text("not for the web")
    for path in ("/page/0/main/../../secret.txt", "/review/0/../secret.txt",
                 "/review/0/main/../../../../etc/passwd", "/doc/0/../../etc",
                 "/page/0/main/%2e%2e%2fsecret.txt", "/static/../../secret.txt",
                 "/review/0/main/trace.json", "/walkthrough/0/..%2fsecret.txt",
                 "/walkthrough/5/index.html", "/image/0/main/..%2f..%2fsecret.txt",
                 "/image/0/main/manifest.json", "/image/0/main/imgb9999.tif"):
        connection = http.client.HTTPConnection(served.url.removeprefix("http://"), timeout=10)
        connection.request("GET", path, headers={"Cookie": f"{cookie.name}={cookie.value}"})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 404, (path, response.status)
        assert b"not for the web" not in body and b"root:" not in body
    # what a URL may name is served: the review page beside the package
    with opener.open(f"{served.url}/review/0/xss/index.html", timeout=10) as response:
        assert response.status == 200 and b"<section" in response.read()


def test_a_saved_correction_survives_a_killed_server(served: Served) -> None:
    """SIGKILL right after the reply: the correction is in the store when it starts again."""
    opener, _ = _log_in(served, "ben")
    with opener.open(f"{served.url}/doc/0/killed", timeout=10) as response:
        page = response.read().decode()
    csrf = page.split('data-csrf="', 1)[1].split('"', 1)[0]
    assert _post_edit(opener, served, {"X-CSRF-Token": csrf}) == 200
    served.process.kill()
    served.process.wait(10)
    served.url, served.process = _start(served.out)
    edits = edits_of(connect(served.out / DB_NAME), str(served.package("killed")))
    assert [(e.user, e.after) for e in edits] == [("ben", "changed")]


KILLED_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from ocr36.station import versions
from ocr36.station.db import connect
from ocr36.station.documents import Package
from ocr36.station.blocks import find, plain_text
from ocr36.station.editing import EditRequest, apply, draft, split_change, text_change

renames = []
real_rename = os.rename

def rename(source, target):
    real_rename(source, target)
    renames.append(target)
    if len(renames) == 1:  # the package is in the history, the new version not yet in place
        os.kill(os.getpid(), signal.SIGKILL)

versions.os.rename = rename
folder = Path(sys.argv[1])
versions.approve(connect(folder.parent / "store.sqlite"), Package(0, folder.name, folder),
                 "ana", 0)
"""


def test_an_approval_killed_between_its_renames_is_finished(served: Served,
                                                            tmp_path: Path) -> None:
    """A server killed half-way through an approval (SIGKILL between the two renames) leaves
    the new version complete beside the package; the next start puts it into place."""
    package = tmp_path / "out" / "doc"
    shutil.copytree(served.package("dtd"), package)
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    killed = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_RENAMES, str(package)],
                            env=env, capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not package.exists() and (tmp_path / "out" / "doc.history" / "v1").is_dir()
    done = recover((tmp_path / "out",))
    assert done == [f"{package}: an approval stopped half-way; its new version put in place"]
    assert validate_package(package).valid
    assert Manifest.read(package).approval is not None
    assert validate_package(tmp_path / "out" / "doc.history" / "v1").valid


def test_approval_refused_by_the_office_dtd(served: Served, tmp_path: Path) -> None:
    """A document the office's DTD (`serve --dtd`) refuses is not approved: nothing changes."""
    package = Package(0, "dtd", served.package("dtd"))
    dtd = tmp_path / "office.dtd"
    dtd.write_text("<!ELEMENT xx-patent-document (front-matter)>\n"
                   "<!ELEMENT front-matter EMPTY>\n")
    files = {p.name: p.read_bytes() for p in package.path.iterdir()}
    with pytest.raises(InvalidOutput) as refused:
        approve(connect(served.out / DB_NAME), package, "ana", 0, dtd)
    assert "office.dtd" in refused.value.message
    assert {p.name: p.read_bytes() for p in package.path.iterdir()} == files
    assert not package.history.exists()
    assert not list(served.out.glob(".dtd.approving-*"))


def test_serve_without_the_extra_exits_3(tmp_path: Path) -> None:
    hide = ("import sys\n"
            "sys.modules['flask'] = None  # as if the extra were not installed\n"
            "from ocr36.cli import main\n"
            f"sys.exit(main(['serve', {str(tmp_path)!r}]))\n")
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    result = subprocess.run([sys.executable, "-c", hide], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "ocr36[station]" in result.stderr


def _draft_text(connection: sqlite3.Connection, package: Package, block: str) -> str:
    element = find(etree.fromstring(draft(connection, package).xml).getroottree(), block)
    assert element is not None, block
    return plain_text(element)


def test_corrections_report(served: Served, tmp_path: Path) -> None:
    """A word corrected and a paragraph split, in a store of the test's own (the served one
    holds what the other tests of this process did, in whatever order they ran)."""
    out = tmp_path / "out"
    shutil.copytree(served.package("dtd"), out / "dtd")
    connection = connect(out / DB_NAME)
    package = Package(0, "dtd", out / "dtd")
    block = "/xx-patent-document/description/p[3]"
    text = _draft_text(connection, package, block)
    assert "several time a day" in text
    first = apply(connection, package, EditRequest("ana", 0, block),
                  text_change(block, text.replace("several time a day", "several times a day")))
    apply(connection, package, EditRequest("ana", first, block),
          split_change(block, text.index(". ") + 2))
    connection.close()
    result = _cli("corrections", "report", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 corrections in 1 documents by 1 operators" in result.stdout
    assert "paragraph split" in result.stdout
    assert "time -> times in words, 1 times" in result.stdout


def test_claim_references_follow_their_claims() -> None:
    """A claim split: the claims after it numbered on, references naming the claims they named;
    two merged: references to the one merged away name the claim it joined."""
    claims = etree.fromstring(
        '<claims lang="en">'
        '<claim id="c-en-0001" num="0001"><claim-text>A device. A method.</claim-text></claim>'
        '<claim id="c-en-0002" num="0002"><claim-text>The device of '
        '<claim-ref idref="c-en-0001">claim 1</claim-ref>.</claim-text></claim>'
        '<claim id="c-en-0003" num="0003"><claim-text>The device of '
        '<claim-ref idref="c-en-0002">claim 2</claim-ref>.</claim-text></claim></claims>')
    first = claims[0]
    split_claim(first, len("A device. "))
    assert [(c.get("id"), c.get("num")) for c in claims] == [
        ("c-en-0001", "0001"), ("c-en-0002", "0002"), ("c-en-0003", "0003"),
        ("c-en-0004", "0004")]
    assert _text(claims[1]) == "A method."
    assert [r.get("idref") for r in claims.iter("claim-ref")] == ["c-en-0001", "c-en-0003"]
    merge_claims(claims[2], claims[3])
    assert [c.get("num") for c in claims] == ["0001", "0002", "0003"]
    assert [r.get("idref") for r in claims.iter("claim-ref")] == ["c-en-0001", "c-en-0003"]
    assert _text(claims[2]) == "The device of claim 1. The device of claim 2."
    gaps = numbering_gaps(etree.ElementTree(etree.fromstring(
        '<xx-patent-document><claims lang="en"><claim num="0001"/><claim num="0002"/>'
        '<claim num="0004"/><claim num="0004"/></claims></xx-patent-document>')))
    assert [g.message() for g in gaps] == [
        "claims (en): number 3 missing between 2 and 4 (read into the one before it? split it)",
        "claims (en): number 4 comes again after 4 (a claim or paragraph read as two? merge "
        "them)"]
