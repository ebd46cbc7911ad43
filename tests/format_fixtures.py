"""The report kept in tests/fixtures/file_format_<n>.giedit, one file per file format.

Each fixture is written by the giedit of its time and never regenerated, so that the migration
steps are tested against real old files. When ``storage.FILE_FORMAT`` is bumped, run
``uv run python tests/format_fixtures.py`` once (before or after adding the step; it writes only
the missing ``file_format_<FILE_FORMAT>.giedit``) and commit the new file.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from giedit.model.report import BodyKind, Level, Paragraph, Report, new_report
from giedit.model.values import Money

FIXTURES = Path(__file__).with_name("fixtures")


def fixture_path(file_format: int) -> Path:
    return FIXTURES / f"file_format_{file_format}.giedit"


def fixture_report() -> Report:
    """The report every fixture holds (whatever the file format)."""
    r = new_report(2021, "某某镇人民政府")
    r.cells["requests.new.natural"] = 3
    r.cells["requests.new.total"] = 3
    r.cells["active.rules.issued"] = 1
    r.cells["active.fees.fee_amount"] = Money(amount=0, unit="万元")
    r.body.kind = BodyKind.TOWN
    r.date = dt.date(2022, 1, 20)
    r.section("overview").paragraphs = [
        Paragraph(level=Level.H2, text="主动公开情况"),
        Paragraph(text="本年度共主动公开政府信息若干条。"),
    ]
    return r


def main() -> int:
    from giedit.model import storage

    path = fixture_path(storage.FILE_FORMAT)
    if path.exists():
        print(f"{path} exists; fixtures are never rewritten", file=sys.stderr)
        return 1
    path.write_text(storage.dumps(fixture_report()), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
