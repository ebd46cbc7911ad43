"""Seeded application registers with a known truth, for the register tests and the benchmark.

Each generated row records what it *is* (received and answered dates, the outcome row id of the
2021 format, the applicant column id) and is written the way offices write it: header variants,
a title row above the header, dates as date cells, text in several forms or Excel serials, results
as official labels with and without ordinals, joined group-item forms and short forms, applicants
as official labels or common names. The tests count the truth themselves and compare.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from giedit.model.formats import FORMAT_2021

# The clerk's words, written here independently of giedit's own tables.
SHORT_RESULTS = {
    "granted": ["予以公开", "公开"],
    "partial": ["部分公开"],
    "withheld_secret": ["国家秘密"],
    "withheld_safety": ["三安全一稳定"],
    "withheld_third_party": ["第三方合法权益"],
    "withheld_process": ["过程性信息"],
    "unable_not_held": ["不掌握"],
    "unable_create": ["需要另行制作"],
    "refused_repeat": ["重复申请"],
    "refused_petition": ["信访举报投诉"],
    "other_no_correction": ["逾期未补正"],
    "other_no_fee": ["逾期未缴纳费用"],
}
APPLICANT_NAMES = {
    "natural": ["自然人", "个人", "公民"],
    "business": ["商业企业", "企业", "公司", "法人或其他组织-商业企业"],
    "research": ["科研机构", "科研院所"],
    "charity": ["社会公益组织", "公益组织"],
    "legal": ["法律服务机构", "律师事务所"],
    "other": ["其他", "其它"],
}
HEADERS = {
    "received": ["收到日期", "受理日期", "申请日期"],
    "name": ["申请人", "申请人姓名", "申请人名称"],
    "applicant": ["申请人类型", "申请人类别", "申请主体"],
    "content": ["申请内容", "申请公开的内容"],
    "answered": ["答复日期", "办结日期"],
    "result": ["办理结果", "答复类型", "处理结果"],
}
PENDING = ["", "", "办理中"]
OTHER_HANDLING_2021 = ("other_no_correction", "other_no_fee", "other_misc")


@dataclass(frozen=True)
class Truth:
    row: int  # the sheet row number the reader reports
    received: dt.date
    answered: dt.date | None
    outcome: str | None  # 2021 outcome row id (None while pending)
    applicant: str  # applicant column id


def outcome_rows() -> dict[str, tuple[str, ...]]:
    """2021 outcome data rows: id → (group label or '', row label)."""
    layout = FORMAT_2021.layout("requests")
    out = {}
    for r in layout.rows:
        if r.group and r.id != "total":
            group = r.group[-1] if len(r.group) > 1 else ""
            out[r.id] = (group, r.label)
    return out


def _strip(label: str) -> str:
    for i, ch in enumerate(label):
        if ch in ".）":
            return label[i + 1 :]
    return label


def result_text(rng: random.Random, rid: str) -> str:
    group, label = outcome_rows()[rid]
    forms = [label, _strip(label)]
    if group:
        forms += [f"{group}-{label}", f"{group}/{_strip(label)}", f"{_strip(group)}：{_strip(label)}"]
    else:
        forms.append(label.replace("（", "(").replace("）", ")"))
    forms += SHORT_RESULTS.get(rid, [])
    return rng.choice(forms)


def date_cell(rng: random.Random, date: dt.date, as_text: bool) -> object:
    if not as_text:
        return date
    return rng.choice(
        [
            date.isoformat(),
            f"{date.year}/{date.month}/{date.day}",
            f"{date.year}年{date.month}月{date.day}日",
            f"{date.year}.{date.month:02d}.{date.day:02d}",
            (date - dt.date(1899, 12, 30)).days,  # an Excel serial in a cell formatted as a number
        ]
    )


def generate(seed: int, year: int, n: int) -> tuple[list[str], list[list[object]], list[Truth], int]:
    """(header, data rows, truth, sheet row number of the first data row) of a register."""
    rng = random.Random(seed)
    outcomes = list(outcome_rows())
    applicants = list(APPLICANT_NAMES)
    header = ["序号", *(rng.choice(HEADERS[f]) for f in HEADERS), "备注"]
    first = 3  # a title row, then the header
    start, span = dt.date(year - 1, 1, 1), (dt.date(year + 1, 12, 31) - dt.date(year - 1, 1, 1)).days
    rows: list[list[object]] = []
    truth: list[Truth] = []
    for i in range(n):
        received = start + dt.timedelta(days=rng.randrange(span + 1))
        pending = rng.random() < 0.15
        answered = None if pending else received + dt.timedelta(days=rng.randrange(0, 60))
        outcome = (
            None
            if pending
            else outcomes[i % len(outcomes)]
            if i < 4 * len(outcomes)
            else rng.choice(outcomes)
        )
        applicant = applicants[i % len(applicants)] if i < 4 * len(applicants) else rng.choice(applicants)
        as_text = rng.random() < 0.3
        rows.append(
            [
                i + 1,
                date_cell(rng, received, as_text),
                f"申请人{i}",
                rng.choice(APPLICANT_NAMES[applicant]),
                f"第{i}号申请的内容",
                date_cell(rng, answered, as_text) if answered else rng.choice(PENDING[:2]),
                result_text(rng, outcome) if outcome else rng.choice(PENDING),
                "",
            ]
        )
        truth.append(Truth(first + i, received, answered, outcome, applicant))
    return header, rows, truth, first


def write_xlsx(
    path: Path,
    header: list[str],
    rows: list[list[object]],
    title: str = "依申请公开登记台账",
    streamed: bool = False,
) -> Path:
    """An .xlsx as Excel and WPS write it (text in the shared-strings table); ``streamed`` writes
    with openpyxl's write-only mode instead (inline strings, for very large sheets)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=streamed)
    ws = wb.create_sheet("登记台账") if streamed else wb.active
    ws.title = "登记台账"
    ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(["依申请公开登记台账"])
        w.writerow(header)
        for r in rows:
            w.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in r])
    return path


def expected_cells(truth: list[Truth], fmt_id: str, year: int) -> dict[str, int]:
    """Every cell of table 三, counted from the truth by this test's own reading of the rules."""
    from giedit.model.formats import get_format

    fmt = get_format(fmt_id)
    layout = fmt.layout("requests")
    row_ids = [r.id for r in layout.rows]
    cols = ["natural", "business", "research", "charity", "legal", "other"]
    counts = {(r, c): 0 for r in row_ids for c in cols}
    first_day, last_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for t in truth:
        if t.received > last_day or (t.answered is not None and t.answered < first_day):
            continue
        counts[("new" if t.received >= first_day else "carried_in", t.applicant)] += 1
        if t.answered is not None and t.answered <= last_day:
            outcome = t.outcome
            if fmt_id == "2019" and outcome in OTHER_HANDLING_2021:
                outcome = "other_handling"
            counts[(outcome, t.applicant)] += 1
        else:
            counts[("carried_out", t.applicant)] += 1
    outcome_rows_fmt = [r.id for r in layout.rows if r.group and r.id != "total"]
    for c in cols:
        counts[("total", c)] = sum(counts[(r, c)] for r in outcome_rows_fmt)
    out = {}
    for r in row_ids:
        for c in cols:
            out[f"requests.{r}.{c}"] = counts[(r, c)]
        out[f"requests.{r}.total"] = sum(counts[(r, c)] for c in cols)
    return out
