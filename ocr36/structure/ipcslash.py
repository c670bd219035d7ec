"""IPC symbols whose slash was lost altogether, read by another mention of the same symbol.

A slash read as a '1' is put back by `fields.parse_ipc`; one lost altogether ('H05B 3702')
cannot be: 3/702 and 37/02 are both symbols. Where the document prints the same symbol again
(the description's own classification, a search report's), that mention tells where the
slash goes; where none does, or mentions disagree, the symbol is left out and the review
warns (never a guess).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocr36.structure.fields import parse_ipc

_SLASHLESS = re.compile(r"\b([A-H])\s?([0-9]{2})\s?([A-Z])\s+([0-9]{3,7})\b(?!\s*[/.,]?\s*\d)")
"""A symbol as printed in (51) but for its slash: section, class, subclass, then the main
group's and subgroup's digits run together ('H05B 3702')."""


def slashless_symbols(text: str) -> list[tuple[str, str]]:
    """Each symbol of `text` that no slash can be put back in by its own glyphs: (its
    section, class and subclass, its digits), in the order printed."""
    found: list[tuple[str, str]] = []
    for match in _SLASHLESS.finditer(text):
        if parse_ipc(match.group(0)):
            continue  # a slash read as a '1': parse_ipc puts it back
        symbol = (f"{match.group(1)}{match.group(2)}{match.group(3)}", match.group(4))
        if symbol not in found:
            found.append(symbol)
    return found


def mend_slashless(ipc: Sequence[str], front_text: str,
                   other_texts: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """`ipc` (the front page's symbols) with each symbol of `front_text` whose slash was lost
    added as another mention in `other_texts` prints it; and a warning for each left out."""
    slashless = slashless_symbols(front_text)
    if not slashless:
        return tuple(ipc), []
    mentioned = parse_ipc(" ".join(other_texts))
    symbols, warnings = list(ipc), []
    for prefix, digits in slashless:
        readings = {symbol for symbol in mentioned if _reads(symbol, prefix, digits)}
        if len(readings) == 1:
            (symbol,) = readings
            if symbol not in symbols:
                symbols.append(symbol)
            continue
        if not any(_reads(symbol, prefix, digits) for symbol in symbols):
            warnings.append(f"IPC symbol '{prefix} {digits}' on the front page was read with "
                            f"no slash, and no other mention in the document tells where it "
                            f"goes: left out")
    return tuple(symbols), warnings


def _reads(symbol: str, prefix: str, digits: str) -> bool:
    """Whether `symbol` ('H05B 3/702') is `prefix` ('H05B') with `digits` ('3702') and a slash."""
    return symbol.startswith(prefix + " ") and symbol.split()[1].replace("/", "") == digits
