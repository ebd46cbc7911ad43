"""Which findings the clerk may dismiss or accept with a reason (spec §8), and how.

This is rule policy, so it lives with the rules: the model only stores the dismissals and
overrides, and the editor asks here which button to offer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from giedit.checks.engine import Finding, Severity, active, check, covers, overridable
from giedit.model.report import Dismissal, Override, Report
from giedit.model.rule_ids import OVERRIDES

if TYPE_CHECKING:  # the edits load with the editor; `giedit export` only asks what blocks
    from giedit.model.edits import SetField

# -- dismissed warnings and accepted errors (spec §8) ------------------------------------------

_COUNT = {1: "一", 2: "两", 3: "三", 4: "四"}


def _only_overridable() -> str:
    """「只有“报告格式与年度不符”和“上年结转数不一致”两类错误……」, from the registry's OVERRIDES."""
    names = [f"“{name}”" for name in OVERRIDES.values()]
    listed = "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0]
    return f"只有{listed}{_COUNT.get(len(names), str(len(names)))}类错误可以说明理由后接受"


def _reason(reason: str) -> str:
    from giedit.model.edits import InputError

    text = " ".join(reason.split())
    if not text:
        raise InputError("请填写理由：理由会保存在报告文件中（不会打印）")
    return text


def dismiss(report: Report, finding: Finding, reason: str) -> SetField:
    """Dismiss a warning with the clerk's reason; it keeps its cells and section, so it covers
    this one finding only. Errors are refused: they can only be fixed (or, for F-E1 and T2-E4,
    accepted with ``override``)."""
    from giedit.model.edits import InputError, SetField

    if finding.severity is Severity.ERROR:
        if overridable(finding.rule):
            raise InputError("这是错误，不是提醒：只能改正，或说明理由后接受")
        raise InputError("这是错误，不能忽略，只能改正")
    entry = Dismissal(
        rule=finding.rule, cells=list(finding.cells), section=finding.section, reason=_reason(reason)
    )
    kept = [d for d in report.dismissals if not covers(d, finding)]
    return SetField(("dismissals",), list(report.dismissals), [*kept, entry])


def override(report: Report, finding: Finding, reason: str) -> SetField:
    """Accept an F-E1 or T2-E4 error with a reason (a historical file; a merged body or doubtful
    figures of last year). Any other error is refused."""
    from giedit.model.edits import InputError, SetField

    if finding.severity is not Severity.ERROR or not overridable(finding.rule):
        raise InputError(_only_overridable())
    entry = Override(rule=finding.rule, reason=_reason(reason))
    kept = [o for o in report.overrides if o.rule != finding.rule]
    return SetField(("overrides",), list(report.overrides), [*kept, entry])


def acceptance(report: Report, finding: Finding) -> Dismissal | Override | None:
    """The dismissal or override that covers ``finding``, if any (for showing its reason)."""
    if finding.severity is Severity.ERROR:
        return next((o for o in report.overrides if o.rule == finding.rule), None)
    return next((d for d in report.dismissals if covers(d, finding)), None)


def reinstate(report: Report, finding: Finding) -> SetField | None:
    """Undo a dismissal or override: the finding counts again."""
    from giedit.model.edits import SetField

    if finding.severity is Severity.ERROR:
        kept_o = [o for o in report.overrides if o.rule != finding.rule]
        if len(kept_o) == len(report.overrides):
            return None
        return SetField(("overrides",), list(report.overrides), kept_o)
    kept = [d for d in report.dismissals if not covers(d, finding)]
    if len(kept) == len(report.dismissals):
        return None
    return SetField(("dismissals",), list(report.dismissals), kept)


def blocking_findings(report: Report) -> list[Finding]:
    """The findings that refuse a final export: active errors (not overridden). Warnings never
    block. The exporters do not judge: the CLI and the editor ask here before exporting."""
    return [f for f in active(check(report)) if f.severity is Severity.ERROR]
