"""Small facts about streams that several computations share: their order and their period."""

from __future__ import annotations

from ledger import model

EIGEN = model.EIGEN
EIGEN_NAAM = "Eigen middelen en formatie van partners"


def stroom_volgorde(stroom: str) -> tuple[int, str]:
    """Sort key for streams: declared streams by code, EIGEN last."""
    return (1 if stroom == EIGEN else 0, stroom)


actief_in = model.actief_in
"""Whether a stream's period reaches into the year (spending in it is allowed): the ledger's rule,
also the plugin's ``Begroting buiten de looptijd``."""
