"""The versions of the language packs, asked of dpkg once for all, are those it gives for
each pack asked alone."""

from __future__ import annotations

from ocr36.ocr.tessdata import _dpkg_versions, installed_languages, pack_version, pack_versions


def test_packs_asked_together_have_the_versions_they_have_asked_alone() -> None:
    packs = [pack for pack in ("eng", "deu", "osd") if pack in installed_languages()]
    assert packs
    together = _dpkg_versions([*packs, "no-such-pack"])
    assert together == {pack: pack_version(pack) for pack in packs if together.get(pack)}
    versions = pack_versions()
    assert all(versions[f"traineddata:{pack}"] == pack_version(pack) for pack in packs)
