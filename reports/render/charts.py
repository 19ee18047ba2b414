"""Charts for board documents: matplotlib (Agg) to inline SVG, black-and-white friendly.

Series are told apart by grey level *and* hatching, so a chart stays readable on a
black-and-white printer. Output is deterministic: a fixed ``svg.hashsalt``, no date in
the metadata, text kept as text (``svg.fonttype = none``, DejaVu Sans).

Two faces of one drawing: SVG for the HTML (``svg``) and a PNG at ``PNG_DPI`` for the PDF
(``png_img``). WeasyPrint redraws matplotlib's hatch ``<pattern>`` tile by tile for every
bar, which made the charts most of the PDF's time; a PNG it only embeds. The figure is
built once per chart: ``tekenen(formaten)`` says which faces each drawing saves, and the
drawings are kept (``_TEKENINGEN``) so the HTML and the PDF of one document share them.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import dataclasses
import io
import re
import struct
from collections import OrderedDict
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ledger.nl import euro
from ledger.nl import getal
from ledger.nl import procent

if TYPE_CHECKING:
    from reports.documents.model import Staafdiagram

GRIJZEN = ("#2b2b2b", "#8c8c8c", "#d0d0d0", "#ffffff", "#5e5e5e", "#b0b0b0")
ARCERINGEN = ("", "///", "...", "xx", "\\\\", "++")
_RC = {
    "svg.hashsalt": "samen-nieuw-west",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": "#000000",
    "axes.linewidth": 0.6,
    "hatch.linewidth": 0.6,
    "hatch.color": "#000000",
    "path.simplify": False,
}


def _formatter(eenheid: str):  # noqa: ANN202
    def fmt(value: float, _pos: int | None = None) -> str:
        number = Decimal(str(float(value)))
        if eenheid == "euro":
            if abs(number) >= 1_000_000:
                return "€ " + getal(number / 1_000_000, 1) + " mln"
            return euro(number, cents=False)
        if eenheid == "procent":
            return procent(number)
        return getal(number)

    return fmt


def _svg(figure) -> str:  # noqa: ANN001
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = re.sub(r"<\?xml[^>]*>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    return text.strip() + "\n"


PNG_DPI = 200
_FORMATEN: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("formaten", default=frozenset({"svg"}))
_TEKENINGEN: OrderedDict[object, dict[str, object]] = OrderedDict()
_BEWAAR = 64


@dataclasses.dataclass(frozen=True)
class Png:
    """A chart as PNG bytes with its size in points (pixels / ``PNG_DPI`` inch)."""

    data: bytes
    breedte_pt: float
    hoogte_pt: float


def _png(figure) -> Png:  # noqa: ANN001
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None}, bbox_inches="tight")
    data = buffer.getvalue()
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    return Png(data, width * 72 / PNG_DPI, height * 72 / PNG_DPI)


@contextlib.contextmanager
def tekenen(formaten: set[str] | frozenset[str]) -> Iterator[None]:
    """Within the block, every drawing saves these faces ("svg", "png") at once."""
    token = _FORMATEN.set(frozenset(formaten))
    try:
        yield
    finally:
        _FORMATEN.reset(token)


def _getekend(diagram: Staafdiagram, face: str) -> object:
    try:
        hash(diagram)
    except TypeError:
        return _draw(diagram, {face} | _FORMATEN.get())[face]
    faces = _TEKENINGEN.get(diagram)
    if faces is None or face not in faces:
        faces = {**(faces or {}), **_draw(diagram, {face} | _FORMATEN.get())}
        _TEKENINGEN[diagram] = faces
        while len(_TEKENINGEN) > _BEWAAR:
            _TEKENINGEN.popitem(last=False)
    _TEKENINGEN.move_to_end(diagram)
    return faces[face]


def svg(diagram: Staafdiagram) -> str:
    """Draw a bar chart of the document model as SVG markup (labels top to bottom in order).

    Args:
      diagram: the chart as data (``reports.documents.model.Staafdiagram``).
    Returns:
      The ``<svg>`` element as text, ready to embed inline in HTML.
    """
    return _getekend(diagram, "svg")  # type: ignore[return-value]


def png(diagram: Staafdiagram) -> Png:
    """The same chart as ``svg`` draws, as a PNG (for the PDF; same grey levels and hatching)."""
    return _getekend(diagram, "png")  # type: ignore[return-value]


def png_img(diagram: Staafdiagram) -> str:
    """An ``<img>`` element with the chart as an inline PNG at its drawn size."""
    image = png(diagram)
    data = base64.b64encode(image.data).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">\n'  # sized like the SVG (base.html.j2)


def _draw(diagram: Staafdiagram, formaten: set[str] | frozenset[str]) -> dict[str, object]:
    labels = diagram.labels
    reeksen = dict(diagram.reeksen)
    gestapeld, eenheid = diagram.gestapeld, diagram.eenheid
    verwijzing, verwijzing_label = diagram.verwijzing, diagram.verwijzing_label
    breedte_cm, hoogte_cm = diagram.breedte_cm, diagram.hoogte_cm
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    n = len(labels)
    names = list(reeksen)
    groups = 1 if gestapeld or len(names) == 1 else len(names)
    hoogte = hoogte_cm or max(3.0, 1.2 + n * (0.45 + 0.3 * (groups - 1)))
    with plt.rc_context(_RC):
        figure, axes = plt.subplots(figsize=(breedte_cm / 2.54, hoogte / 2.54))
        try:
            band = 0.8
            width = band / groups
            left = [0.0] * n
            for index, name in enumerate(names):
                values = [float(v) for v in reeksen[name]]
                if gestapeld or groups == 1:
                    positions = list(range(n))
                    height = band if groups == 1 else band
                else:
                    positions = [i - band / 2 + width * (index + 0.5) for i in range(n)]
                    height = width
                axes.barh(
                    positions, values, height=height, left=left if gestapeld else None,
                    color=GRIJZEN[index % len(GRIJZEN)], hatch=ARCERINGEN[index % len(ARCERINGEN)],
                    edgecolor="#000000", linewidth=0.5, label=name,
                )
                if gestapeld:
                    left = [a + b for a, b in zip(left, values)]
            if verwijzing is not None:
                axes.scatter([float(v) for v in verwijzing], list(range(n)), marker="|", s=220, color="#000000",
                             linewidths=1.6, label=verwijzing_label or None, zorder=5)
            axes.set_yticks(list(range(n)))
            axes.set_yticklabels(list(labels))
            axes.invert_yaxis()
            axes.xaxis.set_major_formatter(FuncFormatter(_formatter(eenheid)))
            axes.grid(axis="x", color="#999999", linewidth=0.4, linestyle=":")
            axes.set_axisbelow(True)
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
            if len(names) > 1 or verwijzing is not None:
                axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.6 / hoogte), ncol=min(len(names) + 1, 4),
                            frameon=False)
            faces: dict[str, object] = {}
            if "svg" in formaten:
                faces["svg"] = _svg(figure)
            if "png" in formaten:
                faces["png"] = _png(figure)
            return faces
        finally:
            plt.close(figure)
