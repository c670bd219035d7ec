"""`python -m ocr36.cli`: the ocr36 command."""

from __future__ import annotations

import sys

from ocr36.cli import main

sys.exit(main())
