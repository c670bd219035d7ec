"""The verification station (`ocr36 serve`): operators check and correct what OCR read.

A web application over batch output folders: a queue of documents ordered by how much they
need a human, a document view (page beside text) where every edit is stored, and approval,
which writes a new version of the package and keeps the previous one. Its state is one
SQLite file beside the output. The web framework (Flask, served by waitress) and the password
hashing (argon2-cffi) are the `station` extra: only `ocr36.station.app` and the modules it
loads import them; the store, the queue's estimate and the corrections report do not.
"""
