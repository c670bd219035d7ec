"""`python -m ocr36.cli`: the ocr36 command."""

from __future__ import annotations

import sys

from ocr36.cli import main

if __name__ == "__main__":
    sys.exit(main())
