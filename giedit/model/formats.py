"""The statutory format versions, written down as data (spec: shared/spec/statutory-format.md).

This module is the only place in giedit where an official label is spelled out. Everything else
refers to sections, tables, rows, columns and cells by id. Pieces shared by both versions are
defined once and reused; a future version is one more ``Format(...)`` value in ``FORMATS``.

Cell ids are ``<table>.<row>.<column>``, e.g. ``requests.new.natural``.
"""

from __future__ import annotations

from giedit.model.rule_ids import T2_E1, T2_E2, T2_E3, T2_E4, T3_E1, T3_E2, T3_E3
from giedit.model.schema import (
    Block,
    CarryOver,
    CellKind,
    Column,
    ColumnEquation,
    ColumnSum,
    Documents,
    Format,
    HeaderCell,
    Row,
    RowSum,
    Section,
    Table,
)

# -- sections (identical in both versions, spec §2.1) ------------------------------------------

SECTION_IDS = ("overview", "active", "requests", "appeals", "problems", "other")
SECTIONS = (
    Section("overview", "一、总体情况"),
    Section("active", "二、主动公开政府信息情况", table="active"),
    Section("requests", "三、收到和处理政府信息公开申请情况", table="requests"),
    Section("appeals", "四、政府信息公开行政复议、行政诉讼情况", table="appeals"),
    Section("problems", "五、存在的主要问题及改进情况"),
    Section("other", "六、其他需要报告的事项"),
)

# -- table 二 主动公开 (spec §3) -----------------------------------------------------------------

ITEM_LABEL = "信息内容"
ART20 = {n: f"第二十条第（{n}）项" for n in ("一", "五", "六", "八", "九")}

MADE = Column("made", "本年新制作数量", words=("新制作", "制作"))
ISSUED = Column("issued", "本年制发件数", words=("制发", "制定", "出台", "印发"))
FEE_AMOUNT = Column("fee_amount", "本年收费金额（单位：万元）", CellKind.MONEY, unit="万元")
PREV_ITEMS = Column("prev_items", "上一年项目数量")
CHANGE = Column("change", "本年增/减", CellKind.SIGNED)
DECISIONS_2019 = Column("decisions", "处理决定数量", words=("处理决定",))
DECISIONS_2021 = Column("decisions", "本年处理决定数量", words=("处理决定",))
RULES = Row("rules", "规章")
LICENSING = Row("licensing", "行政许可")
PENALTY = Row("penalty", "行政处罚")
ENFORCEMENT = Row("enforcement", "行政强制")
FEES = Row("fees", "行政事业性收费")


def _active(documents: Block, others: tuple[Block, ...], **columns: Column) -> Table:
    """Table 二: its first block counts documents; ``columns`` say what each of its columns is."""
    meaning = Documents(tuple(r.id for r in documents.rows), **{k: c.id for k, c in columns.items()})
    return Table(
        "active",
        "active",
        (documents, *others),
        value_width=3,
        documents=meaning,
        label_weights=(3.2,),
        value_weight=2.0,
    )


PUBLISHED = Column("published", "本年新公开数量", words=("新公开",))
PUBLIC_TOTAL = Column("public_total", "对外公开总数量", words=("对外公开总数",))
REPEALED = Column("repealed", "本年废止件数", words=("废止",))
IN_FORCE = Column("in_force", "现行有效件数", words=("现行有效",))

ACTIVE_2019 = _active(
    Block((MADE, PUBLISHED, PUBLIC_TOTAL), (RULES, Row("normative", "规范性文件")), ART20["一"], ITEM_LABEL),
    (
        Block(
            (PREV_ITEMS, CHANGE, DECISIONS_2019),
            (LICENSING, Row("other_services", "其他对外管理服务事项")),
            ART20["五"],
            ITEM_LABEL,
        ),
        Block((PREV_ITEMS, CHANGE, DECISIONS_2019), (PENALTY, ENFORCEMENT), ART20["六"], ITEM_LABEL),
        Block((PREV_ITEMS, CHANGE), (FEES,), ART20["八"], ITEM_LABEL),
        Block(
            (
                Column("projects", "采购项目数量", words=("采购项目", "项目")),
                Column(
                    "amount",
                    "采购总金额",
                    CellKind.MONEY,
                    units=("元", "万元"),
                    words=("采购金额", "总金额", "金额"),
                ),
            ),
            (Row("procurement", "政府集中采购"),),
            ART20["九"],
            ITEM_LABEL,
        ),
    ),
    made=MADE,
    published=PUBLISHED,
    public_total=PUBLIC_TOTAL,
)

ACTIVE_2021 = _active(
    Block((ISSUED, REPEALED, IN_FORCE), (RULES, Row("normative", "行政规范性文件")), ART20["一"], ITEM_LABEL),
    (
        Block((DECISIONS_2021,), (LICENSING,), ART20["五"], ITEM_LABEL),
        Block((DECISIONS_2021,), (PENALTY, ENFORCEMENT), ART20["六"], ITEM_LABEL),
        Block((FEE_AMOUNT,), (FEES,), ART20["八"], ITEM_LABEL),
    ),
    made=ISSUED,
    removed=REPEALED,
    stock=IN_FORCE,
)

# -- table 三 申请 (spec §4) ---------------------------------------------------------------------

APPLICANT_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("charity", "社会公益组织"),
    Column("legal", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)
REQUESTS_HEADER = (
    HeaderCell(
        0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3
    ),
    HeaderCell(0, 3, "申请人情况", colspan=7),
    HeaderCell(1, 3, column="natural", rowspan=2),
    HeaderCell(1, 4, "法人或其他组织", colspan=5),
    HeaderCell(1, 9, column="total", rowspan=2),
    *(
        HeaderCell(2, 4 + i, column=c)
        for i, c in enumerate(("business", "research", "charity", "legal", "other"))
    ),
)
OTHER_HANDLING = "（六）其他处理"


def _results(other: Row) -> Row:
    return Row(
        "result",
        "三、本年度办理结果",
        (
            Row("granted", "（一）予以公开"),
            Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Row(
                "withheld",
                "（三）不予公开",
                (
                    Row("withheld_secret", "1.属于国家秘密"),
                    Row("withheld_law", "2.其他法律行政法规禁止公开"),
                    Row("withheld_safety", "3.危及“三安全一稳定”"),
                    Row("withheld_third_party", "4.保护第三方合法权益"),
                    Row("withheld_internal", "5.属于三类内部事务信息"),
                    Row("withheld_process", "6.属于四类过程性信息"),
                    Row("withheld_enforcement", "7.属于行政执法案卷"),
                    Row("withheld_query", "8.属于行政查询事项"),
                ),
            ),
            Row(
                "unable",
                "（四）无法提供",
                (
                    Row("unable_not_held", "1.本机关不掌握相关政府信息"),
                    Row("unable_create", "2.没有现成信息需要另行制作"),
                    Row("unable_unclear", "3.补正后申请内容仍不明确"),
                ),
            ),
            Row(
                "refused",
                "（五）不予处理",
                (
                    Row("refused_petition", "1.信访举报投诉类申请"),
                    Row("refused_repeat", "2.重复申请"),
                    Row("refused_publication", "3.要求提供公开出版物"),
                    Row("refused_mass", "4.无正当理由大量反复申请"),
                    Row("refused_confirm", "5.要求行政机关确认或重新出具已获取信息"),
                ),
            ),
            other,
            Row("total", "（七）总计", short="第三项（七）总计"),
        ),
    )


def _requests(other: Row) -> Table:
    rows = (
        Row("new", "一、本年新收政府信息公开申请数量", short="第一项"),
        Row("carried_in", "二、上年结转政府信息公开申请数量", short="第二项"),
        _results(other),
        Row("carried_out", "四、结转下年度继续办理", short="第四项"),
    )
    part_cols = tuple(c.id for c in APPLICANT_COLUMNS[:-1])
    return Table(
        "requests",
        "requests",
        (Block(APPLICANT_COLUMNS, rows, header=REQUESTS_HEADER, header_rows=3),),
        value_width=7,
        sums=(
            RowSum(T2_E1, "total", part_cols),
            ColumnSum(T2_E2, "total", "result"),
            ColumnEquation(T2_E3, ("new", "carried_in"), ("total", "carried_out")),
        ),
        carries=(CarryOver(T2_E4, "carried_in", "carried_out"),),
        # The first label column only holds 三、本年度办理结果 stacked one character a line; giving
        # its room to the row labels keeps them on one line and the printed table on one page.
        label_weights=(0.6, 1.6, 4.4),
        value_weight=1.0,
    )


REQUESTS_2019 = _requests(Row("other_handling", OTHER_HANDLING))
REQUESTS_2021 = _requests(
    Row(
        "other_handling",
        OTHER_HANDLING,
        (
            Row("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            Row("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            Row("other_misc", "3.其他"),
        ),
    )
)

# -- table 四 复议诉讼 (spec §5, identical in both versions) --------------------------------------

OUTCOMES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
APPEAL_GROUPS = (
    ("review", "行政复议"),
    ("direct_suit", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
)
APPEAL_COLUMNS = tuple(Column(f"{g}_{o}", label) for g, _ in APPEAL_GROUPS for o, label in OUTCOMES)
APPEALS_HEADER = (
    HeaderCell(0, 0, APPEAL_GROUPS[0][1], colspan=5),
    HeaderCell(0, 5, "行政诉讼", colspan=10),
    *(HeaderCell(1, i, column=c.id, rowspan=2) for i, c in enumerate(APPEAL_COLUMNS[:5])),
    HeaderCell(1, 5, APPEAL_GROUPS[1][1], colspan=5),
    HeaderCell(1, 10, APPEAL_GROUPS[2][1], colspan=5),
    *(HeaderCell(2, 5 + i, column=c.id) for i, c in enumerate(APPEAL_COLUMNS[5:])),
)
APPEALS = Table(
    "appeals",
    "appeals",
    (Block(APPEAL_COLUMNS, (Row("cases", ""),), header=APPEALS_HEADER, header_rows=3),),
    value_width=15,
    sums=tuple(
        RowSum(rule, f"{g}_total", tuple(f"{g}_{o}" for o, _ in OUTCOMES[:-1]))
        for rule, (g, _) in zip((T3_E1, T3_E2, T3_E3), APPEAL_GROUPS, strict=True)
    ),
)

# -- the versions --------------------------------------------------------------------------------

FORMAT_2019 = Format(
    id="2019",
    name="《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    basis="国办公开办函〔2019〕60号",
    years=(2019, 2020),
    sections=SECTIONS,
    tables=(ACTIVE_2019, REQUESTS_2019, APPEALS),
    markers=(MADE.label, PREV_ITEMS.label, ART20["九"]),
)

FORMAT_2021 = Format(
    id="2021",
    name="《中华人民共和国政府信息公开工作年度报告格式》",
    basis="国办公开办函〔2021〕30号",
    years=(2021, None),
    sections=SECTIONS,
    tables=(ACTIVE_2021, REQUESTS_2021, APPEALS),
    markers=(ISSUED.label, DECISIONS_2021.label, FEE_AMOUNT.label),
)

FORMATS: dict[str, Format] = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}


def get_format(format_id: str) -> Format:
    """The format definition with this id; ``KeyError`` for an unknown one."""
    return FORMATS[format_id]


def format_for_year(year: int) -> Format:
    """The format in force for a report year (F-E1); years before 2019 get the trial format."""
    for f in sorted(FORMATS.values(), key=lambda f: f.years[0], reverse=True):
        if year >= f.years[0]:
            return f
    return FORMAT_2019
