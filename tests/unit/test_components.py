"""The fast labelling gives OpenCV's default components, in its order; the pixels of chosen
components and the long runs of a mask are those of the slower whole-page ways."""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.components import (
    boxes_in_scan_order,
    in_scan_order,
    ink_mask,
    labelled,
    labelled_areas,
    ordered_stats,
    outlines,
    pixels_of,
)
from ocr36.layout.rules import long_runs


def _masks(count: int) -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    masks = []
    for index in range(count):
        shape = (int(rng.integers(2, 90)), int(rng.integers(2, 90)))
        mask = (rng.random(shape) < rng.uniform(0.05, 0.6)).astype(np.uint8)
        if index % 2:  # smeared sideways, as text lines are
            mask = cv2.dilate(mask, np.ones((1, 5), np.uint8))
        masks.append(mask)
    return masks


def test_ordered_stats_are_the_default_labelling_s() -> None:
    for mask in _masks(60):
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        assert np.array_equal(ordered_stats(mask), stats[1:count])


def _labelled_boxes(mask: np.ndarray, least: float) -> list[tuple[int, int, int, int]]:
    _, labels, stats = labelled(mask)
    large = np.flatnonzero(stats[:, cv2.CC_STAT_WIDTH] * stats[:, cv2.CC_STAT_HEIGHT] >= least)
    return [tuple(int(v) for v in stats[label, :4])  # type: ignore[misc]
            for label in in_scan_order(labels, stats, large[large > 0])]


def test_boxes_from_borders_are_the_labelled_components_in_their_order() -> None:
    for mask in _masks(60):
        for least in (0, 4, 40):
            assert boxes_in_scan_order(mask, least) == _labelled_boxes(mask, least)
    rings = np.zeros((70, 70), np.uint8)  # rings in the holes of rings, a dot in the last
    for inset in (5, 15, 25):
        rings[inset : 70 - inset, inset : 70 - inset] = 1
        rings[inset + 4 : 66 - inset, inset + 4 : 66 - inset] = 0
    rings[34:36, 34:36] = 1
    rings[0, 69] = rings[69, 0] = 1  # ink on the page's edges
    assert boxes_in_scan_order(rings, 0) == _labelled_boxes(rings, 0)
    assert len(boxes_in_scan_order(rings, 0)) == 6
    assert boxes_in_scan_order(np.zeros((5, 5), np.uint8), 0) == []


def test_outlines_have_the_boxes_and_areas_of_the_labelled_components() -> None:
    for mask in _masks(40):
        count, _, stats = labelled(mask)
        found = sorted((*outline.box, outline.area(mask)) for outline in outlines(mask))
        assert found == sorted(tuple(int(v) for v in row) for row in stats[1:count])


def test_labels_and_areas_without_statistics_are_those_with_them() -> None:
    for mask in _masks(30):
        count, labels, stats = labelled(mask)
        counted, same_labels, areas = labelled_areas(mask)
        assert counted == count
        assert np.array_equal(same_labels, labels)
        assert np.array_equal(areas, stats[:, cv2.CC_STAT_AREA])


def test_pixels_of_chosen_components() -> None:
    rng = np.random.default_rng(8)
    for mask in _masks(40):
        count, labels, stats = labelled(mask)
        chosen = np.flatnonzero(rng.random(count) < 0.3)
        chosen = chosen[chosen > 0]
        rows, columns = pixels_of(labels, stats, chosen)
        found = np.zeros(mask.shape, dtype=bool)
        found[rows, columns] = True
        assert np.array_equal(found, np.isin(labels, chosen))
        assert rows.size == int(np.isin(labels, chosen).sum())


def test_long_runs_are_the_opening_of_the_mask() -> None:
    rng = np.random.default_rng(9)
    for mask in _masks(60):
        length = int(rng.integers(1, 30))
        across = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
        down = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
        assert np.array_equal(long_runs(mask, length, across=True), across)
        assert np.array_equal(long_runs(mask, length, across=False), down)
    page = np.zeros((300, 400), np.uint8)
    page[100:102, 20:380] = 1  # a rule
    page[150:160, 30:60] = 1  # a blot, too short to be one
    assert int(long_runs(page, 200, across=True).sum()) == 2 * 360


def test_ink_mask_is_where_the_page_is_black() -> None:
    page = np.random.default_rng(10).integers(0, 256, (40, 50)).astype(np.uint8)
    page[::3] = 0
    assert np.array_equal(ink_mask(page), (page == 0).astype(np.uint8))


def test_statistics_are_opencv_s_background_included() -> None:
    masks = [*_masks(30), np.ones((6, 9), np.uint8), np.zeros((7, 5), np.uint8)]
    border = np.ones((20, 30), np.uint8)
    border[3:15, 4:25] = 0  # paper only inside a frame of ink
    for mask in (*masks, border):
        count, labels, stats = labelled(mask)
        expected = cv2.connectedComponentsWithStatsWithAlgorithm(mask, 8, cv2.CV_32S,
                                                                 cv2.CCL_GRANA)
        assert count == expected[0] and np.array_equal(labels, expected[1])
        assert stats.dtype == expected[2].dtype and np.array_equal(stats, expected[2])
