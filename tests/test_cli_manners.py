"""The command line's manners (issue 16, item 9), run as real processes the way a clerk types them:
mistyped commands and arguments answered in Chinese, no display said in Chinese instead of Qt's
abort, a closed pipe ending quietly, and a file of the wrong kind pointing to the right command."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SAMPLES, SHARED

from giedit.cli_parser import chinese

SAMPLE = SAMPLES / "2024-tongxi-jiedao.giedit"
DOCX_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"
NO_DISPLAY = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}


def giedit(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def no_english(text: str) -> None:
    assert "Traceback" not in text and "usage:" not in text and "error:" not in text
    assert not re.search(r"\b(required|invalid|unrecognized|expected|argument)\b", text), text


def test_unknown_command_is_a_chinese_error_with_exit_2() -> None:
    out = giedit("frobnicate", env=NO_DISPLAY)
    assert out.returncode == 2
    assert "没有「frobnicate」这个命令" in out.stderr and "check" in out.stderr
    assert "图形界面" not in out.stderr  # refused before any window is tried
    assert out.stdout == ""
    no_english(out.stderr)


def test_a_close_misspelling_names_the_command() -> None:
    out = giedit("chek", "x.giedit")
    assert out.returncode == 2 and "是不是要用「check」" in out.stderr


def test_a_path_that_exists_still_goes_to_the_editor(tmp_path: Path) -> None:
    """Without a display the editor's route ends at the display check, which proves it was taken."""
    folderless = tmp_path / "report"  # no suffix: only its existence marks it as a file
    shutil.copy(SAMPLE, folderless)
    for target in (str(SAMPLE), "report"):
        out = giedit(target, env=NO_DISPLAY, cwd=tmp_path)
        assert out.returncode == 2
        assert "没有可用的图形界面" in out.stderr and "这个命令" not in out.stderr


def test_no_display_says_so_in_chinese_without_loading_qt() -> None:
    code = (
        "import sys; from giedit.cli import main; rc = main([]); "
        "print(rc, any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **NO_DISPLAY},
        timeout=60,
    )
    assert out.stdout.split() == ["2", "False"]
    assert "没有可用的图形界面" in out.stderr and "giedit check" in out.stderr
    assert "qt.qpa" not in out.stderr and "xcb" not in out.stderr


def test_no_display_through_the_installed_command() -> None:
    """The console script the README and the desktop entry use: exit 2, never Qt's abort (134)."""
    script = Path(sys.executable).with_name("giedit")
    out = subprocess.run(
        [str(script)], capture_output=True, text=True, env={**os.environ, **NO_DISPLAY}, timeout=60
    )
    assert out.returncode == 2
    assert out.stderr.startswith("giedit：没有可用的图形界面")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check",), "缺少必需的参数：文件"),
        (("new", "--year", "abc", "-o", "x.giedit"), "参数 --year：「abc」不是整数"),
        (("check", "--bogus", "a.giedit"), "无法识别的参数：--bogus"),
        (("check", "-j"), "参数 -j/--jobs：后面需要一个值"),
        (("import", "a.pdf"), "缺少必需的参数：-o/--output"),  # export writes beside the file without -o
    ],
)
def test_argument_errors_are_chinese(args: tuple[str, ...], expected: str) -> None:
    out = giedit(*args)
    assert out.returncode == 2
    assert out.stderr.startswith("用法：giedit ")
    assert expected in out.stderr
    no_english(out.stderr)


def test_help_is_chinese() -> None:
    out = giedit("check", "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("用法：giedit check") and "选项" in out.stdout and "参数" in out.stdout
    assert "usage:" not in out.stdout and "options:" not in out.stdout and "positional" not in out.stdout


def test_argparse_phrases_translated() -> None:
    """The messages argparse can raise, each into Chinese (values quoted in them kept)."""
    assert chinese("argument --year: invalid int value: 'x'") == "参数 --year：「x」不是整数"
    assert (
        chinese("ambiguous option: --j could match --json, --jobs")
        == "选项 --j 不明确，可能是 --json, --jobs"
    )
    assert chinese("argument 命令: invalid choice: 'x' (choose from 'a', 'b')") == (
        "参数 命令：无效的值 'x'（可选：'a', 'b'）"
    )
    assert chinese("one of the arguments --a --b is required") == "参数 --a --b 必须指定其中一个"
    assert chinese("argument --a: not allowed with argument --b") == "参数 --a：不能与参数 --b 同时使用"


def test_output_to_a_closed_pipe_ends_quietly() -> None:
    """``giedit dump f | head -1``: the reader goes away; no BrokenPipeError traceback."""
    for args in (("dump", str(SAMPLE)), ("check", *map(str, sorted(SAMPLES.glob("*.giedit"))))):
        read, write = os.pipe()
        os.close(read)  # closed before giedit writes a byte: every write fails with EPIPE
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "giedit", *args],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                timeout=120,
            )
        finally:
            os.close(write)
        assert proc.returncode == 141, proc.stderr
        assert proc.stderr == ""


def test_head_on_dump_through_a_shell() -> None:
    cmd = f"{sys.executable} -m giedit dump {SAMPLE} | head -c 1; echo; echo ${{PIPESTATUS[0]}}"
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=ROOT, timeout=120)
    first, status = out.stdout.split()
    assert first == "{" and status in ("0", "141")  # 0 when the whole dump fit the pipe first
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr


def test_check_of_a_published_report_points_to_import(tmp_path: Path) -> None:
    docx = tmp_path / "2022 年报.docx"  # a space: the command shown must survive the shell
    shutil.copy(DOCX_SAMPLE, docx)
    for args in (
        ("check", str(docx)),
        ("dump", str(docx)),
        ("export", str(docx), "-o", str(tmp_path / "a.pdf")),
    ):
        out = giedit(*args)
        assert out.returncode == 2
        assert "「2022 年报.docx」不是 giedit 报告文件" in out.stderr
        no_english(out.stderr)
    suggested = shlex.split(out.stderr.split("请先导入：", 1)[1])
    assert suggested == ["giedit", "import", str(docx), "-o", str(tmp_path / "2022 年报.giedit")]
    assert giedit(*suggested[1:]).returncode == 0  # and the command it names works
    assert giedit("check", str(tmp_path / "2022 年报.giedit")).returncode in (0, 1)


def test_import_of_a_giedit_file_points_to_opening_it(tmp_path: Path) -> None:
    renamed = tmp_path / "last-year.txt"  # found by content too, whatever the name
    shutil.copy(SAMPLE, renamed)
    for source in (SAMPLE, renamed):
        out = giedit("import", str(source), "-o", str(tmp_path / "out.giedit"))
        assert out.returncode == 2
        assert "已经是 giedit 报告文件，不需要导入" in out.stderr
        assert f"giedit {source} 在编辑窗口中打开" in out.stderr and f"giedit check {source}" in out.stderr
        assert not (tmp_path / "out.giedit").exists()


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_commands_do_not_need_uv_on_path() -> None:
    """setup.sh may install uv where PATH does not look, so every command goes through dev.sh."""
    commands = _readme_commands()
    assert len(commands) >= 10
    dev = (ROOT / "packaging" / "dev.sh").read_text(encoding="utf-8")
    handled = {word for label in re.findall(r"^\s*([\w|]+)\) ", dev, flags=re.M) for word in label.split("|")}
    assert {"run", "giedit", "python", "test"} <= handled
    for command in commands:
        assert not command.startswith("uv "), command
        words = command.split()
        if words[:2] == ["bash", "packaging/dev.sh"]:
            assert words[2] in handled, command


def test_readme_check_command_runs_without_uv_on_path() -> None:
    """The README's first command, as written, with ~/.local/bin (where uv may sit) not on PATH."""
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep) if p and not p.endswith(".local/bin")
    )
    command = next(c for c in _readme_commands() if c.startswith("bash packaging/dev.sh giedit check"))
    out = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        timeout=600,
    )
    assert out.returncode in (0, 1), out.stderr  # 1: a sample with an error on purpose
    assert out.stdout.count("个错误") == len(list(SAMPLES.glob("*.giedit")))
