"""Corrections of what OCR misreads, as named rules, each change recorded.

A rule (`rule.Rule`) names the general misreading it corrects, the languages or the script
it applies to, and the function that corrects it; `registry.RULES` holds them in the order
they run, each family switched by a profile key (`ocr.mend_chemistry`, `ocr.mend_words`).
`engine.Corrector` runs them over the paragraphs and claims of a document and records every
change as a `record.Correction` (rule, page, before, after). Each rule's examples (misread ->
mended, and text it must leave alone) are data: `examples/<family>.toml`.

This module imports nothing, so that `ocr36.model` can import `record` without a cycle.
"""
