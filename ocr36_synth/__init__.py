"""Synthetic patent publications: real patent text rendered into pages with exact ground truth."""
