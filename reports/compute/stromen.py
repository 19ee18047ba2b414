"""Small facts about streams that several computations share: their order and their period."""

from __future__ import annotations

import datetime

from ledger import model

EIGEN = model.EIGEN
EIGEN_NAAM = "Eigen middelen en formatie van partners"


def stroom_volgorde(stroom: str) -> tuple[int, str]:
    """Sort key for streams: declared streams by code, EIGEN last."""
    return (1 if stroom == EIGEN else 0, stroom)


def actief_in(stroom: model.Geldstroom | None, jaar: int) -> bool:
    """Whether a stream's period reaches into the year (spending in it is allowed)."""
    if stroom is None:
        return False
    if stroom.tot is not None and stroom.tot < datetime.date(jaar, 1, 1):
        return False
    return not (stroom.van is not None and stroom.van > datetime.date(jaar, 12, 31))
