"""Bilevel TIFF images as in EPO packages: 1 bit, CCITT Group 4, 300 dpi, one strip, WhiteIsZero."""

from __future__ import annotations

import errno
import io
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, TiffImagePlugin, UnidentifiedImageError

from ocr36.errors import BadInput, FileAccess, InvalidOutput
from ocr36.model import Bitmap

MM_PER_INCH = 25.4
INK_THRESHOLD = 128
"""Pixels darker than this are ink; the bitmaps handed in are 0/255 already."""

_PHOTOMETRIC = 262
_ROWS_PER_STRIP = 278
_SHORT = 3
_WHITE_IS_ZERO = 0
_BLACK_IS_ZERO = 1
_COMPRESSION_NAMES = {1: "none", 2: "ccitt-rle", 3: "group3", 4: "group4", 5: "lzw", 7: "jpeg"}
_PHOTOMETRIC_NAMES = {0: "WhiteIsZero", 1: "BlackIsZero", 2: "RGB", 3: "Palette"}


@dataclass(frozen=True)
class TiffFacts:
    """What the validator checks of a TIFF file, read from its first directory."""

    width: int
    height: int
    bits: int
    compression: str
    """group4, group3, lzw, none ... (see _COMPRESSION_NAMES)."""
    dpi: tuple[int, int]
    strips: int
    photometric: str
    """WhiteIsZero, BlackIsZero ..."""
    frames: int


def size_mm(pixels: int, dpi: int) -> int:
    """A length in whole millimetres, rounded half up, at least 1 (1276 px at 300 dpi = 108)."""
    if pixels <= 0 or dpi <= 0:
        raise ValueError(f"cannot measure {pixels} px at {dpi} dpi")
    return max(1, int(pixels * MM_PER_INCH / dpi + 0.5))


def encode_g4(bitmap: Bitmap, dpi: int = 300) -> bytes:
    """A G4 TIFF of `bitmap` (0 = ink, 255 = paper) as bytes: equal bitmaps give equal bytes."""
    if bitmap.ndim != 2 or bitmap.shape[0] == 0 or bitmap.shape[1] == 0:
        raise InvalidOutput(f"cannot write an image of shape {bitmap.shape}: it must be 2-D")
    # Bits set to 1 for ink, written as BlackIsZero by Pillow, then relabelled WhiteIsZero:
    # the same bits then read as 0 = paper, 1 = ink, which is how Group 4 codes white runs.
    ink = Image.fromarray(np.ascontiguousarray(bitmap < INK_THRESHOLD))
    buffer = io.BytesIO()
    ink.save(
        buffer,
        format="TIFF",
        compression="group4",
        dpi=(dpi, dpi),
        tiffinfo={_ROWS_PER_STRIP: bitmap.shape[0]},
    )
    return _relabel_photometric(buffer.getvalue(), _BLACK_IS_ZERO, _WHITE_IS_ZERO)


def write_g4(bitmap: Bitmap, path: Path, dpi: int = 300) -> None:
    """Write `bitmap` as a single-strip Group 4 TIFF at `dpi`; errors name the path."""
    data = encode_g4(bitmap, dpi)
    try:
        path.write_bytes(data)
    except OSError as error:
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        raise FileAccess(f"cannot write {path}: "
                         f"{'the disk is full' if full else error.strerror or error}") from error


def read_tiff_facts(path: Path) -> TiffFacts:
    """Size, depth, compression, resolution, strip count and photometric of a TIFF file."""
    try:
        with Image.open(path) as image:
            if not isinstance(image, TiffImagePlugin.TiffImageFile):
                raise BadInput(f"{path} is not a TIFF file (it is {image.format})")
            tags = image.tag_v2
            resolution = image.info.get("dpi", (0, 0))
            bits = tags.get(258, (1,))
            return TiffFacts(
                width=image.width,
                height=image.height,
                bits=int(bits[0] if isinstance(bits, tuple) else bits),
                compression=_COMPRESSION_NAMES.get(int(tags.get(259, 1)), str(tags.get(259))),
                dpi=(round(float(resolution[0])), round(float(resolution[1]))),
                strips=len(tags.get(273, ())),
                photometric=_PHOTOMETRIC_NAMES.get(
                    int(tags.get(_PHOTOMETRIC, -1)), str(tags.get(_PHOTOMETRIC))
                ),
                frames=int(getattr(image, "n_frames", 1)),
            )
    except FileNotFoundError as error:
        raise FileAccess(f"{path} does not exist") from error
    except (UnidentifiedImageError, SyntaxError) as error:
        raise BadInput(f"{path} cannot be read as an image: {error}") from error
    except OSError as error:
        raise FileAccess(f"cannot read {path}: {error.strerror or error}") from error


def _relabel_photometric(data: bytes, expected: int, value: int) -> bytes:
    """Set the PhotometricInterpretation entry of the first directory of a TIFF to `value`."""
    order = {b"II": "<", b"MM": ">"}[data[:2]]
    (ifd_offset,) = struct.unpack_from(order + "I", data, 4)
    (entries,) = struct.unpack_from(order + "H", data, ifd_offset)
    for index in range(entries):
        at = ifd_offset + 2 + 12 * index
        tag, kind, count, current = struct.unpack_from(order + "HHIH", data, at)
        if tag == _PHOTOMETRIC and kind == _SHORT and count == 1:
            if current != expected:
                raise InvalidOutput(f"unexpected photometric {current} from the TIFF encoder")
            patched = bytearray(data)
            struct.pack_into(order + "H", patched, at + 8, value)
            return bytes(patched)
    raise InvalidOutput("the TIFF encoder wrote no photometric tag")
