"""Misread words mended by the packs' word lists (read out of Tesseract's own language data)
and the document's own spelling; lost spaces put back, never inside a word of the language."""

from __future__ import annotations

import logging
from collections import Counter

import pytest

from ocr36.corrections.misreads import mend_misreads, mend_spacing
from ocr36.corrections.spelling import Spelling
from ocr36.corrections.words import lower_small_capitals, split_run_together
from ocr36.ocr.lexicon import pack_words, words

CLAIMS = [
    "C1-4 alkylsulfinyl, C1-4 alkylsulfonyl, C1-4 haloalkylsulfinyl, C1-4 alkylthio,",
    "C1-4 alkylsulfinyl, C1-4 alkylsulfonyl and C1-4 haloalkylsulfonyl; or R2 is absent;",
    "3-(1H-tetrazol-5-yl)-2,4,5,6-tetrahydrocyclopentapyrazole or a salt thereof.",
    "6-methyl-3-(1H-tetrazol-5-yl)-2,6-dihydro-4H-furo[3,4-c]pyrazole or a salt thereof.",
    "5-butyl-3-(1H-tetrazol-5-yl)-2,4-dihydrocyclopentapyrazole, alkylsulfinyl, "
    "alkylsulfonyl, and a compound of Factor VIIa measured by EISA in the Patau test.",
    "A compound, a compound, a compound, a compound into which a compound goes, because "
    "it is inactive; the compound of claim 1, a compound of claim 2; a compound of claim 3.",
    "The process according to claim 1, in which the salt is added to water in a vessel.",
] * 4
"""A document's text: its words printed several times over, as in a patent's claims."""


def test_the_word_lists_come_from_tesseracts_language_data() -> None:
    english, german = pack_words("eng"), pack_words("deu")
    assert len(english) > 100_000 and len(german) > 50_000
    assert {"into", "because", "compound", "alkyl"} <= english
    assert "formel" in german and "alkyisulfinyl" not in english
    assert words(("eng", "deu")) == english | german


def test_a_pack_that_is_not_installed_gives_no_words(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert pack_words("xx-not-a-pack") == frozenset()
    assert "no word list for xx-not-a-pack" in caplog.text


def test_misread_letters_are_mended_by_the_document_and_the_word_list() -> None:
    counts = Spelling.of(CLAIMS).lowered
    english, german = words(("eng",)), words(("deu",))
    misread = ("C1-4 alkyisulfinyl, C1-4 Alky!sulfonyl, C1-4 haloalkytsulfonyl, "
               "3-(1H-tetrazol-5-y!)-2,4-dihydro, 5-butyi-3-(1H-tetrazol-5-yi), the Iigand")
    assert mend_misreads(misread, counts, english) == (
        "C1-4 alkylsulfinyl, C1-4 Alkylsulfonyl, C1-4 haloalkylsulfonyl, "
        "3-(1H-tetrazol-5-yl)-2,4-dihydro, 5-butyl-3-(1H-tetrazol-5-yl), the ligand")
    assert mend_misreads("eine Verbindung der Formei (I)", counts, german) == \
        "eine Verbindung der Formel (I)"
    # a "!" or "|" between letters is an "l", known word or not
    assert mend_misreads("C1-4-Halogenalky!sulfinyl, Alky|thio!", counts, german) == \
        "C1-4-Halogenalkylsulfinyl, Alkylthio!"


def test_words_that_are_printed_so_stay() -> None:
    counts = Spelling.of(CLAIMS).lowered
    english = words(("eng",))
    for text in CLAIMS:
        assert mend_misreads(text, counts, english) == text
    # capitals among capitals, a "t" that makes a listed word, short words of the language
    kept = "Factor VIIa by EISA; the Patau test; it is ta"
    assert mend_misreads(kept, counts, english) == kept


def test_lost_spaces_are_put_back_but_words_of_the_language_stay_whole() -> None:
    spelling = Spelling.of(CLAIMS)
    english = words(("eng",))
    assert split_run_together("Acompound of claim 2, ora salt", spelling, english) == \
        "A compound of claim 2, or a salt"
    assert split_run_together("into which, because it is inactive", spelling, english) == \
        "into which, because it is inactive"
    # "in" and "to" printed far more often than "into": only the word list keeps it whole
    frequent = Spelling.of_counts(Counter({"in": 60, "to": 60, "into": 4, "which": 8}))
    assert split_run_together("into which", frequent) == "in to which"
    assert split_run_together("into which", frequent, english) == "into which"
    # claims that all start "Acompound": the word list vouches for "compound"
    claims = Spelling.of_counts(Counter({"Acompound": 30, "compound": 10, "a": 40, "or": 30}))
    assert split_run_together("Acompound", claims) == "Acompound"
    assert split_run_together("Acompound", claims, english) == "A compound"


def test_a_symbol_printed_often_is_no_function_word() -> None:
    """"H" (hydrogen) and "C" are among a chemistry patent's most frequent words: "has" and
    "Camino" are not "h as" and "C amino"; the article "a" still is a function word, though
    its claims start "A compound" more often than they print "a"."""
    spelling = Spelling.of_counts(Counter({"H": 400, "C": 300, "c": 20, "as": 200, "a": 60,
                                           "A": 120, "has": 30, "amino": 50, "compound": 40}))
    assert "h" not in spelling.function_words and "c" not in spelling.function_words
    assert split_run_together("it has Camino and Acompound", spelling) == \
        "it has Camino and A compound"


def test_an_l_closing_a_word_and_spaces_round_commas_and_bars() -> None:
    counts = Counter({"halogenalkylsulfinyl": 1, "alkyl": 12})
    assert mend_misreads("C1-4-Halogenalkylsulfiny! und Alky| oder N! und Bau|",
                         counts, frozenset({"bau"})) == \
        "C1-4-Halogenalkylsulfinyl und Alkyl oder N! und Bau|"
    assert mend_spacing("hydroxy, thioxy,cyano, amino, | alkylamino, C1-4-Alkylamino,C2-8") == \
        "hydroxy, thioxy, cyano, amino, alkylamino, C1-4-Alkylamino, C2-8"
    kept = "2,4,5,6-tetrahydro, N,N-dimethyl, (E,Z), C1-4,C2-8, a|b"
    assert mend_spacing(kept) == kept


GERMAN_CLAIMS = [
    "Verbindung nach Anspruch 1, worin R1 C1-4-Alkylsulfinyl, C1-4-Alkylsulfonyl oder "
    "C1-4-Halogenalkylsulfinyl ist, oder ein Salz davon, oder ein Solvat davon.",
    "Verbindung nach Anspruch 2, die 3-(1H-Tetrazol-5-yl)-2,4,5,6-tetrahydrocyclopentapyrazol "
    "ist, oder ein Hydrat davon, wobei der Ring A und der Ring B gleich sind.",
] * 6
"""German claims: each word printed six times over."""


def test_a_glyph_too_many_or_split_in_two_is_mended_by_the_documents_words() -> None:
    counts = Spelling.of(GERMAN_CLAIMS).lowered
    german = words(("deu",))
    misread = ("nach Arnspruch 1, nach Arispruch 2, C1-4-Alkyltsulfinyl, "
               "C1-4-Halogenalkyisulfonyl, 2,4,5,6-tetrahydrocycliopentapyrazol")
    assert mend_misreads(misread, counts, german) == (
        "nach Anspruch 1, nach Anspruch 2, C1-4-Alkylsulfinyl, "
        "C1-4-Halogenalkylsulfonyl, 2,4,5,6-tetrahydrocyclopentapyrazol")
    # a word printed twice is printed so; a last letter is an ending; the word list's words
    twice = Spelling.of([*GERMAN_CLAIMS, "Ansprruch und Ansprruch"]).lowered
    assert mend_misreads("Ansprruch und Ansprruch", twice, german) == "Ansprruch und Ansprruch"
    assert mend_misreads("Anspruchr, Verbindungt", counts, german) == "Anspruchr, Verbindungt"
    assert mend_misreads("Salze", counts, german) == "Salze"
    # the letters round the spot are printed no more often than the misread ones
    assert mend_misreads("Sulfinyisalz", counts, german) == "Sulfinyisalz"


def test_claims_in_a_second_language_bring_their_own_function_words() -> None:
    frequent = " ".join(f"q{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(50))
    description = [frequent] * 40  # fifty words printed more often than any of the claims'
    spelling = Spelling.of(description + GERMAN_CLAIMS)
    assert "oder" not in spelling.function_words
    german = spelling.with_function_words_of(GERMAN_CLAIMS)
    assert {"oder", "ein", "qaa"} <= german.function_words
    lexicon = words(("deu",))
    assert split_run_together("ist, oderein Salz", spelling, lexicon) == "ist, oderein Salz"
    assert split_run_together("ist, oderein Salz", german, lexicon) == "ist, oder ein Salz"
    # a head of four letters only before a short function word: 'tertbutyl' stays
    chemistry = Spelling.of_counts(Counter({"tert": 90, "butyl": 90, "oder": 90, "ein": 60}))
    assert split_run_together("tertbutyl, oderein", chemistry) == "tertbutyl, oder ein"


def test_a_function_word_read_with_a_capital_inside_a_sentence() -> None:
    spelling = Spelling.of(GERMAN_CLAIMS * 2)
    assert lower_small_capitals("ist, Oder ein Salz", spelling) == "ist, oder ein Salz"
    # at the start of a sentence, in Title Case, printed so elsewhere
    kept = "davon. Oder ein Salz; the Journal Of Chemistry; der Fluss Oder"
    assert lower_small_capitals(kept, spelling) == kept
    twice = Spelling.of([*GERMAN_CLAIMS * 2, "ist, Oder ein", "ist, Oder ein"])
    assert lower_small_capitals("ist, Oder ein Salz", twice) == "ist, Oder ein Salz"


def test_a_speck_after_a_semicolon_goes_but_an_ellipsis_stays() -> None:
    assert mend_spacing("C3-5-Cycloalkyl; . oder ein Salz, . davon") == \
        "C3-5-Cycloalkyl; oder ein Salz, davon"
    kept = "keys K1, K2, . . . , Km; signals (A, B, . . . N)"
    assert mend_spacing(kept) == kept


def test_a_stop_word_of_the_language_is_not_run_together() -> None:
    """Spanish 'una' and Portuguese 'uma' are no 'un a' and 'um a', though 'un' and 'a' are
    printed far more often; English 'ora' is still 'or a', however often it is read so."""
    spanish = Spelling.of_counts(Counter({"de": 90, "la": 80, "a": 60, "un": 30, "una": 20,
                                          "persona": 6, "familia": 5}))
    stop = frozenset({"una", "uma", "the", "or"})
    assert split_run_together("fundar una familia", spanish, words(("spa",)), stop) == \
        "fundar una familia"
    assert split_run_together("fundar una familia", spanish, words(("spa",))) == \
        "fundar un a familia"
    portuguese = Spelling.of_counts(Counter({f"palavra{i}": 100 - i for i in range(60)}
                                            | {"um": 150, "a": 200, "uma": 4}))
    assert split_run_together("ter uma nacionalidade", portuguese, words(("por",)), stop) == \
        "ter uma nacionalidade"
    # 'ora' read in every claim, among the section's most frequent words
    claims = Spelling.of_counts(Counter({"or": 150, "a": 200, "salt": 40, "ora": 40}))
    assert "ora" in claims.function_words
    assert split_run_together("ora salt", claims, words(("eng",)), stop) == "or a salt"
