"""Review pages: what the converter saw on each page, for the people who check and tune it.

`trace` records it beside a package (`OUT/NAME.review/trace.json` and page PNGs), `page`
renders the review of one document, `overview` the table of a batch, `tune` compares
profiles on a few documents, `walkthrough` shows one page through every stage.
"""
