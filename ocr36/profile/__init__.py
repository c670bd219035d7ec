"""Per-office profiles: TOML files read with tomllib, validated on load, immutable."""

from ocr36.profile.describe import describe
from ocr36.profile.layout import LayoutParameters
from ocr36.profile.load import (
    _load_merged,
    available_profiles,
    load_profile,
    resolve_profile_path,
)
from ocr36.profile.schema import CHECKED, LAYOUT_PARAMETERS, SCHEMA, Checker
from ocr36.profile.tables import (
    SECTIONS,
    Bookmarks,
    FrontPage,
    Ingest,
    Language,
    Numbering,
    Ocr,
    Output,
    Preprocess,
    Profile,
    Review,
)

__all__ = [
    "CHECKED",
    "LAYOUT_PARAMETERS",
    "SCHEMA",
    "SECTIONS",
    "Bookmarks",
    "Checker",
    "FrontPage",
    "Ingest",
    "Language",
    "LayoutParameters",
    "Numbering",
    "Ocr",
    "Output",
    "Preprocess",
    "Profile",
    "Review",
    "_load_merged",
    "available_profiles",
    "describe",
    "load_profile",
    "resolve_profile_path",
]
