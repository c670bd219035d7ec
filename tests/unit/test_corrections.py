"""Every correction rule against its examples (ocr36/corrections/examples/*.toml): what OCR
read and what the rule makes of it, text it must leave alone, from several documents."""

from __future__ import annotations

import functools

import pytest

from ocr36.corrections.chemistry import printed_ranges
from ocr36.corrections.engine import Corrector, changes, correct
from ocr36.corrections.examples import Example, examples, one_document
from ocr36.corrections.registry import FAMILIES, RULES, rule, rules_of
from ocr36.corrections.rule import Evidence
from ocr36.corrections.spelling import Spelling
from ocr36.languages import all_languages
from ocr36.model import Box, ClaimSet, PageBox, PageMark, Paragraph, Text
from ocr36.ocr.lexicon import words
from ocr36.profile import load_profile

EXAMPLES = examples()


@functools.cache
def _spelling(printed: tuple[str, ...]) -> Spelling:
    return Spelling.of(printed)


def _evidence(example: Example) -> Evidence:
    return Evidence(example.lang, _spelling(example.printed), words(example.packs),
                    example.ranges)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.rule}:{e.text[:40]}")
def test_rule_on_its_example(example: Example) -> None:
    mended, corrections = correct(example.text, _evidence(example), [rule(example.rule)], 7)
    assert mended == example.expected
    assert bool(corrections) == example.mends
    assert all(c.rule == example.rule and c.page == 7 for c in corrections)


@pytest.mark.parametrize("name", [r.name for r in RULES])
def test_every_rule_shows_its_misreading_in_more_than_one_document(name: str) -> None:
    """Mends from two documents at least, one of them read by Tesseract; text to leave alone.
    A rule seen in one document only says why it stays, and shows no second one."""
    mine = [e for e in EXAMPLES if e.rule == name]
    assert any(not e.mends for e in mine), name
    assert any(e.read == "ocr" for e in mine if e.mends), name
    documents = len({e.document for e in mine if e.mends})
    assert (documents == 1) if name in one_document() else (documents >= 2), name


def test_the_rules_are_named_once_and_run_chemistry_first() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert {e.rule for e in EXAMPLES} <= set(names)
    assert [r.family for r in RULES] == sorted((r.family for r in RULES), key=FAMILIES.index)
    assert all(r.misreading.endswith(".") for r in RULES)


def test_a_language_without_words_gets_no_rule() -> None:
    assert "mn" not in all_languages()
    assert not [r.name for r in RULES if r.applies_to("mn")]
    assert correct("0.3て0.8、LiCo02", Evidence("mn"), RULES)[0] == "0.3て0.8、LiCo02"
    spanish = [r.name for r in RULES if r.applies_to("es")]
    assert "capital-a-grave" not in spanish and "formula-label" not in spanish
    text = "R, est C,.4-alkyle"
    assert correct(text, Evidence("zh"), RULES)[0] == text


def test_japanese_gets_its_own_rules_and_those_of_every_script_only() -> None:
    assert [r.name for r in RULES if r.applies_to("ja")] == [
        "small-letter-as-capital", "zero-for-o", "degree-celsius", "wave-dash", "misread-kanji",
        "misread-kanji-of-a-word", "kana-read-twice"]
    assert [r.name for r in RULES if r.applies_to("zh")] == ["small-letter-as-capital",
                                                              "zero-for-o"]
    assert "wave-dash" not in [r.name for r in RULES if r.applies_to("en")]
    text = "0.3て0.8、LiCo02、Acompound"
    assert correct(text, Evidence("ja"), RULES)[0] == "0.3〜0.8、LiCoO2、Acompound"
    # the degree Celsius first, then the wave dash between the unit and the number
    assert correct("加熱温度は120てて140てであり", Evidence("ja"), RULES)[0] == \
        "加熱温度は120℃〜140℃であり"


def test_changes_are_kept_word_by_word() -> None:
    assert changes("run-together", 3, "Acompound of claim 1, ora salt",
                   "A compound of claim 1, or a salt") == [
        *changes("run-together", 3, "Acompound", "A compound"),
        *changes("run-together", 3, "ora", "or a")]
    dropped = changes("bar-between-words", 2, "amino, | alkylamino", "amino, alkylamino")
    assert [(c.before, c.after) for c in dropped] == [("|", "")]
    # text printed without spaces: each CJK character a word, each run of others one
    assert [(c.before, c.after) for c in changes(
        "wave-dash", 1, "立して0.3て0.8であり、LiCo02、", "立して0.3〜0.8であり、LiCoO2、")] == [
        ("て", "〜"), ("LiCo02", "LiCoO2")]


def test_the_corrector_records_each_change_on_its_page() -> None:
    lines = ["C1-4 alkyl, C1-4 alkoxy, a compound or a salt"] * 6
    corrector = Corrector(rules_of(FAMILIES), lines, lambda lang: ("eng",))
    assert corrector.ranges == printed_ranges(lines)
    box = Box(0, 0, 10, 10)
    paragraph = Paragraph("0001", (Text("a C,.4-alkyl group; "), PageMark(5),
                                   Text("Acompound or a salt")), (PageBox(4, box),))
    [mended] = corrector.description([paragraph], "en")
    assert isinstance(mended, Paragraph)
    assert mended.content == (Text("a C1-4-alkyl group; "), PageMark(5),
                              Text("A compound or a salt"))
    assert [(c.rule, c.page, c.before, c.after) for c in corrector.corrections] == [
        ("carbon-range", 4, "C,.4-alkyl", "C1-4-alkyl"),
        ("run-together", 5, "Acompound", "A compound")]
    claims = corrector.claims(ClaimSet("ja", ()))
    assert claims == ClaimSet("ja", ())


def test_a_japanese_range_of_claims_printed_with_the_wave_dash() -> None:
    reference = load_profile("profiles/jp.toml").numbering.claim_reference["ja"]
    match = reference.search("請求項１〜３のいずれか一項に記載の")
    assert match is not None and match.groups() == ("１", "３")
