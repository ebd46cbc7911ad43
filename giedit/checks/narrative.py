"""Narrative rules (spec §8.6, N-E1 and N-W1 … N-W15): the text of the report against its tables,
the customs of the format and last year's report.

Apart from N-E1, N-W12, N-W14 and N-W15 these rules read free Chinese text, so they are keyword and
pattern heuristics. Each one's docstring says which words it looks for. They are written to stay
quiet rather than to guess: a sentence about another year, about 上年/去年 or a 同比 comparison is
not compared with this year's table, and a number is only read when it sits next to the words that
say what it counts.

All text is matched after NFKC normalisation (full-width digits and brackets become ASCII) with the
whitespace removed, so ``２０２１ 年`` and ``2021年`` read alike.

``Finding.section`` is one of the six section ids, ``"preamble"`` (title, statistics period,
contact details and the paragraphs before 一) or ``"signature"`` (the closing date).

No official label is spelled out here: section titles, row and column labels, the formats' names
and the documents that issued them are read from ``giedit.model.formats``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from giedit.checks.engine import Context, Finding, Severity, fmt_num, rule
from giedit.model import figures, wording
from giedit.model.deadline import DEFAULT_DEADLINE
from giedit.model.formats import APPEAL_GROUPS, FORMATS, SECTION_IDS, format_for_year
from giedit.model.report import (
    FIGURE,
    PREAMBLE,
    PROMPTS,
    BodyKind,
    Level,
    Paragraph,
    PreviousYear,
    Report,
    SectionText,
)
from giedit.model.rule_ids import (
    N_E1,
    N_E2,
    N_W1,
    N_W2,
    N_W3,
    N_W4,
    N_W5,
    N_W6,
    N_W7,
    N_W8,
    N_W9,
    N_W10,
    N_W11,
    N_W12,
    N_W13,
    N_W14,
    N_W15,
    N_W16,
)
from giedit.model.text import clip, date_text, squeezed

SIGNATURE = "signature"

# N-W12: the default publication deadline (month, day) of the year after the report year (spec §8.8).
# 条例 第四十九条 gives 县级以上地方人民政府 until 3月31日 for the government's own report. The local
# deadline the clerk configured (``check(report, deadline=...)``) wins over both. DEFAULT_DEADLINE
# (1月31日) is model.deadline's, the one the start page and the settings use.
STATUTORY_DEADLINES: dict[BodyKind, tuple[int, int]] = {BodyKind.COUNTY_GOVERNMENT: (3, 31)}

# N-W13: similarity threshold and the character n-gram length used to measure it.
SIMILARITY_THRESHOLD = 0.7
SIMILARITY_NGRAM = 4
SIMILARITY_MIN_CHARS = 50  # shorter sections (e.g. 无。) are not compared
NARRATIVE_SECTIONS = ("overview", "problems", "other")

# N-W14: fewer meaningful characters than this counts as empty or boilerplate.
MIN_CHARS = {"overview": 50, "problems": 20, "other": 1}

# N-W7: the first report year after 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, 2020-11-17).
FEE_RULES_FROM = 2021

# -- text helpers -------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_END = re.compile(r"[。!?;,]")
_YEAR = re.compile(r"(?<!\d)((?:19|20|21)\d\d)年")
_OTHER_YEAR_WORDS = ("上年", "上一年", "去年", "前年", "同比", "较上", "累计", "历年")


def _norm(text: object) -> str:
    """NFKC, whitespace removed; anything that is not a string reads as empty."""
    if not isinstance(text, str):
        return ""
    return squeezed(text)


def _paragraphs(ctx: Context, where: str) -> list[str]:
    """The raw paragraph texts of a section (or of the preamble)."""
    return ctx.paragraphs(where)


def _text(ctx: Context, where: str) -> str:
    """A section's (or the preamble's) text, normalised."""
    return "".join(_norm(t) for t in _paragraphs(ctx, where))


def _sentences(ctx: Context, where: str) -> Iterator[str]:
    for para in _paragraphs(ctx, where):
        for s in _SENTENCE_END.split(_norm(para)):
            if s:
                yield s


def _this_year_sentences(ctx: Context, where: str) -> Iterator[str]:
    """Sentences that may speak about the report year: none naming another year, 上年, 同比 …"""
    year = ctx.report.year
    for s in _sentences(ctx, where):
        if any(w in s for w in _OTHER_YEAR_WORDS):
            continue
        if any(int(y) != year for y in _YEAR.findall(s)):
            continue
        yield s


def _count(text: str) -> int:
    """Meaningful characters: no whitespace, punctuation, symbols or control characters."""
    return sum(1 for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PZSC")


def _title(ctx: Context, sid: str) -> str:
    try:
        return ctx.fmt.section(sid).title
    except KeyError:
        return sid


def _num(ctx: Context, cell_id: str) -> float | int | None:
    return ctx.num(cell_id) if cell_id in ctx.fmt.cells else None


def _has(text: str, keywords: Iterable[str]) -> bool:
    return any(k in text for k in keywords)


def _clip(s: str, limit: int = 30) -> str:
    return clip(s, limit)


# -- N-E1 ---------------------------------------------------------------------------------------


@rule(N_E1, Severity.ERROR)
def sections_and_tables_present(ctx: Context) -> Iterator[Finding]:
    """All six sections exist, and 二/三/四 have their complete tables (every cell id is a key of
    ``report.cells``). Matters for imported reports: a giedit file always has them all. Missing
    table cells are listed by row; the order of the sections is fixed on export and not checked."""
    sections, cells = ctx.report.sections, ctx.report.cells
    for sec in ctx.fmt.sections:
        ids = [c.id for c in ctx.fmt.layout(sec.table).cells] if sec.table else []
        missing = [c for c in ids if c not in cells]
        if sec.id not in sections:
            whole = bool(ids) and len(missing) == len(ids)
            what = "部分及其表格" if whole else "部分"
            yield ctx.find(missing if whole else [], f"缺少“{sec.title}”{what}", section=sec.id)
            if whole or not ids:
                continue
        if not missing:
            continue
        if len(missing) == len(ids):
            yield ctx.find(missing, f"“{sec.title}”缺少表格", section=sec.id)
            continue
        names: list[str] = []
        for row in ctx.fmt.layout(sec.table).rows:
            gone = [c for c in row.cell_ids if c in missing]
            if row.label and len(gone) == len(row.cell_ids):
                names.append(row.label)
            else:
                names.extend(ctx.label(c) for c in gone)
        more = "等" if len(names) > 3 else ""
        yield ctx.find(
            missing,
            f"“{sec.title}”的表格不完整：缺少{'、'.join(names[:3])}{more}共{len(missing)}个单元格",
            section=sec.id,
        )


# -- N-W1 applications ----------------------------------------------------------------------------

_NOT_REQUESTS = wording.OTHER_SUBJECTS  # what else a report counts is not row 一
_REQ_NONE = re.compile(
    r"(?:未|没有|没)(?:收到|接到|受理|接收|发生|出现|有)[^。!?;,]{0,20}?申请(?!人)"
    r"|无(?:依申请公开|政府信息公开申请|信息公开申请|申请公开)"
)
_UNIT = r"(?:件|个|条|份|次|宗|例)"
_RECEIVE = "(?:" + "|".join(wording.RECEIVED) + ")"
_REQ_COUNT = (
    re.compile(
        _RECEIVE + r"[^。!?;,\d]{0,15}?申请(?:公开)?(?:数量|数)?(?:共计|共|合计|计)?(?:为|达)?(\d+)" + _UNIT
    ),
    re.compile(_RECEIVE + r"了?(?:各类|各种)?(\d+)" + _UNIT + r"[^。!?;,\d]{0,12}?申请"),
)
_REQ_COUNT_SKIP = (
    *_NOT_REQUESTS,
    *wording.NARROWING,
    *wording.APPLICANTS,
    "结转",
    "办结",
    "答复",
    "未",
    "不予",
    "予以",
)


@rule(N_W1, Severity.WARNING)
def requests_text_matches_table(ctx: Context) -> Iterator[Finding]:
    """Keyword rule. The text of 一 or 三 says no application was received while the table's
    total of new applications (row 一) is above 0, or it quotes a number of applications received that differs from
    the table (or from 本年新收 + 上年结转).

    "None received": 未/没有 + 收到/接到/受理/接收/发生/出现/有 + … + 申请 (not 申请人), 无依申请公开,
    无(政府)信息公开申请. "Number received": 收到/接到/受理/新收/接收 + … + 申请 + N + 件/个/条/份/次/宗/例,
    or 收到 N 件 … 申请. Passages about anything else a report counts (``wording.OTHER_SUBJECTS``:
    复议/诉讼, 留言/咨询/来信, 信访/投诉/举报, 建议/提案, 补正 …), about a part of the applications
    (涉及/关于/有关 …, or one kind of applicant, ``wording.APPLICANTS``), 结转, 办结 or 答复 are
    skipped, and so are sentences naming another year or 上年/去年/同比/累计."""
    cid = "requests.new.total"
    total = _num(ctx, cid)
    if total is None:
        return
    carried = _num(ctx, "requests.carried_in.total")
    for sid in ("overview", "requests"):
        for s in _this_year_sentences(ctx, sid):
            for m in _REQ_NONE.finditer(s) if total > 0 else ():
                end = _CLAUSE_END.search(s, m.end())
                if _has(s[m.start() : end.start() if end else len(s)], _NOT_REQUESTS):
                    continue
                yield ctx.find(
                    [cid],
                    f"“{_title(ctx, sid)}”中写明“{_clip(m.group(0))}”，但表格{ctx.label(cid)}为 {fmt_num(total)}，请核对",
                    section=sid,
                )
                return
            for pattern in _REQ_COUNT:
                for m in pattern.finditer(s):
                    if _has(m.group(0), _REQ_COUNT_SKIP):
                        continue
                    n = int(m.group(1))
                    if n == total or (carried is not None and n == total + carried):
                        continue
                    yield ctx.find(
                        [cid],
                        f"“{_title(ctx, sid)}”中写到收到申请 {n} 件（“{_clip(m.group(0))}”），"
                        f"但表格{ctx.label(cid)}为 {fmt_num(total)}，两者不一致",
                        section=sid,
                    )
                    return


# -- N-W2 review and litigation --------------------------------------------------------------------

_APPEAL_NONE = re.compile(
    r"(?:未发生|没有发生|未出现|没有出现|未收到|没有收到|未接到|未被|未有|没有|无)(?!法|正当|需|异议)"
    r"[^。!?;,]{0,25}?(?:复议|诉讼|起诉)"
)
_APPEAL_COUNT = re.compile(
    r"(?:行政)?(复议|诉讼|起诉)(?:案件|案)?([^。!?;,\d]{0,8}?)(\d+)(?:件|起|宗|个|次|例)"
)
_APPEAL_COUNT_SKIP = ("结果", "维持", "纠正", "纠错", "审结", "率")
_APPEAL_TOPICS = {
    "review": ("appeals.cases.review_total",),
    "suit": ("appeals.cases.direct_suit_total", "appeals.cases.suit_after_review_total"),
}


# the table's two litigation groups (directly, and after a review) name 复议 but are litigation
_SUIT_NAMES = re.compile(
    "|".join(re.escape(label) for gid, label in APPEAL_GROUPS if gid != "review") + "|复议后"
)


def _appeal_topics(clause: str) -> set[str]:
    out = set()
    if "复议" in _SUIT_NAMES.sub("", clause):
        out.add("review")
    if "诉讼" in clause or "起诉" in clause:
        out.add("suit")
    return out


@rule(N_W2, Severity.WARNING)
def appeals_text_matches_table(ctx: Context) -> Iterator[Finding]:
    """Keyword rule. The text of 一 or 四 says there was no administrative review (复议) or
    litigation (诉讼/起诉) while the table's totals are above 0, or it quotes N cases where the table
    has 0 (and N = 0 where the table has cases).

    "None": 未发生/没有发生/未出现/没有出现/未收到/没有收到/未接到/未被/未有/没有/无 (not 无法/无正当/无需/
    无异议) + … + 复议/诉讼/起诉 in one clause; the clause says which of review and litigation it
    denies (the table's two litigation groups, direct and after review, count as litigation). "Number": 复议/诉讼/起诉 (+案件) + … +
    N + 件/起/宗/个/次/例, skipping numbers of 结果/维持/纠正/纠错/审结/率. Only zero against non-zero is
    compared: the text may split the cases in ways the table does not."""
    values: dict[str, list[float | int | None]] = {
        t: [_num(ctx, c) for c in cells] for t, cells in _APPEAL_TOPICS.items()
    }
    done: set[str] = set()
    for sid in ("overview", "appeals"):
        for s in _this_year_sentences(ctx, sid):
            claims: list[tuple[str, int, str]] = []  # (topic, number quoted (0: none), snippet)
            for m in _APPEAL_NONE.finditer(s):
                end = _CLAUSE_END.search(s, m.end())
                clause = s[m.start() : end.start() if end else len(s)]
                if re.search(r"[1-9]", clause):
                    continue
                claims.extend((t, 0, clause) for t in _appeal_topics(clause))
            for m in _APPEAL_COUNT.finditer(s):
                if _has(m.group(2), _APPEAL_COUNT_SKIP):
                    continue
                topic = "suit" if m.group(1) != "复议" or _has(m.group(2), ("起诉", "诉讼")) else "review"
                claims.append((topic, int(m.group(3)), m.group(0)))
            for topic, n, snippet in claims:
                if topic in done:
                    continue
                nums = values[topic]
                known = [v for v in nums if v is not None]
                table_positive = any(v > 0 for v in known)
                table_zero = len(known) == len(nums) and not table_positive
                if (n == 0 and table_positive) or (n > 0 and table_zero):
                    done.add(topic)
                    cells = _APPEAL_TOPICS[topic]
                    shown = "、".join(
                        f"{ctx.label(c)}为 {fmt_num(v)}"
                        for c, v in zip(cells, nums, strict=True)
                        if v is not None
                    )
                    said = f"写明“{_clip(snippet)}”" if n == 0 else f"写到“{_clip(snippet)}”"
                    yield ctx.find(cells, f"“{_title(ctx, sid)}”中{said}，但表格{shown}，请核对", section=sid)


# -- N-W3 normative documents --------------------------------------------------------------------

_NORMATIVE_LABELS = sorted(
    {f.layout("active").row("normative").label for f in FORMATS.values()}, key=len, reverse=True
)
_NORMATIVE = "(?:" + "|".join(re.escape(label) for label in _NORMATIVE_LABELS) + ")"
_MAKING = (*wording.COLUMN_WORDS["active"]["issued"], *wording.COLUMN_WORDS["active"]["made"])
_MAKE = "(?:" + "|".join(sorted(_MAKING, key=len, reverse=True)) + ")了?"
_NORMATIVE_COUNT = (
    re.compile(_MAKE + r"[^。!?;,\d]{0,6}?" + _NORMATIVE + r"[^。!?;,\d]{0,4}?(\d+)(?:件|份|个|部)"),
    re.compile(_MAKE + r"(?:各类)?(\d+)(?:件|份|个|部)[^。!?;,\d]{0,4}?" + _NORMATIVE),
)
_NORMATIVE_SKIP = ("废止", "清理", "备案", "审核", "审查", "修订", "修改", "公开")


def _normative_cell(ctx: Context) -> str | None:
    """The cell counting this year's new normative documents (column ``issued`` in 2021, ``made`` in 2019)."""
    cid = f"active.normative.{ctx.fmt.documents.made}"
    return cid if cid in ctx.fmt.cells else None


@rule(N_W3, Severity.WARNING)
def normative_text_matches_table(ctx: Context) -> Iterator[Finding]:
    """Keyword rule. The text of 一 or 二 quotes a number of normative documents made this year
    that differs from the table (row ``normative``, column ``issued`` in 2021, ``made`` in 2019).
    The document name searched for is that row's label in any format (read from ``FORMATS``).

    Read: 制发/制定/出台/印发/新制作/制作 + … + <row label> + N + 件/份/个/部, or 制发 N 件 …
    <row label>. Skipped: passages with 废止/清理/备案/审核/审查/修订/修改/公开, and sentences
    naming another year or 上年/去年/同比/累计."""
    cid = _normative_cell(ctx)
    value = _num(ctx, cid) if cid else None
    if cid is None or value is None:
        return
    for sid in ("overview", "active"):
        for s in _this_year_sentences(ctx, sid):
            for pattern in _NORMATIVE_COUNT:
                for m in pattern.finditer(s):
                    if _has(m.group(0), _NORMATIVE_SKIP) or int(m.group(1)) == value:
                        continue
                    yield ctx.find(
                        [cid],
                        f"“{_title(ctx, sid)}”中写到“{_clip(m.group(0))}”，"
                        f"但表格{ctx.label(cid)}为 {fmt_num(value)}，两者不一致",
                        section=sid,
                    )
                    return


# -- N-W4 … N-W7 required content ----------------------------------------------------------------

OVERVIEW_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请",)),
    ("政府信息管理", ("信息管理",)),
    ("政府信息公开平台建设", ("平台建设", "公开平台")),
    ("监督保障", ("监督",)),
)


@rule(N_W4, Severity.WARNING)
def overview_topics(ctx: Context) -> Iterator[Finding]:
    """Keyword rule. 一 总体情况 should cover 主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设
    and 监督保障. Accepted keywords: 主动公开; 依申请; 信息管理; 平台建设/公开平台;
    监督 (as in 监督保障, 监督检查; spec: seed 004 has it). An empty 一 is left to N-W14."""
    text = _text(ctx, "overview")
    if not text:
        return
    missing = [name for name, keys in OVERVIEW_TOPICS if not _has(text, keys)]
    if missing:
        all_topics = "、".join(name for name, _ in OVERVIEW_TOPICS)
        yield ctx.find(
            [],
            f"“{_title(ctx, 'overview')}”未涉及{'、'.join(missing)}（应包括{all_topics}等方面的情况）",
            section="overview",
        )


ASSESSMENT_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("工作考核", ("考核",)),
    ("社会评议", ("评议",)),
    ("责任追究", ("责任追究", "追究", "追责", "问责")),
)
GOVERNMENTS = (BodyKind.TOWNSHIP, BodyKind.TOWN, BodyKind.COUNTY_GOVERNMENT)


@rule(N_W5, Severity.WARNING)
def assessment_reported(ctx: Context) -> Iterator[Finding]:
    """Keyword rule, for a 乡/镇/县级人民政府 only: 一 or 五 states the results of 工作考核, 社会评议
    and 责任追究 (条例 第五十条第四项). Keywords: 考核; 评议; 责任追究/追究/追责/问责."""
    kind = ctx.report.body.kind
    if kind not in GOVERNMENTS:
        return
    text = _text(ctx, "overview") + _text(ctx, "problems")
    if not text:
        return
    missing = [name for name, keys in ASSESSMENT_TOPICS if not _has(text, keys)]
    if missing:
        who = kind if kind.endswith("人民政府") else f"{kind}人民政府"
        yield ctx.find(
            [],
            f"本机关为{who}，“{_title(ctx, 'overview')}”和“{_title(ctx, 'problems')}”均未说明"
            f"{'、'.join(missing)}结果情况（《条例》第五十条要求各级人民政府报告工作考核、社会评议和责任追究结果情况）",
            section="overview",
        )


LAST_YEAR_KEYWORDS = ("上年", "上一年", "去年", "整改", "改进情况")


@rule(N_W6, Severity.WARNING, formats=("2021",))
def problems_follow_up(ctx: Context) -> Iterator[Finding]:
    """Keyword rule, 2021 format (spec §2.4 ties it to the revised format). 五 should report how
    last year's problems were dealt with. Keywords:
    上年(度)/上一年(度)/去年/整改/改进情况. An empty 五 is left to N-W14."""
    text = _text(ctx, "problems")
    if text and not _has(text, LAST_YEAR_KEYWORDS):
        yield ctx.find(
            [],
            f"“{_title(ctx, 'problems')}”未说明上年度存在问题的整改或改进情况（未出现“上年度”“整改”“改进情况”等字样）",
            section="problems",
        )


FEE_KEYWORDS = ("信息处理费", "处理费")


@rule(N_W7, Severity.WARNING)
def fees_reported(ctx: Context) -> Iterator[Finding]:
    """Keyword rule, report years from 2021: 六 states the 信息处理费 collected (or that none was).
    Keywords: 信息处理费/处理费. An empty 六 is left to N-W14."""
    if ctx.report.year < FEE_RULES_FROM:
        return
    text = _text(ctx, "other")
    if text and not _has(text, FEE_KEYWORDS):
        yield ctx.find(
            [],
            f"“{_title(ctx, 'other')}”未说明信息处理费的收取情况；即使未收取，也应写明（如“本年度未收取信息处理费”）",
            section="other",
        )


# -- N-W8 outdated basis -----------------------------------------------------------------------

_BRACKETS = "〔〕[]()【】﹝﹞"


def _citation(basis: str) -> re.Pattern[str]:
    """A pattern for a document number that accepts any kind of bracket around the year, or none."""
    any_bracket = f"[{re.escape(_BRACKETS)}]?"
    return re.compile("".join(any_bracket if ch in _BRACKETS else re.escape(ch) for ch in _norm(basis)))


def _short_name(name: str) -> str:
    """The distinctive end of a format's name, from its last 格式 on: 格式（试行） for the trial format."""
    plain = name.strip().strip("《》")
    return plain[plain.rfind("格式") :] if "格式" in plain else plain


def _outdated(ctx: Context) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, the string as shown) for the formats superseded before the report year."""
    year = ctx.report.year
    current = _norm(ctx.fmt.name)
    out = []
    for f in FORMATS.values():
        last = f.years[1]
        if f.id == ctx.fmt.id or last is None or year <= last:
            continue
        out.append((_citation(f.basis), f.basis))
        short = _short_name(f.name)
        if short and _norm(short) not in current:
            out.append((re.compile(re.escape(_norm(short))), short))
    return out


@rule(N_W8, Severity.WARNING)
def outdated_basis(ctx: Context) -> Iterator[Finding]:
    """Keyword rule. The report cites the document or the name of a format superseded before its
    year (for a 2021+ report: the trial format's basis, the 2019 notice no. 60, with any brackets, or
    格式（试行）). Both strings are read from ``FORMATS``. Title, preamble and all six sections are
    searched, one finding per place; a report that itself uses the old tables gets F-E1 instead."""
    patterns = _outdated(ctx)
    if not patterns:
        return
    title = _norm(ctx.report.title)
    places = [(PREAMBLE, title + "\n" + _text(ctx, PREAMBLE))]
    places += [(sid, _text(ctx, sid)) for sid in SECTION_IDS]
    in_force = format_for_year(ctx.report.year)
    for where, text in places:
        cited = [shown for pattern, shown in patterns if pattern.search(text)]
        if not cited:
            continue
        place = "前言" if where == PREAMBLE else f"“{_title(ctx, where)}”"
        yield ctx.find(
            [],
            f"{place}引用了已停止使用的{'、'.join(f'“{c}”' for c in cited)}；{ctx.report.year}年度报告"
            f"应依据{in_force.basis}印发的{in_force.name}",
            section=where,
        )


# -- N-W9 / N-W10 years and statistics period ------------------------------------------------------

_DASH = r"[至到\-—–~〜]"
# the period as written in text; the second year is often left out (seed 004: 2020年1月1日至12月31日)
_PERIOD = re.compile(r"(\d{4})年0?1月0?1日(?:起)?" + _DASH + r"(?:(\d{4})年)?12月31日")
_PERIOD_FULL = re.compile(r"(?:自|从)?(\d{4})年0?1月0?1日(?:起)?" + _DASH + r"(\d{4})年12月31日(?:止)?")
_STATS_YEAR = (
    re.compile(r"统计(?:期限|期间|时间|时限|区间|周期|范围|年度)[^。!?;,]{0,8}?((?:19|20|21)\d\d)年"),
    re.compile(r"本报告[^。!?;,\d]{0,12}?(?:数据|统计)[^。!?;,\d]{0,12}?((?:19|20|21)\d\d)年"),
)
_REPORT_YEAR = re.compile(r"((?:19|20|21)\d\d)年度?政府信息公开(?:工作)?(?:年度)?报告")
_PLAN_HEADING = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]+)?((?:19|20|21)\d\d)年度?的?(?:工作)?(?:计划|打算|安排|思路)(?=$|[:。])"
)


@rule(N_W9, Severity.WARNING)
def years_consistent(ctx: Context) -> Iterator[Finding]:
    """Pattern rule, conservative. Flags a year other than the report year in: the title (every
    YYYY年); the statistics period field; in the preamble and sections only the period pattern
    YYYY年1月1日至YYYY年12月31日, 统计期限/期间/时间…YYYY年, 本报告…数据/统计…YYYY年, and (preamble
    only, not in sentences about 上年) YYYY年(度)政府信息公开工作年度报告. Other years in the text are
    left alone (they often name last year or a document's date). In 五 and 六, a heading such as
    （二）YYYY年工作计划 must name the following year (seed 003 names the report year)."""
    year = ctx.report.year
    title = _norm(ctx.report.title)
    wrong = sorted({int(y) for y in _YEAR.findall(title)} - {year})
    if wrong:
        yield ctx.find(
            [],
            f"标题中的年份{'、'.join(f'{y}年' for y in wrong)}与报告年度{year}年不一致",
            section=PREAMBLE,
        )
    period = _norm(ctx.report.period)
    wrong = sorted({int(y) for y in _YEAR.findall(period)} - {year})
    if wrong:
        yield ctx.find(
            [],
            f"统计期间“{period}”中的年份{'、'.join(f'{y}年' for y in wrong)}与报告年度{year}年不一致",
            section=PREAMBLE,
        )
    for where in (PREAMBLE, *SECTION_IDS):
        bad: dict[int, str] = {}
        for s in _sentences(ctx, where):
            for m in _PERIOD.finditer(s):
                for y in m.groups():
                    if y:
                        bad.setdefault(int(y), m.group(0))
            for pattern in _STATS_YEAR:
                for m in pattern.finditer(s):
                    bad.setdefault(int(m.group(1)), m.group(0))
            if where == PREAMBLE and not _has(s, ("上年", "上一年", "去年")):
                for m in _REPORT_YEAR.finditer(s):
                    bad.setdefault(int(m.group(1)), m.group(0))
        bad.pop(year, None)
        if bad:
            place = "前言" if where == PREAMBLE else f"“{_title(ctx, where)}”"
            shown = "；".join(f"“{_clip(snippet)}”" for snippet in list(bad.values())[:2])
            yield ctx.find(
                [],
                f"{place}中的{'、'.join(f'{y}年' for y in bad)}与报告年度{year}年不一致：{shown}",
                section=where,
            )
    for where in ("problems", "other"):
        for para in _paragraphs(ctx, where):
            m = _PLAN_HEADING.match(_norm(para))
            if m and int(m.group(1)) != year + 1:
                yield ctx.find(
                    [],
                    f"“{_title(ctx, where)}”中的“{_clip(m.group(0))}”应为下一年度（{year + 1}年）的工作计划",
                    section=where,
                )


@rule(N_W10, Severity.WARNING)
def statistics_period(ctx: Context) -> Iterator[Finding]:
    """The statistics period is given and reads YYYY年1月1日至YYYY年12月31日 (至 may also be 到 or a
    dash; 自…起/止 are accepted). When the period field is empty, a period written in the preamble
    text counts (one without its second year, YYYY年1月1日至12月31日, is flagged as incomplete). The
    years themselves are N-W9's business."""
    y = ctx.report.year
    raw = ctx.report.period
    period = _norm(raw)
    if not period:
        written = _PERIOD.search(_text(ctx, PREAMBLE))
        if written is None:
            yield ctx.find([], f"未写明统计期间（应为“{y}年1月1日至{y}年12月31日”）", section=PREAMBLE)
        elif written.group(2) is None:
            yield ctx.find(
                [],
                f"前言中的统计期间“{written.group(0)}”不完整，应写为“{y}年1月1日至{y}年12月31日”",
                section=PREAMBLE,
            )
        return
    if not _PERIOD_FULL.fullmatch(period.rstrip("。")):
        yield ctx.find(
            [],
            f"统计期间“{_clip(raw.strip(), 40)}”不规范，应写为“{y}年1月1日至{y}年12月31日”",
            section=PREAMBLE,
        )


# -- N-W11 contact details -------------------------------------------------------------------------

_PHONE = re.compile(r"电话|(?<!\d)(?:0\d{2,3}[-—–]?)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
_ADDRESS = re.compile(r"(?<!箱)(?<!件)(?<!网)地址|地点位于")


@rule(N_W11, Severity.WARNING)
def contact_details(ctx: Context) -> Iterator[Finding]:
    """Contact details: a phone number or an address is given, in the contact fields or (for
    imported reports) in the preamble text (电话 or a phone number; 地址, not 邮箱地址/邮件地址/网址).
    Warns only when neither is there: a preamble giving an office and its phone (seed 000) is fine."""
    contact = ctx.report.contact
    preamble = _text(ctx, PREAMBLE)
    phone = _norm(contact.phone) or _PHONE.search(preamble)
    address = _norm(contact.address) or _ADDRESS.search(preamble)
    if not phone and not address:
        yield ctx.find([], "前言未写明联系电话或联系地址，公众无法就本报告进行咨询", section=PREAMBLE)


# -- N-W12 date -----------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _report_date(ctx: Context) -> dt.date | None:
    """The 成文日期, or for an imported report a date written in the signature line."""
    if ctx.report.date is not None:
        return ctx.report.date
    m = _DATE.search(_norm(ctx.report.signature))
    if m:
        try:
            return dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
    return None


def _deadline(ctx: Context) -> dt.date | None:
    year = ctx.report.year + 1
    kind = ctx.report.body.kind
    for candidate in (ctx.deadline, STATUTORY_DEADLINES.get(kind), DEFAULT_DEADLINE):
        if isinstance(candidate, dt.date):
            return candidate
        try:
            month, day = candidate  # type: ignore[misc]
            return dt.date(year, int(month), int(day))
        except (TypeError, ValueError):
            continue
    return None


def publication_dates(
    report: Report, deadline: tuple[int, int] | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """The report's closing date and the deadline N-W12 measures it against, for a county's
    review that lists every unit's publication status beside its findings."""
    ctx = Context(report, deadline)
    return _report_date(ctx), _deadline(ctx)


@rule(N_W12, Severity.WARNING)
def publication_date(ctx: Context) -> Iterator[Finding]:
    """The date is not before 1 January of the following year (the statistics cannot be final
    before the year ends) and not after the deadline: the clerk's configured local deadline if given,
    3月31日 for a 县级人民政府's own report (条例 第四十九条), otherwise DEFAULT_DEADLINE (1月31日).
    No date at all is flagged only in a report started from last year's (the roll-forward clears
    last year's date, and the printed report would end without one); elsewhere it is optional."""
    date = _report_date(ctx)
    if date is None:
        if ctx.report.previous is not None:
            yield ctx.find(
                [],
                "未填写成文日期：导出的报告落款下将没有日期，请在“基本信息”中填写（上年的日期未结转）",
                section=SIGNATURE,
            )
        return
    year = ctx.report.year
    shown = date_text(date)
    try:
        year_end = dt.date(year + 1, 1, 1)
    except (ValueError, OverflowError):  # a damaged file's year: past 9999, or past a C long
        return
    if date < year_end:
        yield ctx.find(
            [],
            f"成文日期{shown}早于{year + 1}年1月1日，{year}年度的统计数据尚不完整，请在年度结束后定稿",
            section=SIGNATURE,
        )
        return
    deadline = _deadline(ctx)
    if deadline is not None and date > deadline:
        yield ctx.find(
            [],
            f"成文日期{shown}晚于发布期限{date_text(deadline)}",
            section=SIGNATURE,
        )


# -- N-W13 similarity with last year ---------------------------------------------------------------


_NON_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")


def similarity_text(text: str) -> str:
    """Text as compared: normalised, only letters and digits, every digit as 0 (a changed year or
    number does not make a copied sentence new)."""
    return _DIGIT.sub("0", _NON_WORD.sub("", _norm(text)))


@lru_cache(maxsize=16)
def _grams(previous: str, n: int) -> tuple[str, frozenset[str]]:
    """Last year's section as compared, and its n-grams: built once for all its paragraphs."""
    b = similarity_text(previous)
    return b, frozenset(b[i : i + n] for i in range(len(b) - n + 1))


def copied_share(text: str, previous: str, n: int = SIMILARITY_NGRAM) -> float:
    """The share of ``text``'s characters that lie in a run of ``n`` characters also found in
    ``previous`` (character n-grams; linear in the lengths, about 1 ms for two sections of 3000 characters)."""
    a, (b, grams) = similarity_text(text), _grams(previous, n)
    if len(a) < n or len(b) < n:
        return 1.0 if a and a == b else 0.0
    covered = 0
    reach = 0  # first position not yet counted
    for i in range(len(a) - n + 1):
        if a[i : i + n] in grams:
            covered += i + n - max(i, reach)
            reach = i + n
    return covered / len(a)


PARAGRAPH_MIN_CHARS = 40  # shorter paragraphs (a heading, one sentence) are too short to tell


def _section_paras(sections: object, where: str) -> list[Paragraph]:
    section = sections.get(where) if isinstance(sections, dict) else None
    items = section.paragraphs if isinstance(section, SectionText) else []
    return [p for p in items if isinstance(p, Paragraph)]


def _paras(ctx: Context, where: str) -> list[Paragraph]:
    """The paragraphs of a section (or of the preamble); a missing or damaged part has none."""
    if where == PREAMBLE:
        items = ctx.report.preamble if isinstance(ctx.report.preamble, list) else []
        return [p for p in items if isinstance(p, Paragraph)]
    return _section_paras(ctx.report.sections, where)


@lru_cache(maxsize=4096)
def _chars(text: str) -> int:
    """Meaningful characters of a text, kept per text: the checks run after every keystroke and
    most paragraphs have not changed."""
    return _count(_norm(text))


def _is_prompt(text: str) -> bool:
    return any(p in text for p in PROMPTS)


@rule(N_W13, Severity.WARNING)
def similar_to_last_year(ctx: Context) -> Iterator[Finding]:
    """一, 五 and 六, paragraph by paragraph, compared with the same section of last year's report:
    a body paragraph of at least PARAGRAPH_MIN_CHARS characters of which more than
    SIMILARITY_THRESHOLD (70 %) is copied (runs of SIMILARITY_NGRAM characters found in last year's
    text; digits and figures are ignored, so a paragraph with only the years and numbers changed
    still counts as copied) is counted. One finding per section names how many paragraphs are
    still copied and which, so the count goes down as the clerk rewrites them; clicking it goes to
    the first. A prompt giedit inserted is N-E2's, not counted here. Copying from another body's
    report needs the other reports: the county's review (``giedit.review.crossunit``) reports it
    under this id."""
    prev = ctx.report.previous
    if not isinstance(prev, PreviousYear):
        return
    for sid in NARRATIVE_SECTIONS:
        old_text = "".join(_norm(p.text) for p in _section_paras(prev.sections, sid))
        if _chars(old_text) < SIMILARITY_MIN_CHARS:
            continue
        copied = [
            i
            for i, p in enumerate(_paras(ctx, sid))
            if p.level is Level.BODY
            and _chars(p.text) >= PARAGRAPH_MIN_CHARS
            and not _is_prompt(p.text)
            and copied_share(p.text, old_text) > SIMILARITY_THRESHOLD
        ]
        if copied:
            which = "、".join(str(i + 1) for i in copied[:8]) + ("等" if len(copied) > 8 else "")
            yield ctx.find(
                [],
                f"“{_title(ctx, sid)}”有 {len(copied)} 段与上年报告基本相同（第{which}段），"
                "请按本年度实际情况改写，避免内容雷同",
                section=sid,
                place=(copied[0], 0, 0),
            )


# -- N-W14 empty sections / N-W15 carried sections -------------------------------------------------


@rule(N_W14, Severity.WARNING)
def too_short(ctx: Context) -> Iterator[Finding]:
    """一 with fewer than 50, 五 with fewer than 20 meaningful characters (punctuation and spaces not
    counted), or an empty 六."""
    for sid, minimum in MIN_CHARS.items():
        n = _count(_text(ctx, sid))
        if n >= minimum:
            continue
        title = _title(ctx, sid)
        what = f"“{title}”内容为空" if n == 0 else f"“{title}”内容过少（仅{n}字）"
        if sid == "overview":
            hint = "请写明本年度政府信息公开工作的总体情况"
        elif sid == "problems":
            hint = "请具体写明存在的主要问题和改进措施"
        elif ctx.report.year >= FEE_RULES_FROM:
            hint = "没有需要报告的事项也应写明，并说明信息处理费的收取情况"
        else:
            hint = "没有需要报告的事项也应写明“无”"
        yield ctx.find([], f"{what}，{hint}", section=sid)


@rule(N_W15, Severity.WARNING)
def carried_unedited(ctx: Context) -> Iterator[Finding]:
    """A section carried from last year's report is still marked 待修改 (``SectionText.carried``)."""
    for sid in SECTION_IDS:
        if ctx.report.text_of(sid).carried:
            yield ctx.find([], f"“{_title(ctx, sid)}”沿用上年报告内容，尚未修改（待修改）", section=sid)


# -- N-E2 placeholders / N-W16 last year's numbers and numbers that disagree with the tables --------

_LITERAL_BLANK = figures.BLANK


def _placeholders(
    ctx: Context, p: Paragraph
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """In a paragraph's text: the prompts giedit wrote, and the gaps (a figure without a value, a
    figure naming no cell of the format, a □), each as (start, end, what it is)."""
    prompts: list[tuple[int, int, str]] = []
    gaps: list[tuple[int, int, str]] = []
    text = p.text
    starts = [i for marker in PROMPTS if (i := text.find(marker)) >= 0]
    if starts:
        start = min(starts)
        end = next((start + m.end() for m in re.finditer(r"[。！？!?]", text[start:])), len(text))
        prompts.append((start, end, _clip(text[start:end], 40)))
    refs = iter(figures.figure_refs(p))
    for i, ch in enumerate(text):
        if ch == FIGURE:
            ref = next(refs)
            if ref is None or figures.resolve(ctx.fmt, ref) is None:
                gaps.append((i, i + 1, "本报告格式中没有的表格数字"))
            elif figures.shown(ctx.report, ref) == figures.BLANK:
                gaps.append((i, i + 1, figures.label(ctx.report, ref)))
        elif ch == _LITERAL_BLANK:
            gaps.append((i, i + 1, "待填写的空白"))
    return prompts, gaps


def _where(ctx: Context, where: str, index: int) -> str:
    return ("前言" if where == PREAMBLE else f"“{_title(ctx, where)}”") + f"第{index + 1}段"


@rule(N_E2, Severity.ERROR)
def placeholders_left(ctx: Context) -> Iterator[Finding]:
    """Text giedit inserted as a prompt or placeholder is still in the report: a 【待修改】 prompt or
    any other template prompt of the roll-forward (``report.PROMPTS``), a figure with no
    value (its cells blank or invalid; printed as □), a figure naming a cell this format does not
    have, or a □ gap. One finding per paragraph, placed on the first placeholder. An error: a
    final export is refused, a draft is still exported (stamped 草稿)."""
    for where in (PREAMBLE, *SECTION_IDS):
        for i, p in enumerate(_paras(ctx, where)):
            prompts, gaps = _placeholders(ctx, p)
            if prompts:
                start, end, shown = prompts[0]
                message = f"{_where(ctx, where, i)}仍是待修改的提示文字「{shown}」，请改写为本年度的实际情况"
            elif gaps:
                start, end, name = gaps[0]
                more = f"等 {len(gaps)} 处" if len(gaps) > 1 else ""
                message = (
                    f"{_where(ctx, where, i)}有待修改的空白“□”（{name}{more}）："
                    "引用的表格数字尚未填写，填好表格后自动显示"
                )
            else:
                continue
            yield ctx.find([], message, section=where, place=(i, start, end))


def wording_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as the vocabulary splits them."""
    bounds = [0, *(m.end() for m in re.finditer(r"[。！？!?]", text))]
    if bounds[-1] < len(text):
        bounds.append(len(text))
    return list(itertools.pairwise(bounds))


def _snippet(text: str, reading: wording.Reading) -> str:
    """The words of a reading: from the start of its clause to its end, e.g. 新收政府信息公开申请30件."""
    start = max((m.end() for m in re.finditer(r"[，,；;：:。！？!?（(、]", text[: reading.start])), default=0)
    if reading.kind == "zero":
        start = reading.start
    return _clip(text[start : reading.end], 24)


def _covered(ctx: Context, cells: Iterable[str], cache: dict[str, set[tuple[str | None, str]]]) -> set:
    """(section, cell) that N-W1, N-W2 or N-W3 already report among ``cells``: N-W16 does not say
    it again. Only the rule watching those cells runs, once per check."""
    out: set[tuple[str | None, str]] = set()
    for cid in cells:
        name = _WATCHED.get(cid.split(".")[0])
        if name is None:
            continue
        if name not in cache:
            cache[name] = {(f.section, c) for f in _WATCHERS[name](ctx) for c in f.cells}
        out |= cache[name]
    return out


@rule(N_W16, Severity.WARNING)
def last_year_numbers(ctx: Context) -> Iterator[Finding]:
    """Numbers of the prose that may state last year's facts, or disagree with the tables:

    - a number carried from last year's report that no table cell could take and the clerk has not
      yet edited or confirmed (``Paragraph.unconfirmed``): 上年数字「412条」尚未核实;
    - a plain number (or 无/未 + the words of a cell: a claim of 0) whose words name a table cell
      (the vocabulary of ``giedit.model.wording``: 新收…申请, 上年结转, 办结 …) but that differs
      from the cell's value. Only exact numbers in sentences about the report year are compared,
      and a number of table 三 only where the text is about 申请 (收到群众留言58件，已全部办结 is not);
      a number that N-W1/N-W2/N-W3 already report is left to them. A figure is right by
      construction and never compared. Every contradiction is reported, not only a paragraph's
      first: 「新收申请30件，办结28件，其中予以公开17件」 may be wrong three times;
    - a denial naming no row (「无结转」, 「未废止」) against every non-zero cell it covers."""
    covered: dict[str, set[tuple[str | None, str]]] = {}  # what N-W1..N-W3 report, when asked
    year = ctx.report.year
    for where in (PREAMBLE, *SECTION_IDS):
        for i, p in enumerate(_paras(ctx, where)):
            marks = [m for m in p.unconfirmed if 0 <= m.start < m.end <= len(p.text)]
            if marks:
                shown = "".join(f"「{p.text[m.start : m.end]}」" for m in marks[:4])
                more = f"等 {len(marks)} 处" if len(marks) > 4 else ""
                yield ctx.find(
                    [],
                    f"{_where(ctx, where, i)}：上年数字{shown}{more}尚未核实，请改为本年度的数字或确认沿用",
                    section=where,
                    place=(i, marks[0].start, marks[0].end),
                )
            marked = [(m.start, m.end) for m in marks]
            readings = wording.read(ctx.fmt.id, p.text, figures.figure_refs(p), year, _table_of(ctx, where))
            denied = [(r.start, r.end) for r in readings if r.kind == "zero"]  # read: not read again
            for r in readings:
                if r.kind == "figure" or r.ref is None or not r.bindable or r.number is None:
                    continue
                if any(a < r.end and r.start < b for a, b in marked):
                    continue
                target = figures.resolve(ctx.fmt, r.ref)
                value = figures.value(ctx.report, r.ref)
                if target is None or value is None or abs(value - r.number) < 1e-9:
                    continue
                if any((where, c) in _covered(ctx, target.cells, covered) for c in target.cells):
                    continue
                yield ctx.find(
                    target.cells,
                    f"{_where(ctx, where, i)}「{_snippet(p.text, r)}」与表格{target.name}（{fmt_num(value)}）不符",
                    section=where,
                    place=(i, r.start, r.end),
                )
                denied.append((r.start, r.end))
            yield from _bare_denials(ctx, where, i, p, year, denied + marked)


def _table_of(ctx: Context, where: str) -> str | None:
    """The table of a section (the subject of its paragraphs, for the vocabulary), if any."""
    return next((s.table for s in ctx.fmt.sections if s.id == where), None)


# N-W16, denials that name no row: 「无结转」 (neither carried in nor carried over), 「未废止」 (no
# document of any kind). The cells they deny are found by their labels in the format definition:
# the rows whose label says 结转, the columns whose label says 废止. 尚未废止的文件 (documents still
# in force) denies nothing.
_BARE_DENIAL = re.compile(r"(?<!尚)(?:没有|未|无|没)(?:任何)?(?:申请)?(结转|废止)(?![的下至到])")


@lru_cache(maxsize=8)
def _denied_cells(format_id: str, word: str) -> tuple[str, ...]:
    """The cells a bare denial of ``word`` says are 0: every row labelled with it (its total
    column), or every cell of a column labelled with it."""
    fmt = FORMATS[format_id]
    out: list[str] = []
    for table in fmt.tables:
        layout = fmt.layout(table.id)
        totals = figures.total_columns(format_id, table.id)
        for row in layout.rows:
            if word in row.label:
                out.extend(c.id for c in layout.cells if c.row.id == row.id and c.column.id in totals)
            else:
                out.extend(c.id for c in layout.cells if c.row.id == row.id and word in c.column.label)
    return tuple(out)


def _bare_denials(
    ctx: Context, where: str, i: int, p: Paragraph, year: int, readings: list[tuple[int, int]]
) -> Iterator[Finding]:
    """N-W16 for 「无结转」/「未废止」 without a row the vocabulary could bind: one finding per
    non-zero cell the denial covers. A denial already read (「无上年结转」) is not read again."""
    text = wording.normalise(p.text)
    for a, b in wording_sentences(text):
        if any(int(y) != year for y in _YEAR.findall(text[a:b])):
            continue
        for m in _BARE_DENIAL.finditer(text, a, b):
            if any(x < m.end() and m.start() < y for x, y in readings):
                continue
            for cid in _denied_cells(ctx.fmt.id, m.group(1)):
                value = _num(ctx, cid)
                if value:
                    yield ctx.find(
                        [cid],
                        f"{_where(ctx, where, i)}「{m.group(0)}」与表格{ctx.label(cid)}（{fmt_num(value)}）不符",
                        section=where,
                        place=(i, m.start(), m.end()),
                    )


# The narrative rules that compare a number of the text with a table, by the table they watch.
_WATCHERS = {
    N_W1: requests_text_matches_table,
    N_W2: appeals_text_matches_table,
    N_W3: normative_text_matches_table,
}
_WATCHED = {"requests": N_W1, "appeals": N_W2, "active": N_W3}
