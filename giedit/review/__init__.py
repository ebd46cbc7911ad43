"""The county's review: every unit's report in a folder checked, compared and summed. No Qt.

``review(folder, roster=..., year=..., previous=..., jobs=...) -> ReviewResult`` reads every
report (.giedit, and every source the importers read), checks it with all rules on all cores,
runs the cross-unit checks (copies, copied narrative, the roster) and sums each statutory table
per format. ``write_workbook`` writes 审核结果.xlsx and ``write_notices`` one 整改通知 per unit
with errors. openpyxl and python-docx are imported only by those two.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from giedit.review.result import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, ReviewFailed, ReviewResult, Unit
    from giedit.review.run import review

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_PROBLEMS", "ReviewFailed", "ReviewResult", "Unit", "review"]


def __getattr__(name: str) -> Any:
    """The names above, loaded on first use: ``giedit export`` builds the CLI parser, which names
    the review's arguments (``giedit.review.command``), and should not load the review itself."""
    if name not in __all__:
        raise AttributeError(name)
    return getattr(import_module("giedit.review.run" if name == "review" else "giedit.review.result"), name)
