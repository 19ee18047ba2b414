"""All error types of the ledger, as Beancount error tuples ``(source, message, entry)``.

``source`` is the offending entry's (or posting's) metadata with ``filename`` and
``lineno``, so ``bean-check``, Fava's Errors page and ``snw check`` all show file and line.
"""

from __future__ import annotations

from typing import Any
from typing import NamedTuple

from beancount.loader import LoadError
from beancount.parser.grammar import ParserError
from beancount.parser.grammar import ParserSyntaxError
from beancount.parser.lexer import LexerError


class GeldstroomError(NamedTuple):
    """A funding-stream rule is broken (period, availability, eligibility, carry-over...)."""

    source: dict[str, Any]
    message: str
    entry: Any


class DeclaratieError(NamedTuple):
    """A declaration (geldstroom, partner, buurt, actielijn...) is malformed or unknown."""

    source: dict[str, Any]
    message: str
    entry: Any


class VerplichtingError(NamedTuple):
    """A commitment (verplichting) or a payment on it breaks a rule."""

    source: dict[str, Any]
    message: str
    entry: Any


class BegrotingError(NamedTuple):
    """A budget line or amendment is malformed, or spending exceeds the budget."""

    source: dict[str, Any]
    message: str
    entry: Any


class BegrotingWaarschuwing(NamedTuple):
    """Spending or a commitment exceeds the budget within the declared tolerance.

    Shown like an error by Fava, but ``snw check`` does not fail on warnings.
    """

    source: dict[str, Any]
    message: str
    entry: Any


class JaarafsluitingError(NamedTuple):
    """A booking of a closed year changed after the year was closed (``custom "jaarafsluiting"``)."""

    source: dict[str, Any]
    message: str
    entry: Any


class ConfigError(NamedTuple):
    """The plugin's configuration string could not be read."""

    source: dict[str, Any]
    message: str
    entry: Any


class ImportRowError(NamedTuple):
    """A row of an import file is invalid; ``source`` holds file and row number."""

    source: dict[str, Any]
    message: str
    entry: Any


class GrootboekError(NamedTuple):
    """The ledger cannot serve as a programme ledger: our plugin is not enabled."""

    source: dict[str, Any]
    message: str
    entry: Any


WARNING_TYPES: tuple[type, ...] = (BegrotingWaarschuwing,)


def is_fatal(error: object) -> bool:
    """Tell whether an error makes the ledger unusable for reports.

    Beancount could not read a file (syntax, a missing include) or the plugin that checks
    the rules is not enabled: no figure can be trusted. Every other error is a *finding*
    (bevinding): reports still run on the ledger and show it next to the figures.
    """
    return isinstance(error, (LexerError, ParserError, ParserSyntaxError, LoadError, GrootboekError))


def is_warning(error: object) -> bool:
    """Tell whether an error is only a warning (does not fail ``snw check``)."""
    return isinstance(error, WARNING_TYPES)
