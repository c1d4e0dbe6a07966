"""The design tokens: the one palette, type scale, spacing, radii and sizes of the whole UI.

Every colour and every size a screen uses comes from here, either through the style sheet
(``chairlog/ui/style_sheet.py`` builds ``resources/style.qss`` and the session page's sheet
from these constants; ``tools/gen_style.py`` writes the shipped file) or, where a value must be
set in code (a painted chart, a table model's text colour, a computed width), by name.

Decisions:
- One palette with semantic names (what a colour *means*: ink, muted, alert…), not hues. The
  two former homes (the app sheet's Material colours and the session page's own) were merged:
  one red (``ALERT`` #b3261e: white on it 6.5:1, it on ``ALERT_BG`` 5.6:1), one amber family
  (``WARN`` text, ``WARN_BG``, ``WARN_FILL`` for the DUE bar, ``WARN_LINE``) and one orange
  (``CAUTION``, the paused state: darkened from #e65100 to #c43e00 so that white text on it
  reaches 5.2:1, where #e65100 gave 3.8:1).
- Text colours are chosen for WCAG AA: every text/background pair the style sheet uses is at
  least 4.5:1 (``tests/ui/test_tokens.py`` computes them with ``contrast``). Disabled controls
  are exempt, as in WCAG 1.4.3 ("inactive user interface components").
- Colour never carries meaning alone (words and bold do too); the tokens do not change that.
- Chair states have their own tokens (``STATE_*``), shared by the board's tiles and pills,
  the chair strip and the session header, so a state looks the same everywhere.
- Sizes are in px (the sheet and the session page were written in px); fonts that were in
  points stay in points (``PT_*``: the application font, ``widgets.big_font`` in dialogs and
  on the board, the app sheet's menus, tabs and status bar) so that their size does not change.
- Near-duplicates were merged to one value each (the session page's paper #eef1f5 became the
  board's ``PAPER``, its blue #1d5fa7 the app's ``ACCENT``, ink #1b2430/#0f2742/#111 one
  ``INK``, five greys of secondary text one ``MUTED``); the board's chair-state colours are the
  session header's too (its paused badge was brown #8a5300, now the board's orange).
- The board's chair tiles keep their own point sizes (``tile.FONT_PT``) and least sizes
  (``tile.FULL_MIN_SIZE``): they are tuned together so that 12 chairs fit one screen.
- ``TOUCH_PX`` (44) is the floor for anything a finger hits; ``TOUCH_COMFORT_PX`` (48) is the
  taller button of dialogs (``widgets.BigButton``), which it was before. The board's tiles
  keep their tighter buttons (``TILE_BUTTON_PX``/``TILE_BUTTON_COMPACT_PX``): the tile grid
  must fit 12 chairs on a 1366×768 screen (``tests/ui/test_board_fit.py``).
"""

from __future__ import annotations

from typing import Final

# ---- palette ------------------------------------------------------------------------------
# neutrals
INK: Final = "#14202e"            #: body text, headings
MUTED: Final = "#455a64"          #: secondary text (captions, units, hints)
DISABLED_INK: Final = "#9aa5b1"   #: text of disabled controls (exempt from the contrast rule)
ON_FILL: Final = "#ffffff"        #: text on a saturated fill (accent, alert, states)
LINE: Final = "#b8c3cf"           #: borders of cards, tabs, tiles
LINE_SOFT: Final = "#d5dbe1"      #: faint borders: disabled controls, table grid, card edges
EDGE: Final = "#9fb0c0"           #: borders of inputs and buttons
PAPER: Final = "#e6ebf1"          #: page background (board, session page, main window)
SURFACE: Final = "#f7f9fb"        #: dialogs, the toolbar, session buttons
SUBTLE: Final = "#eef1f4"         #: quiet fills: disabled controls, free chair, table rows
SHADE: Final = "#d3dae2"          #: unselected tabs
CARD: Final = "#ffffff"           #: cards, tiles, inputs
NOTE_BG: Final = "#fffde7"        #: tooltips
# the accent (selection, primary actions, links, the monitoring state)
ACCENT: Final = "#1565c0"
ACCENT_STRONG: Final = "#0d47a1"  #: pressed/hover primary, focused tile border, selected tab
ACCENT_SOFT: Final = "#e3f2fd"    #: hover
ACCENT_PRESSED: Final = "#bbdefb"  #: pressed, table selection
ACCENT_DISABLED: Final = "#b4c6dc"
SELECTED_BG: Final = "#ffe082"    #: a checked toggle (toolbar, push buttons)
#: the keyboard focus ring: a colour no state uses (7:1 against the page and white)
FOCUS: Final = "#6200ea"
FOCUS_ON_DARK: Final = "#ffeb3b"  #: the focus ring on dark fills (chair strip, alert banner)
# states of a reading
OK: Final = "#2e7d32"
OK_STRONG: Final = "#1b5e20"
OK_BG: Final = "#e8f5e9"
OK_LINE: Final = "#a5d6a7"
WARN: Final = "#8a5300"           #: amber text on light backgrounds
WARN_BG: Final = "#fff1cc"
WARN_FILL: Final = "#ffb300"      #: the DUE bar (ink on it)
WARN_LINE: Final = "#d39b00"
CAUTION: Final = "#c43e00"        #: orange: the paused state, a checked toggle's border
ALERT: Final = "#b3261e"          #: the one red
ALERT_STRONG: Final = "#7f0000"   #: dark red: edges, the OVERDUE flash, error text
ALERT_BG: Final = "#fde8e6"
ALERT_ON_DARK: Final = "#ff8a80"  #: red text and edges on the dark lock screen and strip
SPECIAL: Final = "#6a1b9a"        #: purple: demo mode, amending a signed record
SPECIAL_STRONG: Final = "#4a148c"
SPECIAL_BG: Final = "#f3e5f5"
# dark surfaces: status bar, chair strip, lock screen
NIGHT: Final = "#15202b"
NIGHT_CARD: Final = "#22313f"
NIGHT_BAR: Final = "#263238"
NIGHT_RAISED: Final = "#455a64"
NIGHT_LINE: Final = "#546e7a"
ON_NIGHT: Final = "#eceff1"
ON_NIGHT_MUTED: Final = "#b0bec5"
ON_NIGHT_INFO: Final = "#b3e5fc"
# chair / session states (tile edge, state pill, session header badge)
STATE_PRE: Final = "#3949ab"
STATE_INFUSING: Final = OK
STATE_PAUSED: Final = CAUTION
STATE_MONITORING: Final = ACCENT
STATE_READY: Final = "#00838f"
STATE_FREE: Final = ON_NIGHT_MUTED  #: ink on it
STATE_CLOSED: Final = MUTED         #: discharged, stopped early, checked in
STATE_SIGNED: Final = INK
STATE_AMENDING: Final = SPECIAL
# charts (painted in code)
CHART_HR: Final = "#c2185b"
CHART_SBP: Final = ACCENT
CHART_DBP: Final = "#5c8fd6"
CHART_SPO2: Final = OK
CHART_BAR: Final = "#c8ced6"      #: the grey dose bars of the pain-series chart

# ---- type scale (px) ----------------------------------------------------------------------
FONT_XS: Final = 12     #: units after a label
FONT_CAPTION: Final = 13  #: card titles, table headers
FONT_SMALL: Final = 14  #: table cells
FONT_BASE: Final = 15   #: body text of the session page
FONT_BODY_L: Final = 16  #: check boxes, notes, the chair strip
FONT_EMPHASIS: Final = 17  #: allergies, warnings, alert lines, flowsheet cells
FONT_LARGE: Final = 18  #: score buttons, the state badge, derived figures
FONT_XL: Final = 20     #: number fields, a dialog's title
FONT_TITLE: Final = 22  #: a panel's key figure, the compact patient name
FONT_FIGURE: Final = 24  #: vitals entry
FONT_FIGURE_L: Final = 26  #: the rate field
FONT_HEADLINE: Final = 28  #: the patient's name
# the session's big figures, read from a step away: (normal, compact on a short screen)
FIGURE_TIMER: Final = (50, 34)   #: the infusion timer
FIGURE_DUE: Final = (38, 28)     #: next vitals in
FIGURE_PANEL: Final = (34, 26)   #: cumulative dose, current rate
# point sizes: the app's base font and the dialogs' and board's fonts set in code
# (``widgets.big_font``), and the app sheet's menus, tabs, status bar and tooltips
PT_XS: Final = 11
PT_BASE: Final = 12     #: the application font
PT_M: Final = 13        #: form labels and fields
PT_L: Final = 14        #: buttons
PT_XL: Final = 15       #: a dialog's headline
PT_2XL: Final = 16
PT_3XL: Final = 18
PT_4XL: Final = 20      #: a dialog's title
PT_5XL: Final = 22
PT_6XL: Final = 24
PT_7XL: Final = 30      #: the board clock, the lock screen's title
PT_STATUS: Final = PT_XS
PT_MENU: Final = PT_BASE
PT_TAB: Final = PT_M

# ---- spacing (px) -------------------------------------------------------------------------
SPACE_2XS: Final = 2
SPACE_XS: Final = 4
SPACE_S: Final = 6
SPACE_M: Final = 8
SPACE_L: Final = 10
SPACE_XL: Final = 12
SPACE_2XL: Final = 14
SPACE_3XL: Final = 18
SPACE_4XL: Final = 28

# ---- radii and borders (px) ---------------------------------------------------------------
RADIUS_S: Final = 4
RADIUS_M: Final = 6
RADIUS_L: Final = 8
RADIUS_XL: Final = 12
RADIUS_PILL: Final = 14
RADIUS_PILL_COMPACT: Final = 11
BORDER: Final = 2        #: inputs, buttons, tiles
BORDER_STRONG: Final = 3  #: invalid input, DUE/OVERDUE bar
BORDER_ALERT: Final = 4  #: a tile or lock card with an open alert
TILE_EDGE: Final = 14    #: the coloured left edge of a chair tile
FOCUS_RING_PX: Final = 3  #: the keyboard focus ring

# ---- sizes (px) ---------------------------------------------------------------------------
TOUCH_PX: Final = 44          #: the floor for anything a finger hits
TOUCH_COMFORT_PX: Final = 48  #: dialog buttons (BigButton)
CONTROL_PX: Final = 40        #: toolbar buttons, form labels (aligned on a touch-sized input)
TAB_PX: Final = 32            #: app tab height (plus padding and border: ≥ 36)
BUTTON_PX: Final = 36         #: app-sheet push buttons (plus padding and border: ≥ 44)
TILE_BUTTON_PX: Final = 40    #: buttons and DUE bar of a chair tile
TILE_BUTTON_COMPACT_PX: Final = 32  #: the same on a compact tile (many chairs on one screen)
CHECK_INDICATOR_PX: Final = 28
SMALL_LINE_PX: Final = 22     #: a one-line hint under a field (previous value)
MESSAGE_LINE_PX: Final = 28   #: the session page's message line
NOTE_BOX_S_PX: Final = 60     #: a protocol change's reason box
NOTE_BOX_PX: Final = 70       #: a short reason / address box
NOTE_BOX_TALL_PX: Final = 90  #: "what was done", discharge instructions
LIST_BOX_PX: Final = 130      #: a short result list, an audit entry's detail
CHART_PX: Final = 220         #: the pain-series chart
TREND_CHART_PX: Final = 260   #: the session's vitals trend chart
SIDE_LIST_PX: Final = 360     #: the history screen's results column
SHORT_FIELD_PX: Final = 60    #: a monitor reading field
CHIP_PX: Final = 66           #: a quick-rate button
TIME_FIELD_PX: Final = 104    #: the charted-time editor
STATUS_PX: Final = 120        #: the charted-time status text
# dialog minimum widths
DIALOG_NARROW: Final = 480
DIALOG_S: Final = 520
DIALOG_M: Final = 560
DIALOG_L: Final = 600
DIALOG_XL: Final = 640
DIALOG_2XL: Final = 680
DIALOG_3XL: Final = 720
LOCK_BOX_PX: Final = 620
NOTE_MIN: Final = (460, 140)  #: the start-up message box


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 … 21)."""
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
