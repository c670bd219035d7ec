"""Chemical formulas read with the digit 0 for the letter O, or with a capital I for a
symbol's small second letter, in any script.

Tesseract reads the O of an oxide, printed beside digits, as a zero: 'LiCoO2' as 'LiCo02',
'LiV2O5' as 'LiV205', 'LiNiO2' as 'LiNiO02' (the O read twice). A count in a formula never
starts with 0, so a 0 right after an element symbol (or a variable count, 'Coy02') and
before a digit is an O, and after an O it is the O read twice. A count of three digits with
a 0 inside ('V205', 'Mn204') after any element but carbon and hydrogen (whose counts run
that high in organic formulas, 'C100H202') is two counts with an O between them.

Only inside a run of element symbols (and variable counts) holding a symbol of two letters
('Li', 'Mn', 'Ce203'): labels such as step 'S02', 'C02', 'PS02' or a well 'H20' are capitals
and digits only, and stay.

Beside capitals, Tesseract reads the small i or l that ends a symbol as a capital I: 'LiNiO2'
as 'LINiO2'. Where a formula is no run of symbols as read ('L' is none) and is one with the I
read as the one of i and l that makes a symbol of it (not both: 'TI' may be 'Ti' or 'Tl'),
holding a symbol of two letters besides those so made ('Mn', as a formula's run must for
zero-for-o), the I is that letter. 'LiI' and 'NI' (an iodide, a nitrogen and an iodine) are
runs of symbols as read and stay, as do 'LIB2' and 'AI2O3' (no other symbol of two letters).
"""

from __future__ import annotations

import re

from ocr36.corrections.rule import Evidence, Rule

ELEMENTS = frozenset((
    "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S",
    "Cl", "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga",
    "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd",
    "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm",
    "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os",
    "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa",
    "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg",
    "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"))
_VARIABLES = frozenset("xyzw")
"""Letters a formula's variable counts are written with ('LiNixMnyCo1-x-yO2')."""
_LONG_COUNTS = frozenset("CH")
_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9.+\-()]*[0-9](?![A-Za-z0-9])")
_ZERO_FOR_O = re.compile(r"(?<=[A-Za-z)])0(?=[1-9])")
_O_IN_COUNT = re.compile(r"([A-Z][a-z]?)([1-9])0([1-9])(?![0-9.])")


def elements(token: str) -> list[str] | None:
    """The element symbols of a formula ('LiCo02': Li, Co), or None where the token is not
    one: a capital that begins no symbol, a small letter that is neither a symbol's second
    letter nor a variable count."""
    found: list[str] = []
    i = 0
    while i < len(token):
        char = token[i]
        if char.isupper():
            pair = token[i:i + 2]
            symbol = pair if len(pair) == 2 and pair[1].islower() and pair in ELEMENTS else char
            if symbol not in ELEMENTS:
                return None
            found.append(symbol)
            i += len(symbol)
            continue
        if char.islower() and char not in _VARIABLES:
            return None
        i += 1
    return found


def _mended(token: str) -> str:
    symbols = elements(token)
    if symbols is None or all(len(symbol) == 1 for symbol in symbols):
        return token
    token = _ZERO_FOR_O.sub(lambda m: "" if token[m.start() - 1] == "O" else "O", token)
    return _O_IN_COUNT.sub(lambda m: m.group(0) if m.group(1) in _LONG_COUNTS or m.group(1)
                           not in ELEMENTS else f"{m.group(1)}{m.group(2)}O{m.group(3)}", token)


def _small_letter(token: str) -> str:
    if "I" not in token or elements(token) is not None:
        return token
    letters, made = list(token), 0
    for index in range(1, len(letters)):
        if letters[index] == "I" and letters[index - 1].isupper():
            small = [c for c in "il" if letters[index - 1] + c in ELEMENTS]
            if len(small) == 1:
                letters[index], made = small[0], made + 1
    symbols = elements("".join(letters))
    pairs = sum(len(symbol) == 2 for symbol in symbols or ())
    return "".join(letters) if symbols is not None and pairs > made else token


def small_letter_as_capital(text: str, _: Evidence) -> str:
    """'LINixMnyO2' -> 'LiNixMnyO2'; 'LiICoO2', 'LIB2', 'AI2O3' and 'TI2' stay."""
    if "I" not in text:
        return text
    return _TOKEN.sub(lambda match: _small_letter(match.group(0)), text)


def zero_for_o(text: str, _: Evidence) -> str:
    """'LiCo02' -> 'LiCoO2', 'LiV205' -> 'LiV2O5', 'LiNiO02' -> 'LiNiO2'; 'S02' stays."""
    if "0" not in text:
        return text
    return _TOKEN.sub(lambda match: _mended(match.group(0)), text)


RULES = (
    Rule("small-letter-as-capital", "chemistry",
         "The small i or l ending an element symbol in a formula read as a capital I "
         "('LINixMnyO2').", small_letter_as_capital, script=""),
    Rule("zero-for-o", "chemistry",
         "The O of a formula read as the digit 0, where a count would start with 0 "
         "('LiCo02', 'LiV205').", zero_for_o, script=""),
)
"""The formula rules, in the order they run."""
