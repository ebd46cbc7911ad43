"""The parts of a report as the navigator lists them, and which part a finding belongs to.

The short part names are navigation text only; a section's full title, wherever it is shown,
comes from the format definition.
"""

from __future__ import annotations

from collections.abc import Iterable

from giedit.checks import Finding, Severity, active
from giedit.model.schema import Format

INFO = "info"
PARTS: tuple[tuple[str, str], ...] = (
    (INFO, "基本信息"),
    ("overview", "一 总体情况"),
    ("active", "二 主动公开"),
    ("requests", "三 收到和处理申请"),
    ("appeals", "四 复议诉讼"),
    ("problems", "五 问题及改进"),
    ("other", "六 其他事项"),
)
PART_IDS = tuple(p for p, _ in PARTS)


def part_of(finding: Finding, fmt: Format) -> str:
    """The part to show for a finding: its section, else its first cell's table, else 基本信息."""
    if finding.section is not None and finding.section in PART_IDS:
        return finding.section
    if finding.cells and finding.cells[0] in fmt.cells:
        return fmt.table(fmt.cells[finding.cells[0]].table).section
    return INFO


def tally(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings) among the findings that still count (not dismissed)."""
    found = list(active(findings))
    errors = sum(f.severity is Severity.ERROR for f in found)
    return errors, len(found) - errors
