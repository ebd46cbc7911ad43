"""A county's folder of unit reports for the review tests, with known problems planted.

Units are the shipped samples (moved to the review year; the 2020 ones keep the 2019 trial
tables, so the folder mixes both formats as real counties' folders do) and generated reports
whose tables are consistent (every sum and 勾稽关系 holds) and whose narrative is unique to the
unit. Some are written as .giedit, some as Word files built the way clerks' files are. Planted:
wrong totals (the rule each must trip is recorded), a blank cell, a copy of another unit's
report with only the name changed, a section copied from another unit, an unreadable file, a
file that is no report, and a roster name with no report.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from docx_builder import Style, build_docx
from paths import SAMPLES

from giedit.checks import compute_totals
from giedit.export.docx_writer import build_docx as export_docx
from giedit.model import storage
from giedit.model.edits import is_input
from giedit.model.report import Body, BodyKind, Paragraph, Report, new_report
from giedit.model.schema import CellKind
from giedit.model.values import Money

YEAR = 2025
FIRST = "青白红金银铁石松柏桃李杏梅竹兰菊东西南北"
SECOND = "山水河湖溪泉林田园坪岭峰桥港湾洲城塘"
TEXT_CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
EXCEPTED = {"F-E1"}  # rules the 2019-format samples trip in a 2025 folder (an outdated template)


@dataclass
class Folder:
    root: Path
    roster: Path
    reports: dict[str, Report] = field(default_factory=dict)  # relative file -> report as written
    planted: dict[str, str] = field(default_factory=dict)  # relative file -> rule it must trip
    blank: tuple[str, str] | None = None  # (file, cell) left blank
    copy_of: tuple[str, str] = ("", "")  # (copy, original): same tables, original's name in text
    section_copy: tuple[str, str, str] = ("", "", "")  # (copier, source, section id)
    unreadable: str = ""
    foreign: str = ""
    missing: str = ""
    outdated: list[str] = field(default_factory=list)  # 2019-format units (F-E1)


def _name(i: int) -> str:
    a, b = FIRST[i % len(FIRST)], SECOND[(i // len(FIRST)) % len(SECOND)]
    c = FIRST[(i * 7 + 3) % len(FIRST)]
    return f"{a}{b}{c}镇人民政府"


def _babble(rng: random.Random, n: int) -> str:
    """Text no other unit shares: random common 汉字 in clauses (keeps every unit's text unique)."""
    out = []
    for _ in range(n // 12):
        out.append("".join(rng.choice(TEXT_CHARS) for _ in range(11)) + rng.choice("，。"))
    return "".join(out)


def consistent(report: Report, rng: random.Random) -> None:
    """Random figures for every input cell, then every total computed and 一+二 = 三（七）+四 made
    true per column (by raising 一 where 四 would turn negative)."""
    fmt = report.definition
    for cid, cell in fmt.cells.items():
        if not is_input(report, cid):
            continue
        if cell.kind is CellKind.MONEY:
            report.cells[cid] = Money(amount=round(rng.uniform(0, 30), 2), unit=cell.column.unit or "万元")
        else:
            report.cells[cid] = rng.choice((0, 0, 1, 2, 3, rng.randint(0, 60)))
    report.cells.update(compute_totals(report))
    layout = fmt.layout("requests")
    for col in layout.row("new").columns[:-1]:
        new, cin = f"requests.new.{col.id}", f"requests.carried_in.{col.id}"
        total, out = f"requests.total.{col.id}", f"requests.carried_out.{col.id}"
        rest = report.cells[new] + report.cells[cin] - report.cells[total]  # type: ignore[operator]
        if rest < 0:
            report.cells[new] = report.cells[new] - rest  # type: ignore[operator]
            rest = 0
        report.cells[out] = rest
    report.cells.update(compute_totals(report))


def generated(i: int, rng: random.Random) -> Report:
    name = _name(i)
    r = new_report(YEAR, name)
    r.body = Body(name=name, kind=BodyKind.TOWN)
    consistent(r, rng)
    r.section("overview").paragraphs = [
        Paragraph(text=f"{YEAR}年，{name}认真贯彻落实条例，" + _babble(rng, 240)),
    ]
    r.section("problems").paragraphs = [Paragraph(text=_babble(rng, 120))]
    r.section("other").paragraphs = [Paragraph(text="本年度未收取信息处理费。" + _babble(rng, 60))]
    r.date = dt.date(YEAR + 1, 1, rng.randint(5, 28))
    return r


def sample_units() -> list[Report]:
    """Five samples moved to the review year (last year's record dropped: they stand alone)."""
    out = []
    for name in ("2025-baiyun-xiang", "2024-tongxi-jiedao", "2023-qingshan-zhen", "2020-daduan", "2020-baji"):
        r = storage.load(SAMPLES / f"{name}.giedit")
        r.year, r.previous, r.date = YEAR, None, dt.date(YEAR + 1, 1, 20)
        r.period = r.default_period()
        out.append(r)
    return out


def _write(folder: Folder, rel: str, report: Report, docx: bool) -> None:
    """A .giedit file, or a Word file: most as giedit exports them (fast to make), every eighth
    as clerks' own files are built (broken headers, padding, vertical labels; slow to make)."""
    path = folder.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if docx:
        clerk_made = len(folder.reports) % 8 == 0
        path.write_bytes(build_docx(report, Style()) if clerk_made else export_docx(report))
    else:
        path.write_text(storage.dumps(report), encoding="utf-8")
    folder.reports[rel] = report


def build(root: Path, units: int = 210, seed: int = 18) -> Folder:
    """Write the folder (``units`` report files plus the unreadable and foreign files)."""
    rng = random.Random(seed)
    folder = Folder(root, root.parent / f"{root.name}-名单.txt")
    reports: list[tuple[str, Report, bool]] = []
    for k, r in enumerate(sample_units()):
        rel = f"样例/{k}-{r.body.name}.giedit"
        reports.append((rel, r, False))
        if r.format == "2019":
            folder.outdated.append(rel)
    i = 0
    while len(reports) < units - 2:
        r = generated(i, rng)
        docx = i % 4 == 1
        sub = "乡镇" if i % 3 else "部门"
        reports.append((f"{sub}/{i:03d}-{r.body.name}.{'docx' if docx else 'giedit'}", r, docx))
        i += 1
    # planted table errors: a total that no longer matches its parts, and the rule it trips
    plants = {
        "requests.new.total": "T2-E1",
        "requests.total.natural": "T2-E2",
        "appeals.cases.review_total": "T3-E1",
        "appeals.cases.direct_suit_total": "T3-E2",
        "appeals.cases.suit_after_review_total": "T3-E3",
    }
    generated_ones = [k for k, (rel, _, _) in enumerate(reports) if "样例" not in rel]
    for n, (cell, rule) in enumerate(plants.items()):
        for k in generated_ones[10 + n * 20 : 12 + n * 20]:  # two units per rule, .giedit and .docx alike
            rel, r, docx = reports[k]
            r.cells[cell] = int(r.cells[cell]) + 3  # type: ignore[arg-type]
            folder.planted[rel] = rule
    k = generated_ones[130]
    rel, r, _ = reports[k]
    r.cells["requests.carried_in.research"] = None
    folder.blank = (rel, "requests.carried_in.research")
    folder.planted[rel] = "G-E1"
    # a copy of another unit's report with only the body name changed
    original_rel, original, _ = reports[generated_ones[40]]
    copy = original.model_copy(deep=True)
    copy.body = Body(name="复制镇人民政府", kind=BodyKind.TOWN)
    copy.signature = None
    copy_rel = "乡镇/复制镇.giedit"
    reports.append((copy_rel, copy, False))
    folder.copy_of = (copy_rel, original_rel)
    # 一 copied from another unit with the name replaced: only the text gives it away
    source_rel, source, _ = reports[generated_ones[70]]
    copier = generated(999, rng)
    copier.body = Body(name="抄写乡人民政府", kind=BodyKind.TOWN)
    copier.section("overview").paragraphs = [
        Paragraph(text=p.text.replace(source.body.name, "抄写乡人民政府"))
        for p in source.section("overview").paragraphs
    ]
    copier_rel = "乡镇/抄写乡.docx"
    reports.append((copier_rel, copier, True))
    folder.section_copy = (copier_rel, source_rel, "overview")
    for rel, r, docx in reports:
        _write(folder, rel, r, docx)
    folder.unreadable = "乡镇/损坏镇.docx"
    (root / folder.unreadable).write_bytes(b"PK\x03\x04 this zip was cut off in the e-mail")
    folder.foreign = "部门/会议照片.jpg"
    (root / folder.foreign).write_bytes(b"\xff\xd8\xff\xe0 not a report")
    folder.missing = "无报告镇"
    names = [r.body.name for r in folder.reports.values()]
    roster = [n.removesuffix("人民政府") if j % 2 else n for j, n in enumerate(names)]  # short and full
    folder.roster.write_text("\n".join([*roster, folder.missing]) + "\n", encoding="utf-8")
    return folder


def expected_totals(folder: Folder) -> dict[str, dict[str, float]]:
    """Per format, every cell summed by this test itself from the reports as written: blank cells
    and money without a unit left out, 元 turned into 万元."""
    out: dict[str, dict[str, float]] = {}
    for report in folder.reports.values():
        sums = out.setdefault(report.format, dict.fromkeys(report.definition.cells, 0.0))
        for cid, cell in report.definition.cells.items():
            v = report.cells.get(cid)
            if isinstance(v, Money):
                if v.amount is None:
                    continue
                unit = cell.column.unit or v.unit
                if unit is None:
                    continue
                sums[cid] += float(v.amount) / (10_000 if unit == "元" else 1)
            elif isinstance(v, int | float) and not isinstance(v, bool):
                sums[cid] += v
    return out
