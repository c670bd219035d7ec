"""The profile's `[layout]` table: every threshold the layout stage decides by.

Lengths are in millimetres on the page (`_mm`, `_mm2` for areas) or in the page's own text
line height (`_lines`); shares are fractions of the text width (`_share`); counts are counts.
The first eleven keys must be set by a profile (the bundled default sets them); the others
have defaults and may be overridden one by one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutParameters:
    columns: str
    """auto, 1 or 2 (as text)."""
    drop_running_header: bool
    """Drop the running header (within header_mm of the top)."""
    drop_page_numbers: bool
    """Drop page numbers (within footer_mm of the foot)."""
    drop_line_numbers: bool
    """Drop line numbers (5, 10, 15 ...) in the margin or the gutter."""
    header_mm: float
    """Height of the running-header band at the top of every page."""
    footer_mm: float
    """Height of the page-number band at the foot of every page."""
    left_margin_mm: float
    """A band at the left dropped whole (margin line numbers); 0 for none."""
    right_margin_mm: float
    """A band at the right dropped whole (margin notes); 0 for none."""
    front_page_keeps_header_footer: bool
    """The front page prints data where headers stand: its header and footer are read."""
    min_image_lines: float
    """A block taller than this many text lines that OCR cannot read is kept as an image."""

    # --- rules and ink blobs
    rule_min_length_mm: float = 17.78
    """A straight line of ink at least this long is a rule (separator, frame)."""
    rule_leftover_reach_mm: float = 4.40267
    """How far from a rule what a scan leaves of it (breaks, clinging specks) is looked for."""
    rule_speck_max_mm2: float = 0.028675
    """A speck no larger than this within rule_cling_mm of a rule is part of the rule."""
    rule_cling_mm: float = 0.33867
    """How near a rule a speck clings to it."""
    line_smear_mm: float = 2.11667
    """Ink is smeared sideways this far so that the letters and words of a line make one blob."""
    blob_min_area_mm2: float = 0.086
    """A blob smaller than this is dirt, not print."""
    line_min_width_mm: float = 8.46667
    """Only blobs wider than this vote for the page's line height."""
    line_min_height_mm: float = 0.67733
    """... and only those higher than this ..."""
    line_max_height_mm: float = 8.46667
    """... and lower than this."""
    fallback_line_height_mm: float = 3.21733
    """The line height taken when no blob can vote (a page of drawings)."""
    thin_line_max_lines: float = 1 / 6
    """A blob no higher than this many lines (and thin_line_min_height_mm) is a drawn line."""
    thin_line_min_height_mm: float = 0.33867
    """The height under which a wide blob is always a drawn line."""
    thin_line_min_width_mm: float = 12.7
    """... when it is wider than this."""
    border_reach_mm: float = 6.35
    """A straight strip this near the page's edge, along it, is a scanner's border (and the
    ink that clings to it, this near, its remnants)."""

    # --- tables
    ruled_table_reach_lines: float = 0.5
    """Rules nearer each other than this many lines (at least ruled_table_reach_mm) meet."""
    ruled_table_reach_mm: float = 0.33867
    """The least distance at which rules meet."""
    ruled_table_min_rows: int = 3
    """A grid of rules is a table with at least this many rules across ..."""
    ruled_table_min_columns: int = 2
    """... and this many down ..."""
    ruled_table_row_max_lines: float = 4.0
    """... and rows at most this many lines high (else it is a frame round text)."""
    table_block_max_lines: float = 6.0
    """A text block of a table without rules is at most this many lines high ..."""
    table_block_max_share: float = 0.6
    """... and narrower than this share of the page width."""
    table_row_overlap_share: float = 0.6
    """Blocks of one table overlap across by this share of the narrower one ..."""
    table_row_gap_lines: float = 3.0
    """... and stand less than this many lines apart."""
    table_min_rows: int = 4
    """A table without rules has at least this many printed rows ..."""
    table_min_cells: int = 3
    """... most of them (table_cut_rows_share) cut into at least this many cells ..."""
    table_cut_rows_share: float = 0.5
    """... the share of rows that must be so cut ..."""
    table_min_channels: int = 2
    """... and at least this many white channels down through its rows."""
    table_cell_gap_lines: float = 1.0
    """A gap this many lines wide inside a printed row parts two cells."""
    channel_white_share: float = 0.85
    """A channel is white in at least this share of the rows ..."""
    channel_min_width_lines: float = 0.6
    """... and at least this many lines wide."""

    # --- images
    image_merge_lines: float = 1.0
    """Pieces of a drawing (and rules) nearer than this many lines are one image."""
    label_max_width_lines: float = 4.0
    """A label in a drawing is narrower than this many lines ..."""
    label_max_height_lines: float = 1.5
    """... and lower than this many."""
    label_reach_lines: float = 1.2
    """A label this near a drawing belongs to it."""
    text_reach_lines: float = 0.8
    """Other text this near a drawing, and inside its width, belongs to it."""
    caption_max_width_lines: float = 7.0
    """A caption centred over a picture is narrower than this many lines ..."""
    caption_max_gap_lines: float = 1.6
    """... and stands less than this many lines above it."""
    scheme_level_lines: float = 1.0
    """Text between two pictures stands within this many lines of their top and bottom ..."""
    scheme_gap_lines: float = 4.0
    """... and less than this many lines from each (reagents over a reaction arrow)."""
    text_edge_min_lines: int = 5
    """The left edge of the text is told from at least this many lines ..."""
    text_edge_bin_mm: float = 0.67733
    """... that start within the same stretch this wide ..."""
    text_edge_min_votes: int = 3
    """... at least this many of them."""
    text_edge_off_lines: float = 1 / 3
    """Text starting further than this many lines from that edge may be a label."""

    # --- columns
    column_line_min_share: float = 0.05
    """Lines wider than this share of the text width vote for a gutter ..."""
    column_line_max_share: float = 0.55
    """... and narrower than this share."""
    column_min_lines: int = 4
    """At least this many lines must vote for a gutter."""
    gutter_search_from_share: float = 0.3
    """The gutter is looked for from this share of the text width ..."""
    gutter_search_to_share: float = 0.7
    """... to this one."""
    column_edge_mm: float = 10.16
    """The lines of the right column start within this distance of one edge."""
    column_min_side_lines: int = 2
    """Each column has at least this many lines."""
    gutter_lines_per_crossing: int = 10
    """A gutter may be crossed by one line for this many lines in the shorter column."""
    gutter_item_max_share: float = 0.12
    """Items this narrow (share of text width) on the gutter (INID codes) stand beside it."""
    gutter_min_mm: float = 1.524
    """A gutter is at least this wide."""
    gutter_reach_mm: float = 12.7
    """An item on the gutter: a gutter is looked for this far either side."""
    gutter_number_slack_mm: float = 0.33867
    """A number in the gutter may stand out of it by this much ..."""
    gutter_number_max_lines: float = 1.5
    """... and is lower than this many lines."""
    column_slack_mm: float = 1.27
    """A line may cross the column split by this much and still be of its column."""
    forced_split_min_lines: int = 6
    """With columns = 2, a zone of more lines than this is split in the middle."""
    zone_rule_min_share: float = 0.5
    """A rule wider than this share of the text width cuts the page into zones ..."""
    zone_rule_max_lines: float = 1.0
    """... when it is lower than this many lines."""
    zone_gap_lines: float = 2.5
    """An empty stretch across the page higher than this many lines cuts it into zones."""

    # --- regions and reading order
    paragraph_gap_lines: float = 1.2
    """Lines of a column less than this many lines apart make one region."""
    row_overlap_share: float = 0.5
    """Pieces of one printed line overlap by this share of the lower piece's height ..."""
    row_gap_lines: float = 1.0
    """... stand less than this many lines apart ..."""
    row_max_lines: float = 1.6
    """... and are lower than this many lines."""
    right_to_left: bool = False
    """Columns are read right to left, the right one first (Arabic, Hebrew, Persian)."""

    # --- line numbers and specks in the margins
    body_line_min_width_mm: float = 15.24
    """Lines at least this wide are the text body the margins are told from ..."""
    body_min_lines: int = 3
    """... when there are at least this many of them."""
    body_edge_percentile: float = 10.0
    """The body's edges leave out this percentage of its lines on each side (margin notes)."""
    line_numbers_min_count: int = 3
    """Line numbers stand at least this many one above another ..."""
    line_number_max_width_mm: float = 7.62
    """... each narrower than this ..."""
    line_number_min_lines: float = 0.4
    """... at least this many lines high ..."""
    line_number_max_lines: float = 1.3
    """... and lower than this many."""
    line_number_clearance_mm: float = 0.762
    """Margin line numbers stand at least this far outside the text body."""
    line_number_reach_mm: float = 3.81
    """Numbers of one margin stand within this distance of their median centre."""
    gutter_line_number_reach_mm: float = 1.27
    """The same for numbers in the gutter ..."""
    gutter_line_number_share: float = 0.04
    """... whose centre is within this share of the text width from its middle."""
    line_pitch_min_lines: float = 0.8
    """Steps between line tops from this many lines ..."""
    line_pitch_max_lines: float = 2.5
    """... to this many measure the line pitch ..."""
    line_pitch_fallback_lines: float = 1.3
    """... taken as this many lines when none can."""
    every_fifth_min_lines: float = 4.4
    """Line numbers stand from this many lines apart ..."""
    every_fifth_max_lines: float = 5.6
    """... to this many (every fifth line) ..."""
    every_tenth_min_lines: float = 9.0
    """... or from this many ..."""
    every_tenth_max_lines: float = 11.0
    """... to this many (every tenth line) ..."""
    line_number_grid_tolerance: float = 0.12
    """... and every step is a multiple of the first within this share."""
    speck_clearance_mm: float = 7.62
    """Marks further than this outside the text body ..."""
    speck_max_width_mm: float = 5.08
    """... narrower than this ..."""
    speck_max_lines: float = 3.0
    """... and lower than this many lines are specks (dirt, punch-hole rims), dropped."""

