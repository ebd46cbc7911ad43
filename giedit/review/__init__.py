"""The county's review: every unit's report in a folder checked, compared and summed. No Qt.

``review(folder, roster=..., year=..., previous=..., jobs=...) -> ReviewResult`` reads every
report (.giedit, and every source the importers read), checks it with all rules on all cores,
runs the cross-unit checks (copies, copied narrative, the roster) and sums each statutory table
per format. ``write_workbook`` writes 审核结果.xlsx and ``write_notices`` one 整改通知 per unit
with errors. openpyxl and python-docx are imported only by those two.
"""

from giedit.review.result import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, ReviewFailed, ReviewResult, Unit
from giedit.review.run import review

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_PROBLEMS", "ReviewFailed", "ReviewResult", "Unit", "review"]
