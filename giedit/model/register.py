"""The application register (依申请公开登记台账): its columns, its rows, and what its words mean.

An office keeps one register row per application, usually in Excel or WPS. This module knows the
usual names of the register's columns and reads a row's result text and applicant type into the
row and column of table 三 that the application counts under. The official categories are taken
from the format definitions, never retyped: a result is matched against the labels of table 三
with or without their ordinal prefixes, as a joined form (group and item in one cell, split by
``-`` ``/`` ``：`` or brackets), or through the clerk's usual short forms written below. Values
that none of this reads are left to the clerk, who maps each one once (``ValueMap``).

No Qt and no files: the importer turns a spreadsheet into ``Entry`` values, the counting in
``register_counts`` turns entries into the cells of table 三.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from giedit.model.formats import APPLICANT_COLUMNS, FORMATS
from giedit.model.schema import Format, Row

TABLE = "requests"  # the table a register fills
RESULTS = "result"  # the group of outcome rows in that table
TOTAL = "total"  # the total row and the total column of that table
RECEIVED_NEW, CARRIED_IN, CARRIED_OUT = "new", "carried_in", "carried_out"


class Field(StrEnum):
    """A register column giedit reads. The value is the key used in stored column mappings."""

    RECEIVED = "received"
    NAME = "name"
    APPLICANT = "applicant"
    CONTENT = "content"
    ANSWERED = "answered"
    RESULT = "result"


# The header each field gets in the template, then the names offices use for it. A header cell
# is read as the field whose name it equals, else the field with the longest name it contains.
FIELD_TITLES: dict[Field, str] = {
    Field.RECEIVED: "收到日期",
    Field.NAME: "申请人",
    Field.APPLICANT: "申请人类型",
    Field.CONTENT: "申请内容",
    Field.ANSWERED: "答复日期",
    Field.RESULT: "办理结果",
}
HEADER_NAMES: dict[Field, tuple[str, ...]] = {
    Field.RECEIVED: (
        "收到日期",
        "受理日期",
        "申请日期",
        "收件日期",
        "登记日期",
        "接收日期",
        "收到时间",
        "受理时间",
        "申请时间",
    ),
    Field.NAME: ("申请人", "申请人姓名", "申请人名称", "姓名/名称", "姓名或名称", "申请人姓名/名称"),
    Field.APPLICANT: (
        "申请人类型",
        "申请人类别",
        "申请主体",
        "申请人性质",
        "申请人身份",
        "主体类型",
        "申请主体类型",
    ),
    Field.CONTENT: ("申请内容", "申请公开的内容", "申请公开内容", "所需信息", "申请事项", "内容描述"),
    Field.ANSWERED: ("答复日期", "办结日期", "答复时间", "办结时间", "告知日期", "处理日期"),
    Field.RESULT: ("办理结果", "答复类型", "处理结果", "答复结果", "处理决定", "办理情况", "答复情况"),
}
REQUIRED = (Field.RECEIVED, Field.APPLICANT, Field.ANSWERED, Field.RESULT)


# -- the clerk's words for the official categories ------------------------------------------------

# Short forms of the outcome rows, by row id. The official labels (with and without prefixes) need
# no entry: they are read from the format definitions.
PARTIAL = "partial"  # the row of 区分处理
PARTIAL_SIGNS = ("部分公开", "部分予以公开", "区分处理", "删除处理", "遮盖处理")
RESULT_WORDS: dict[str, tuple[str, ...]] = {
    "granted": ("公开", "全部公开", "同意公开", "已公开", "主动公开", "予以提供"),
    PARTIAL: ("部分公开", "部分予以公开", "区分处理"),
    "withheld": ("不予公开", "不予以公开", "不公开"),
    "withheld_secret": ("国家秘密", "涉及国家秘密", "属国家秘密"),
    "withheld_law": ("法律行政法规禁止公开", "法律法规禁止公开", "法律法规禁止"),
    "withheld_safety": ("三安全一稳定", "危及三安全一稳定"),
    "withheld_third_party": ("第三方合法权益", "涉及第三方合法权益", "保护第三方"),
    "withheld_internal": ("内部事务信息", "三类内部事务信息", "内部事务"),
    "withheld_process": ("过程性信息", "四类过程性信息"),
    "withheld_enforcement": ("行政执法案卷", "执法案卷"),
    "withheld_query": ("行政查询事项", "查询事项"),
    "unable": ("无法提供",),
    "unable_not_held": ("不掌握", "本机关不掌握", "信息不存在", "不掌握相关信息", "不掌握相关政府信息"),
    "unable_create": ("需要另行制作", "没有现成信息", "需另行制作"),
    "unable_unclear": ("补正后仍不明确", "申请内容不明确", "内容不明确"),
    "refused": ("不予处理",),
    "refused_petition": ("信访举报投诉", "信访举报投诉类", "信访类"),
    "refused_repeat": ("重复申请",),
    "refused_publication": ("公开出版物", "要求提供公开出版物"),
    "refused_mass": ("大量反复申请", "无正当理由大量反复申请"),
    "refused_confirm": ("确认或重新出具", "重新出具已获取信息", "要求确认"),
    "other_handling": ("其他处理",),
    "other_no_correction": ("逾期未补正", "逾期不补正", "未补正", "申请人逾期未补正"),
    "other_no_fee": ("逾期未缴费", "逾期未缴纳费用", "未缴纳费用", "未缴费"),
    "other_misc": ("其它",),
}

# A group named without its item cannot be counted, except where the format itself leaves one
# reading: the 2019 single row 其他处理 becomes the 2021 item 其他 (spec §7.3).
CATCH_ALL = {"other_handling": "other_misc"}

# Common names of the applicant columns, by column id; the official labels need no entry.
# 村民委员会 and 居民委员会 are organisations (基层群众性自治组织), counted under 其他, whatever
# 村民 and 居民 alone mean.
APPLICANT_WORDS: dict[str, tuple[str, ...]] = {
    "natural": ("个人", "公民", "群众", "居民", "村民", "自然人申请"),
    "business": ("企业", "公司", "有限公司", "有限责任公司", "企业法人", "商业"),
    "research": ("科研院所", "研究机构", "研究所", "研究院", "科研"),
    "charity": ("公益组织", "社会组织", "基金会", "民办非企业单位", "公益"),
    "legal": ("律师事务所", "律所", "法律服务所", "法律服务"),
    "other": (
        "其它",
        "其他组织",
        "其他法人",
        "其他单位",
        "村民委员会",
        "居民委员会",
        "村委会",
        "居委会",
        "社区居委会",
        "村民小组",
    ),
}

# What the first cells of a row that is not an application say: a total under the table, or a note.
# With the table's own word for a total: the label of its total column.
TOTAL_WORDS = ("合计", "小计", "共计", next(c.label for c in APPLICANT_COLUMNS if c.id == TOTAL))
NOTE_WORDS = ("说明", "备注", "填表说明", "注:")
SUMMARY_CELLS = 2  # the first filled cells of a row looked at

PENDING_WORDS = ("办理中", "未办结", "在办", "正在办理", "待答复", "未答复", "尚未答复", "结转下年")

# -- reading text --------------------------------------------------------------------------------

_DROP = re.compile(r"[\s\"'“”‘’「」『』《》]+")
_PREFIX = re.compile(
    r"^(?:\(?[一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[,.]|\(?\d{1,2}\)|\d{1,2}[.,])"
)
_SPLIT = re.compile(r"[-—–~/|:>→()\[\]【】]+")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def norm(text: object) -> str:
    """Text as matched: NFKC (full-width to ASCII), no spaces or quotes, 、 as a comma, lower case."""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text))).replace("、", ",").lower()


def strip_ordinal(text: str) -> str:
    """A normalised label without its ordinals: (五)2.xxx → xxx."""
    while (m := _PREFIX.match(text)) and m.end() < len(text):
        text = text[m.end() :]
    return text


def _keys(label: str) -> set[str]:
    """The normalised forms a label is recognised by: as printed, without ordinals, without a
    trailing explanatory note."""
    n = norm(label)
    bare = strip_ordinal(n)
    return {k for k in (n, bare, _TRAILING_NOTE.sub("", bare)) if k}


def _walk(rows: tuple[Row, ...], parent: str | None) -> list[tuple[Row, str | None]]:
    out: list[tuple[Row, str | None]] = []
    for r in rows:
        out.append((r, parent))
        out.extend(_walk(r.children, r.id))
    return out


@dataclass(frozen=True)
class Vocabulary:
    """Normalised words → category ids, for results (row ids) and applicants (column ids)."""

    results: dict[str, str]
    parents: dict[str, str]  # item row id → its group row id, across every format
    groups: frozenset[str]  # row ids that are a group in some format
    applicants: dict[str, str]
    applicant_groups: tuple[str, ...]  # header texts over several applicant columns (no column alone)


@cache
def vocabulary() -> Vocabulary:
    results: dict[str, str] = {}
    parents: dict[str, str] = {}
    groups: set[str] = set()
    for fmt in FORMATS.values():
        root = next(r for b in fmt.table(TABLE).blocks for r in b.rows if r.id == RESULTS)
        for row, parent in _walk(root.children, None):
            if row.id == TOTAL:
                continue
            for k in _keys(row.label):
                results.setdefault(k, row.id)
            if parent is not None:
                parents[row.id] = parent
            if row.is_group:
                groups.add(row.id)
    for rid, words in RESULT_WORDS.items():
        for w in words:
            results.setdefault(norm(w), rid)
    applicants: dict[str, str] = {}
    for col in APPLICANT_COLUMNS:
        if col.id != TOTAL:
            applicants[norm(col.label)] = col.id
    for cid, words in APPLICANT_WORDS.items():
        for w in words:
            applicants.setdefault(norm(w), cid)
    spanning = {
        norm(g.text)
        for fmt in FORMATS.values()
        for g in fmt.layout(TABLE).grid
        if g.header and g.colspan > 1 and g.col >= fmt.layout(TABLE).label_cols
    }
    return Vocabulary(
        results, parents, frozenset(groups), applicants, tuple(sorted(spanning, key=len, reverse=True))
    )


def _contained(text: str, words: dict[str, str], shortest: int) -> list[str]:
    """The ids of the words found in ``text``, a word inside a longer found word not counting."""
    spans = []
    for w, cid in words.items():
        if len(w) >= shortest:
            start = text.find(w)
            if start >= 0:
                spans.append((start, start + len(w), cid))
    kept = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return sorted({cid for _, _, cid in kept})


@cache
def result_category(text: str) -> str | None:
    """The outcome row id a result text names (an item, or a group named alone), or ``None``.

    A disclosure with a part withheld is 部分公开 whatever else the text says: the statutory row
    reads 「部分公开（区分处理的，只计这一情形，不计其他情形）」, so 予以公开（部分内容涉及个人隐私，
    作删除处理）, 予以公开(部分) and 部分公开（涉及国家秘密） are all counted there."""
    voc = vocabulary()
    n = norm(text)
    if not n:
        return None
    for key in (n, strip_ordinal(n)):
        if key in voc.results:
            return voc.results[key]
    if _partly_disclosed(n):
        return PARTIAL
    found = [voc.results.get(strip_ordinal(p)) for p in _SPLIT.split(n) if p]
    ids = [i for i in found if i is not None]
    if not ids:
        ids = _contained(n, voc.results, 3)
    items = sorted({i for i in ids if i not in voc.groups})
    named = {i for i in ids if i in voc.groups}
    if len(items) == 1:
        item = items[0]
        return item if named <= {voc.parents.get(item)} else None  # a group that is not its own: doubt
    if not items and len(named) == 1:
        return next(iter(named))
    return None


def _partly_disclosed(n: str) -> bool:
    """Words of a 区分处理 (part disclosed, part withheld), in a result that refuses nothing whole."""
    if any(w in n for w in ("不予", "不公开", "无法")):
        return False
    return any(w in n for w in PARTIAL_SIGNS) or ("公开" in n and "部分" in n)


@cache
def applicant_category(text: str) -> str | None:
    """The applicant column id an applicant type names, or ``None`` (the clerk says).

    A word counts as it stands, as one part of a joined form (group-item, 个人（代理）),
    or at the end of a part: a Chinese noun phrase names its kind last (某某有限公司, 本村村民),
    while a word inside it only qualifies the kind (村民委员会 is a committee, 公司员工 a person
    described by the employer, who may have applied for the company or for themselves). Those, and
    a text whose parts name different columns, are not guessed: they go to the clerk's mapping.
    """
    voc = vocabulary()
    n = norm(text)
    if not n:
        return None
    if n in voc.applicants:
        return voc.applicants[n]
    for group in voc.applicant_groups:  # 法人或其他组织-企业: the group names no column by itself
        n = n.replace(group, "-")
    parts = [p for p in _SPLIT.split(n) if p]
    found = {voc.applicants[p] for p in parts if p in voc.applicants}
    if not found:
        found = {cid for p in parts for w, cid in voc.applicants.items() if p.endswith(w)}
    return next(iter(found)) if len(found) == 1 else None


def summary_kind(cells: list[object]) -> str:
    """``"total"`` or ``"note"`` when a row's first filled cells start like a 合计 row or a 说明/备注
    line under the table, else ``""``. Only meant for rows without a date: the caller asks."""
    filled = [n for n in (norm(c) for c in cells if c is not None) if n][:SUMMARY_CELLS]
    for text in filled:
        if text.startswith(TOTAL_WORDS):
            return "total"
        if text.startswith(NOTE_WORDS) or text == "注":
            return "note"
    return ""


@cache
def is_pending_word(text: str) -> bool:
    """A result or answer-date cell that says the application is still being handled."""
    return norm(text) in {norm(w) for w in PENDING_WORDS}


def result_rows(fmt: Format) -> dict[str, str]:
    """The outcome data rows of ``fmt`` (id → label), the rows a result can be counted under."""
    layout = fmt.layout(TABLE)
    return {r.id: r.label for r in layout.rows if r.group and r.id != TOTAL}


def data_row(fmt: Format, category: str) -> str | None:
    """The data row of ``fmt`` that a category id counts under: itself, its group where the
    format has no items (a 2021 item in a 2019 report), or the group's catch-all item."""
    rows = result_rows(fmt)
    if category in rows:
        return category
    parent = vocabulary().parents.get(category)
    if parent in rows:
        return parent
    fallback = CATCH_ALL.get(category)
    return fallback if fallback in rows else None


def applicant_columns() -> dict[str, str]:
    """The applicant columns of table 三 (id → label), without the total."""
    return {c.id: c.label for c in APPLICANT_COLUMNS if c.id != TOTAL}


def category_label(fmt: Format, row_id: str) -> str:
    """How a result category is named to the clerk: group and item joined, as the template lists."""
    row = fmt.layout(TABLE).row(row_id)
    groups = [g for g in row.group if g != row.group[0]] if row.group else []
    return "-".join([*groups, row.label])


# -- the entries -------------------------------------------------------------------------------

DateValue = dt.date | str | None  # a date, the unreadable text of one, or blank


@dataclass(frozen=True)
class Entry:
    """One register row as read from the sheet; ``row`` is the row number the clerk sees."""

    row: int
    received: DateValue
    applicant: str = ""
    answered: DateValue = None
    result: str = ""
    name: str = ""
    content: str = ""
    summary: str = ""  # "total" or "note": the row's first cells read 合计…/说明… (``summary_kind``)


@dataclass
class ValueMap:
    """The clerk's own readings of values giedit does not know: normalised text → category id.

    Kept in the report (so a recount gives the same table) and in the editor's settings per
    register layout (so next year's register is read the same way).
    """

    results: dict[str, str]
    applicants: dict[str, str]
    _memo: dict[tuple[bool, str], str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def empty(cls) -> ValueMap:
        return cls({}, {})

    def result(self, text: str) -> str | None:
        key = (True, text)
        if key not in self._memo:
            self._memo[key] = self.results.get(norm(text)) or result_category(text)
        return self._memo[key]

    def applicant(self, text: str) -> str | None:
        key = (False, text)
        if key not in self._memo:
            self._memo[key] = self.applicants.get(norm(text)) or applicant_category(text)
        return self._memo[key]

    def forget(self) -> None:
        """Drop remembered readings after ``results`` or ``applicants`` changed."""
        self._memo.clear()

    def as_dict(self) -> dict[str, str]:
        """Flat, as stored: ``result:<text>`` and ``applicant:<text>`` keys."""
        return {
            **{f"result:{k}": v for k, v in self.results.items()},
            **{f"applicant:{k}": v for k, v in self.applicants.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> ValueMap:
        out = cls.empty()
        for key, value in data.items():
            kind, _, text = key.partition(":")
            if kind == "result":
                out.results[text] = value
            elif kind == "applicant":
                out.applicants[text] = value
        return out


def ranges(rows: list[int] | tuple[int, ...]) -> str:
    """Row numbers written compactly, as stored and shown: 3-5,9."""
    out: list[str] = []
    ordered = sorted(set(rows))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ",".join(out)


def rows_text(rows: list[int], limit: int = 8) -> str:
    """Row numbers as a clerk reads them: 3–5、9, clipped after ``limit`` rows with 等."""
    text = ranges(rows[:limit]).replace(",", "、").replace("-", "–")
    return text + ("等" if len(rows) > limit else "")


def date_text(value: DateValue) -> str:
    """A register date as the clerk writes it (2025年4月18日), not ISO; text and blank as they are."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return value or ""


def row_numbers(rows: list[int], limit: int = 8) -> str:
    """「第 3–5、9 行」, clipped as 「第 3–5、9 等行」 (not 「9等 行」)."""
    shown = rows_text(rows, limit)
    return f"第 {shown[:-1]} 等行" if shown.endswith("等") else f"第 {shown} 行"


def parse_ranges(text: str) -> list[int]:
    """The row numbers of a ``ranges`` string (malformed parts are skipped)."""
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        if a.isdigit() and (not b or b.isdigit()):
            out.extend(range(int(a), int(b or a) + 1))
    return out
