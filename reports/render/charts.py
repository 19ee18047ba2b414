"""Charts for board documents: matplotlib (Agg) to inline SVG, black-and-white friendly.

Series are told apart by grey level *and* hatching, so a chart stays readable on a
black-and-white printer. Output is deterministic: a fixed ``svg.hashsalt``, no date in
the metadata, text kept as text (``svg.fonttype = none``, DejaVu Sans).
"""

from __future__ import annotations

import io
import re
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


def svg(diagram: Staafdiagram) -> str:
    """Draw a bar chart of the document model as SVG markup (labels top to bottom in order).

    Args:
      diagram: the chart as data (``reports.documents.model.Staafdiagram``).
    Returns:
      The ``<svg>`` element as text, ready to embed inline in HTML.
    """
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
            return _svg(figure)
        finally:
            plt.close(figure)
