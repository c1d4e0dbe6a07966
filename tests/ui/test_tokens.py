"""The design tokens and the style sheets built from them (issue 12, point 2).

- the shipped resources/style.qss is exactly what the tokens make (a token changed without
  running tools/gen_style.py fails here);
- every text/background pair the sheets use has WCAG AA contrast (4.5:1), disabled controls
  excepted;
- no screen under chairlog/ui has a colour or a fixed size of its own: colours are tokens,
  sizes in setFixed…/setMinimum… calls are named.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from chairlog import paths
from chairlog.ui import tokens
from chairlog.ui.session import header, models
from chairlog.ui.style_sheet import TEXT_PAIRS, app_sheet, session_sheet

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "chairlog" / "ui"
EXEMPT = {UI / "tokens.py", UI / "style_sheet.py"}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
AA = 4.5


def palette() -> dict[str, str]:
    return {name: value for name, value in vars(tokens).items()
            if name.isupper() and isinstance(value, str) and value.startswith("#")}


def rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every rule of a sheet, comments removed."""
    text = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        decls = {}
        for part in body.split(";"):
            if ":" in part:
                key, value = part.split(":", 1)
                decls[key.strip()] = value.strip()
        out.append((" ".join(selector.split()), decls))
    return out


def test_shipped_sheet_is_generated_from_the_tokens() -> None:
    shipped = paths.resource("style.qss").read_text(encoding="utf-8")
    assert shipped == app_sheet(), "resources/style.qss is stale: run python tools/gen_style.py"


def test_generator_check_mode_agrees() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_style.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("make", [app_sheet, session_sheet])
def test_every_colour_of_the_sheets_is_a_token(make: object) -> None:
    assert callable(make)
    sheet = make()
    values = set(palette().values())
    stray = sorted(set(HEX.findall(sheet)) - values)
    assert stray == []
    assert "{" in sheet and "t." not in re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    # no colour by name either ("white", "black"): they are tokens too
    assert not re.search(r":\s*(white|black)\b", sheet)


@pytest.mark.parametrize("make", [app_sheet, session_sheet])
def test_text_on_its_own_background_meets_aa(make: object) -> None:
    """Every rule that sets both a text colour and a background (disabled ones excepted)."""
    assert callable(make)
    checked, low = 0, []
    for selector, decls in rules(make()):
        fg, bg = decls.get("color", ""), decls.get("background", "")
        if not (HEX.fullmatch(fg) and HEX.fullmatch(bg)) or ":disabled" in selector:
            continue
        checked += 1
        ratio = tokens.contrast(fg, bg)
        if ratio < AA:
            low.append(f"{selector}: {fg} on {bg} = {ratio:.2f}")
    assert checked >= 5
    assert low == []


def test_inherited_text_pairs_meet_aa() -> None:
    low = [f"{where}: {fg} on {bg} = {tokens.contrast(fg, bg):.2f}"
           for fg, bg, where in TEXT_PAIRS if tokens.contrast(fg, bg) < AA]
    assert len(TEXT_PAIRS) > 30
    assert low == []


def test_colours_set_in_code_meet_aa() -> None:
    """The session header's state badge (white on the state colour) and the timeline's
    coloured status text (on a white or alternate row)."""
    for state, colour in header.STATE_COLOURS.items():
        assert tokens.contrast(tokens.ON_FILL, colour) >= AA, state
    for colour in (tokens.MUTED, tokens.ALERT, tokens.WARN):
        for row in (tokens.CARD, tokens.SUBTLE):
            assert tokens.contrast(colour, row) >= AA, (colour, row)
    assert models.QColor(tokens.ALERT).name() == tokens.ALERT


def test_contrast_formula() -> None:
    assert tokens.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert tokens.contrast("#fff", "#ffffff") == pytest.approx(1.0)
    assert tokens.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_one_red_one_amber() -> None:
    """The two former homes of the look disagreed (#c62828 vs #b3261e, #e65100 vs #8a5300);
    now one of each, and the sheets use no other."""
    both = app_sheet() + session_sheet()
    for gone in ("#c62828", "#b71c1c", "#b00020", "#b91c1c", "#e65100", "#ef6c00", "#8a5a00"):
        assert gone not in both
    assert tokens.ALERT in both and tokens.WARN in both and tokens.CAUTION in both


def test_touch_floor() -> None:
    assert tokens.TOUCH_PX == 44
    assert tokens.TOUCH_COMFORT_PX >= tokens.TOUCH_PX
    assert f"min-height: {tokens.TOUCH_PX}px" in session_sheet()
    assert f"{tokens.FOCUS_RING_PX}px solid {tokens.FOCUS}" in app_sheet()
    # the app sheet's buttons: min-height + 2 × padding + 2 × border reaches the floor
    assert tokens.BUTTON_PX + 2 * tokens.SPACE_XS + 2 * tokens.BORDER >= tokens.TOUCH_PX


def ui_sources() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p not in EXEMPT)


def test_no_colour_literals_in_screens() -> None:
    found = []
    patterns = (HEX, re.compile(r"QColor\(\s*\d"), re.compile(r"Qt\.GlobalColor\."),
                re.compile(r"color:\s*(white|black)\b"))
    for path in ui_sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert len(ui_sources()) > 50
    assert found == []


def test_no_bare_sizes_in_screens() -> None:
    """setFixed…/setMinimum… take a token, a named constant or a computed value; so do font
    sizes set in code (``label(size=…)``, ``big_font(…)``) and inline style sheets."""
    call = re.compile(r"\.set(?:Fixed|Minimum)(?:Width|Height|Size)\(\s*(\d+)")
    bare = (re.compile(r"\bsize=\d"), re.compile(r"big_font\(\d"),
            re.compile(r"(font-size|padding|border-radius):\s*\d"))
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in ui_sources()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ((m := call.search(line)) and m.group(1) != "0")
             or any(p.search(line) for p in bare)]
    assert found == []
