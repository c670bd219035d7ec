"""Images: pieces of one drawing joined, and the labels, captions and reagents that belong
to a drawing taken into it."""

from __future__ import annotations

import numpy as np

from ocr36.layout.geometry import Scale, merged, near
from ocr36.model import Box
from ocr36.profile import LayoutParameters


def merge_images(images: list[Box], rules: list[Box], settings: LayoutParameters,
                 scale: Scale) -> tuple[list[Box], list[Box]]:
    """Pieces of one drawing (parts cut apart by its own straight lines) become one image."""
    margin = scale.lines(settings.image_merge_lines)
    joined = list(images)
    free_rules: list[Box] = []
    for rule in rules:
        for i, image in enumerate(joined):
            if near(rule, image, margin):
                joined[i] = image.union(rule)
                break
        else:
            free_rules.append(rule)
    return merged(joined, margin), free_rules


def _belongs(box: Box, image: Box, off_edge: bool, settings: LayoutParameters,
             scale: Scale) -> bool:
    """Whether a text blob is a label, an atom or a caption of this picture."""
    label = box.width < scale.lines(settings.label_max_width_lines) and \
        box.height < scale.lines(settings.label_max_height_lines) and off_edge
    reach = settings.label_reach_lines if label else settings.text_reach_lines
    margin = round(scale.lines(reach))
    close = near(box, image, margin)
    inside = box.left >= image.left - margin and box.right <= image.right + margin
    # a caption ("Scheme I") centred just over its picture
    caption = off_edge and box.width < scale.lines(settings.caption_max_width_lines) and \
        image.left <= box.center_x <= image.right and \
        0 <= image.top - box.bottom < scale.lines(settings.caption_max_gap_lines)
    return (close and (inside or label)) or caption


def absorb_into_images(text_boxes: list[Box], image_boxes: list[Box],
                       settings: LayoutParameters, scale: Scale) -> tuple[list[Box], list[Box]]:
    """Labels and atoms standing inside or against a drawing belong to the drawing.

    What starts at the text's left edge (a paragraph or claim number) stays text.
    """
    images = list(image_boxes)
    remaining: list[Box] = []
    edge = _left_edge(text_boxes, settings, scale)
    off = scale.whole_lines(settings.text_edge_off_lines)
    for box in text_boxes:
        off_edge = edge is None or abs(box.left - edge) > off
        for i, image in enumerate(images):
            if _belongs(box, image, off_edge, settings, scale):
                images[i] = image.union(box)
                break
        else:
            between = _between_images(box, images, settings, scale) if off_edge else None
            if between is None:
                remaining.append(box)
                continue
            # reagents over the arrow of a reaction scheme: kept with the picture before them,
            # each picture of the scheme staying an image of its own
            left, _ = between
            images[left] = images[left].union(box)
    return remaining, images


def _between_images(box: Box, images: list[Box], settings: LayoutParameters,
                    scale: Scale) -> tuple[int, int] | None:
    """Indexes of two pictures this text stands between, on the same band of the page."""
    level_reach = scale.lines(settings.scheme_level_lines)

    def level(image: Box) -> bool:
        return image.top - level_reach < box.center_y < image.bottom + level_reach

    gap = scale.lines(settings.scheme_gap_lines)
    lefts = [i for i, im in enumerate(images) if level(im) and 0 <= box.left - im.right < gap]
    rights = [i for i, im in enumerate(images) if level(im) and 0 <= im.left - box.right < gap]
    if lefts and rights and lefts[0] != rights[0]:
        return lefts[0], rights[0]
    return None


def _left_edge(boxes: list[Box], settings: LayoutParameters, scale: Scale) -> int | None:
    """The x where most text lines start, or None when there are too few lines to tell."""
    if len(boxes) < settings.text_edge_min_lines:
        return None
    step = round(scale.mm(settings.text_edge_bin_mm))
    bins = np.bincount([b.left // step for b in boxes])
    best = int(np.argmax(bins))
    return best * step + step // 2 if bins[best] >= settings.text_edge_min_votes else None
