"""Published-report files built the way they are found in the wild, for the importer's tests.

- ``portal_page``: a government portal page (GBK, ``<meta charset=gb2312>``) around the report:
  navigation, breadcrumb, share bar, footer with 版权所有/ICP; the tables with the official
  rowspan/colspan taken from the format definition; ``&nbsp;`` padding and nested markup.
- ``libreoffice``: a file converted by LibreOffice (a PDF printed from a Word report, a .doc
  saved by it), or None when LibreOffice is not installed.
- ``as_text`` (in test_import_cases) renders the plain-text form.

Nothing here is committed as a binary: every file is generated from a report in the test run.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from giedit.model.numbering import numbered
from giedit.model.report import Report
from giedit.model.values import format_value

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_CHROME_TOP = """<div class="top-bar"><a href="/">首页</a> | <a href="/wza">无障碍</a> | 设为首页</div>
<div id="nav" class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article-info"><span>发布时间：{year}-01-20</span> <span>来源：{office}</span>
<span>浏览次数：1024</span> <span class="fontsize">字号：【大 中 小】</span></div>"""
_CHROME_BOTTOM = """<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="print-close">【打印本页】 【关闭窗口】</div>
<div class="related"><h3>相关链接</h3><ul><li><a>国务院办公厅</a></li></ul></div>
<div class="footer"><p>版权所有：{body}　主办：{body}办公室</p><p>网站标识码：1234000001　冀ICP备12345678号</p>
<p>冀公网安备 13010202000001号</p></div>
<script>var _hmt = _hmt || []; document.write("<p>一、总体情况</p>");</script>"""


def _cell_html(text: str) -> str:
    """Printed text as a portal's editor writes it: NBSP padding, spans, fonts, line breaks."""
    parts = [html.escape(p) for p in text.split("\n")]
    inner = "<br/>".join(
        f'<span style="font-family:仿宋_GB2312"><font size="3">{p}</font></span>' for p in parts
    )
    return f'<p align="center">&nbsp;{inner}&nbsp;</p>'


def table_html(report: Report, table_id: str) -> str:
    """A statutory table as an HTML table with the official merges."""
    fmt = report.definition
    layout = fmt.layout(table_id)
    rows: dict[int, list[str]] = defaultdict(list)
    for g in layout.grid:
        text = format_value(report.cells.get(g.cell), fmt.cells[g.cell].column) if g.cell else g.text
        span = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (
            f' colspan="{g.colspan}"' if g.colspan > 1 else ""
        )
        tag = "td"
        rows[g.row].append(f'<{tag}{span} style="border:1px solid #000">{_cell_html(text)}</{tag}>')
    body = "".join(f"<tr>{''.join(rows[r])}</tr>" for r in sorted(rows))
    return f'<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>{body}</tbody></table>'


def report_html(report: Report) -> str:
    """The report's own content as a portal's article body holds it (no chrome)."""
    fmt = report.definition
    out = [f'<h1 class="title">{html.escape(report.display_title())}</h1>']
    out += [f'<p style="text-indent:2em">{html.escape(p.text)}</p>' for p in report.preamble]
    for s in fmt.sections:
        out.append(f"<p><strong><span>{html.escape(s.title)}</span></strong></p>")
        for p, mark in numbered(report.text_of(s.id).paragraphs):
            out.append(f'<p style="text-indent:2em"><span>{html.escape(mark + p.text)}</span></p>')
        if s.table:
            out.append(table_html(report, s.table))
        out += [f"<p>{html.escape(line)}</p>" for line in report.text_of(s.id).extra]
    if report.signature:
        out.append(f'<p style="text-align:right">{html.escape(report.signature)}</p>')
    if report.date:
        d = report.date
        out.append(f'<p style="text-align:right">{d.year}年{d.month}月{d.day}日</p>')
    return "\n".join(out)


def portal_page(report: Report, encoding: str = "gbk", declared: str = "gb2312") -> bytes:
    """A whole portal page in ``encoding`` declaring ``declared``, the report inside its chrome."""
    office = f"{report.body.name}办公室"
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset={declared}" />
<title>{html.escape(report.display_title())}_{html.escape(report.body.name)}</title>
<style>.nav li {{ float:left }}</style></head>
<body><div class="wrapper">
{_CHROME_TOP.format(year=report.year + 1, office=html.escape(office))}
<div class="main"><div class="article"><div class="article-content" id="zoom">
{report_html(report)}
</div></div></div>
{_CHROME_BOTTOM.format(body=html.escape(report.body.name))}
</div></body></html>
"""
    return page.encode(encoding)


def libreoffice(source: Path, target: str, out_dir: Path) -> Path | None:
    """``source`` converted by LibreOffice to ``target`` (e.g. "pdf", "doc"); None without it."""
    if SOFFICE is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    out = out_dir / f"{source.stem}.{target}"
    return out if out.is_file() else None
