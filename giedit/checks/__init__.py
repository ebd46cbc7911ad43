"""The rule engine: pure functions from a report to findings (spec §8). No Qt."""

from giedit.checks import enumerations, glyphs, narrative, register, tables  # noqa: F401  (importing registers the rules)
from giedit.checks.engine import RULES, Finding, Severity, active, check, compute_totals, overridable

__all__ = ["RULES", "Finding", "Severity", "active", "check", "compute_totals", "overridable"]
