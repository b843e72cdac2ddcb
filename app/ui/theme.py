"""Every colour the app's style sheets use, derived from the active palette (light or dark).

Why one module: a colour written into a style sheet (``#5f6368`` hint grey, a white card) is right for one
palette only. Under a dark desktop theme Qt hands every widget a dark palette, and fixed light colours then
read at 1.2:1 (a dark grey icon on a dark menu) or leave a white card on a dark desktop. Here each role the
app needs is taken from the palette or picked for its lightness, then checked against the backgrounds it
sits on: text at least :data:`TEXT_CONTRAST` (WCAG AA, 4.5:1), icons at least :data:`ICON_CONTRAST`
(3:1). A colour that falls short is moved towards black or white until it passes.

Use: ``c = theme.colors()`` (for the application's palette, or pass a widget's) and build style sheets
with its names — ``f"color: {c.muted};"``. Colours are ``#rrggbb`` strings. :func:`install` (at start-up)
switches to a dark palette when the desktop asks for a dark scheme that the platform style ignores, or when
``RINGDESK_THEME=dark|light`` says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

TEXT_CONTRAST = 4.5  # WCAG 2 AA for body text
ICON_CONTRAST = 3.0  # WCAG 2.1 non-text contrast (icons, borders that carry meaning)

STATES = ("ringing", "talking", "missed", "answered_elsewhere", "ended")  # app.ui.cards.facts.CardState values


@dataclass(frozen=True, slots=True)
class StateColors:
    """A card state's band: ``accent`` (status text, the dot) on ``band`` (the band's background)."""

    accent: str
    band: str


@dataclass(frozen=True, slots=True)
class Colors:
    """The app's named colours for one palette. Text colours pass 4.5:1 on ``window``, ``base`` and ``card``."""

    dark: bool
    window: str  # window background (palette Window)
    base: str  # fields, lists, tables (palette Base)
    text: str  # body text (palette WindowText)
    muted: str  # hints, secondary text, table headers
    icon: str  # line icons in menus, buttons, cards (≥ 3:1)
    border: str  # hairlines, frames
    rule: str  # separators inside cards
    hover: str  # a button's background under the mouse
    pressed: str
    accent: str  # links and selected items' text
    accent_fill: str  # a primary button's background
    on_accent: str  # text and icons on ``accent_fill``
    accent_fill_hover: str
    selection: str  # a selected row's or nav item's background
    selection_text: str  # text on ``selection``
    header_text: str  # table headers
    error: str  # error sentences
    success: str  # "Connected."
    warning_bg: str  # a warning box
    warning_border: str
    warning_text: str
    card: str  # a call card's background
    card_border: str
    card_text: str
    card_muted: str
    states: dict[str, StateColors] = field(default_factory=dict)  # by CardState value

    def state(self, name: str) -> StateColors:
        return self.states[name]


# -- colour arithmetic -----------------------------------------------------------------------------------
def luminance(color: QColor | str) -> float:
    """WCAG relative luminance of an opaque colour (0 black … 1 white)."""
    c = QColor(color)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def mix(a: QColor | str, b: QColor | str, t: float) -> str:
    """``a`` moved ``t`` (0 … 1) of the way towards ``b``."""
    ca, cb = QColor(a), QColor(b)
    return QColor(
        round(ca.red() + (cb.red() - ca.red()) * t),
        round(ca.green() + (cb.green() - ca.green()) * t),
        round(ca.blue() + (cb.blue() - ca.blue()) * t),
    ).name()


def readable(color: QColor | str, *backgrounds: QColor | str, ratio: float = TEXT_CONTRAST) -> str:
    """``color``, moved towards black or white (away from the backgrounds) until it reaches ``ratio`` on each."""
    current = QColor(color).name()
    if not backgrounds:
        return current
    darkest = min(luminance(b) for b in backgrounds)
    lightest = max(luminance(b) for b in backgrounds)
    # Towards white when the backgrounds are dark, else towards black.
    target = "#ffffff" if (darkest + lightest) / 2 < 0.18 else "#000000"
    for step in range(21):
        candidate = mix(color, target, step / 20)
        if min(contrast(candidate, b) for b in backgrounds) >= ratio:
            return candidate
        current = candidate
    return current


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (light text on a dark window)."""
    return luminance(palette.color(QPalette.ColorRole.Window)) < luminance(palette.color(QPalette.ColorRole.WindowText))


# -- the colours ----------------------------------------------------------------------------------------
# Hues per role; lightness is then checked against the palette's own backgrounds by ``readable``.
_LIGHT = {
    "muted": "#5f6368",
    "accent": "#1967d2",
    "accent_fill": "#1d4ed8",
    "accent_fill_hover": "#1e40af",
    "selection": "#e8f0fe",
    "error": "#c5221f",
    "success": "#137333",
    "warning_bg": "#fef7e0",
    "warning_border": "#f9e3a1",
    "warning_text": "#5c4400",
    "card": "#ffffff",
    "card_border": "#d5dce6",
    "card_text": "#0f172a",
    "card_muted": "#5b6b80",
}
_DARK = {
    "muted": "#9aa0a6",
    "accent": "#8ab4f8",
    "accent_fill": "#3b6fd8",
    "accent_fill_hover": "#4f7fe0",
    "selection": "#263a5a",
    "error": "#f28b82",
    "success": "#81c995",
    "warning_bg": "#3a3113",
    "warning_border": "#6b5a1e",
    "warning_text": "#fde293",
    "card": "",  # from the palette's Base, see below
    "card_border": "",
    "card_text": "",
    "card_muted": "",
}
# State → (accent hue light, band light, accent hue dark): the light bands are those the cards had.
_STATES = {
    "ringing": ("#1d4ed8", "#eaf1ff", "#8ab4f8"),
    "talking": ("#15803d", "#e9f8ee", "#81c995"),
    "missed": ("#b91c1c", "#fdecec", "#f28b82"),
    "answered_elsewhere": ("#475569", "#f1f4f8", "#bdc1c6"),
    "ended": ("#475569", "#f1f4f8", "#bdc1c6"),
}

_cache: dict[int, Colors] = {}


def colors(source: QPalette | QWidget | None = None) -> Colors:
    """The named colours for ``source``'s palette (a widget's, a palette, or the application's)."""
    if isinstance(source, QWidget):
        palette = source.palette()
    elif isinstance(source, QPalette):
        palette = source
    else:
        palette = QGuiApplication.palette() if QGuiApplication.instance() is not None else QPalette()
    key = palette.cacheKey()
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 32:
            _cache.clear()
        found = _cache[key] = _derive(palette)
    return found


def _derive(palette: QPalette) -> Colors:
    role = QPalette.ColorRole
    dark = is_dark(palette)
    window = palette.color(role.Window).name()
    base = palette.color(role.Base).name()
    text = palette.color(role.WindowText).name()
    hues = _DARK if dark else _LIGHT
    grounds = (window, base)
    if dark:
        card = mix(base, window, 0.5) if base != window else mix(window, "#ffffff", 0.04)
        card_border = mix(card, "#ffffff", 0.22)
        card_text = readable(palette.color(role.Text).name(), card)
        card_muted = readable(hues["muted"], card)
    else:
        card, card_border, card_text, card_muted = (
            hues["card"],
            hues["card_border"],
            hues["card_text"],
            hues["card_muted"],
        )
    surfaces = (*grounds, card)
    warning_bg = hues["warning_bg"]
    selection = hues["selection"]
    accent_fill = hues["accent_fill"]
    on_accent = "#ffffff" if contrast("#ffffff", accent_fill) >= contrast("#000000", accent_fill) else "#000000"
    states = {}
    for name, (light_hue, light_band, dark_hue) in _STATES.items():
        if dark:
            band = mix(card, dark_hue, 0.16)
            states[name] = StateColors(readable(dark_hue, band), band)
        else:
            states[name] = StateColors(readable(light_hue, light_band), light_band)
    return Colors(
        dark=dark,
        window=window,
        base=base,
        text=readable(text, *surfaces),
        muted=readable(hues["muted"], *surfaces),
        icon=readable(mix(text, window, 0.12), *surfaces, ratio=ICON_CONTRAST + 1.5),
        border=mix(window, text, 0.2),
        rule=mix(card, card_text, 0.1),
        hover=mix(card, card_text, 0.07),
        pressed=mix(card, card_text, 0.13),
        accent=readable(hues["accent"], *surfaces, selection),
        accent_fill=accent_fill,
        on_accent=on_accent,
        accent_fill_hover=hues["accent_fill_hover"],
        selection=selection,
        selection_text=readable(hues["accent"], selection),
        header_text=readable(hues["muted"], *surfaces),
        error=readable(hues["error"], *surfaces),
        success=readable(hues["success"], *surfaces),
        warning_bg=warning_bg,
        warning_border=hues["warning_border"],
        warning_text=readable(hues["warning_text"], warning_bg),
        card=card,
        card_border=card_border,
        card_text=card_text,
        card_muted=card_muted,
        states=states,
    )


# -- the palettes ---------------------------------------------------------------------------------------
def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (used when the desktop wants dark and the style does not follow)."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    p = QPalette()
    for r, c in (
        (role.Window, "#202124"),
        (role.WindowText, "#e8eaed"),
        (role.Base, "#292a2d"),
        (role.AlternateBase, "#2f3034"),
        (role.ToolTipBase, "#3c4043"),
        (role.ToolTipText, "#e8eaed"),
        (role.PlaceholderText, "#9aa0a6"),
        (role.Text, "#e8eaed"),
        (role.Button, "#303134"),
        (role.ButtonText, "#e8eaed"),
        (role.BrightText, "#ffffff"),
        (role.Light, "#4a4c50"),
        (role.Midlight, "#3c4043"),
        (role.Mid, "#2b2c2f"),
        (role.Dark, "#17181a"),
        (role.Shadow, "#000000"),
        (role.Highlight, "#3b6fd8"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#8ab4f8"),
        (role.LinkVisited, "#c58af9"),
    ):
        p.setColor(r, QColor(c))
    for r, c in (
        (role.WindowText, "#80868b"),
        (role.Text, "#80868b"),
        (role.ButtonText, "#80868b"),
        (role.PlaceholderText, "#6f7378"),
    ):
        p.setColor(group.Disabled, r, QColor(c))
    return p


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def use(app: QApplication, scheme: str) -> None:
    """Switch ``app`` to Fusion with a ``"dark"`` or ``"light"`` palette (tests, screenshots, :func:`install`)."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if scheme == "dark" else light_palette())
    _cache.clear()


def install(app: QApplication) -> None:
    """At start-up: follow ``RINGDESK_THEME`` (dark / light), else the desktop's colour scheme.

    Qt's platform styles usually follow a dark desktop themselves; when the desktop asks for dark and the
    palette stayed light (no platform theme for it), Fusion with :func:`dark_palette` is used instead. A
    later change of the desktop's scheme is followed too."""
    wanted = os.environ.get("RINGDESK_THEME", "").strip().lower()
    if wanted in ("dark", "light"):
        use(app, wanted)
        return
    hints = app.styleHints()

    def follow(scheme: Qt.ColorScheme) -> None:
        if scheme is Qt.ColorScheme.Dark and not is_dark(app.palette()):
            use(app, "dark")
        elif scheme is Qt.ColorScheme.Light and is_dark(app.palette()) and app.style().name().lower() == "fusion":
            use(app, "light")
        _cache.clear()

    follow(hints.colorScheme())
    hints.colorSchemeChanged.connect(follow)


# -- style-sheet snippets shared by several windows ----------------------------------------------------
def hint_style(c: Colors | None = None) -> str:
    """A hint's text: secondary, still ≥ 4.5:1."""
    return f"color: {(c or colors()).muted};"


def error_style(c: Colors | None = None) -> str:
    return f"color: {(c or colors()).error};"


def success_style(c: Colors | None = None) -> str:
    return f"color: {(c or colors()).success};"


def warning_style(c: Colors | None = None) -> str:
    """A warning box (no secure keyring, no global shortcut here, the role hint in the history)."""
    c = c or colors()
    return (
        f"background: {c.warning_bg}; color: {c.warning_text}; border: 1px solid {c.warning_border}; "
        "border-radius: 4px; padding: 6px 10px;"
    )


class PaletteWatch:
    """Remembers which palette a widget was last styled for, so re-styling on every ``PaletteChange`` event
    (Qt sends several for one change) parses a style sheet only when the colours really changed."""

    def __init__(self) -> None:
        self._key: int | None = None

    def changed(self, palette: QPalette) -> bool:
        """Whether ``palette`` differs from the one last styled for (and remember it)."""
        key = palette.cacheKey()
        if key == self._key:
            return False
        self._key = key
        return True
