"""folium's rendered output kept as data: article text never compiled as a Jinja template.

branca's ``MacroElement.render`` (and folium's ``Popup.render``) render an
element's macro, then wrap the *result* in ``Element(text)``, whose constructor
compiles that text as Jinja template source and renders it a second time.  The
result holds the map's data (popups, tooltips, legend text, GeoJSON), so an
article saying ``{{ 7*7 }}`` was evaluated on the server (``{{ cycler...os... }}``
ran any Python) and a stray ``{#`` raised ``TemplateSyntaxError`` for every
user.  Escaping article text for HTML cannot help: the braces are not HTML.

The fix is at that layer: a rendered macro becomes a :class:`Literal`, an
element whose ``render`` returns its text unchanged, so what a template
produced is never treated as a template again.  :func:`install` swaps the two
methods once, for every folium element, including ones added later.

Cost: folium's style mapper writes ``{{'name'}}`` for element-valued styles
(fill patterns) and relies on the second pass to turn it into a variable; the
atlas uses no element-valued style, and streamlit-folium resolves these itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import branca.element
import folium.map
from branca.element import Element, Figure, MacroElement


class Literal(Element):
    """Text that is already rendered: returned as is, never compiled as a template."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Literal"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def _figure(element: Element) -> Figure:
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError(f"{type(element).__name__} can only be rendered inside a Figure")
    return figure


_SCRIPTS: ContextVar[bool] = ContextVar("scripts", default=True)


@contextmanager
def scripts_left_out() -> Iterator[None]:
    """Render elements for their header and HTML only, while in this block (this thread).

    streamlit-folium renders the whole map to read its header and HTML, then
    writes every element's script again itself: the scripts of that first pass,
    every popup and GeoJSON layer serialised, were thrown away.
    """
    token = _SCRIPTS.set(False)
    try:
        yield
    finally:
        _SCRIPTS.reset(token)


def _render_macro(self: MacroElement, **kwargs) -> None:
    """``MacroElement.render`` with each macro's output added as a :class:`Literal`."""
    figure = _figure(self)
    module = self._template.module.__dict__
    for part in ("header", "html", "script") if _SCRIPTS.get() else ("header", "html"):
        macro = module.get(part)
        if macro is not None:
            getattr(figure, part).add_child(Literal(macro(self, kwargs)), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)


def _render_popup(self: folium.map.Popup, **kwargs) -> None:
    """``Popup.render`` with its output added as a :class:`Literal`."""
    for child in self._children.values():
        child.render(**kwargs)
    if not _SCRIPTS.get():
        return
    _figure(self).script.add_child(
        Literal(self._template.render(this=self, kwargs=kwargs)), name=self.get_name()
    )


def install() -> None:
    """Make every folium element's rendered output literal (idempotent)."""
    branca.element.MacroElement.render = _render_macro
    folium.map.Popup.render = _render_popup
