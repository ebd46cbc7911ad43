"""``giedit check --jobs N``: many files on several cores, with exactly the output of one core.

An office checking every township's report before publication hands ``giedit check`` hundreds of
files. ``--jobs`` spreads them over worker processes; nothing else may change: the same lines in
the same file order, the same messages for unreadable files, the same exit code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from make_broken import OUT as BROKEN
from paths import ROOT, SAMPLES


def giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Samples, reports with errors and files that cannot be read, interleaved (27 files)."""
    folder = tmp_path_factory.mktemp("batch")
    sources = sorted(SAMPLES.glob("*.giedit")) + sorted(BROKEN.glob("*.giedit"))[:12]
    files: list[str] = []
    for i, source in enumerate(sources):
        copy = folder / f"{i:02d}-{source.name}"
        shutil.copyfile(source, copy)
        files.append(str(copy))
        if i % 4 == 0:
            bad = folder / f"{i:02d}-坏.giedit"
            bad.write_bytes(b"\x00not a report")
            files.append(str(bad))
    files.append(str(folder / "没有这个文件.giedit"))
    return files


@pytest.mark.parametrize("options", [[], ["--json"]])
def test_jobs_give_the_same_output_as_one_process(batch: list[str], options: list[str]) -> None:
    one = giedit("check", *options, *batch)
    two = giedit("check", "--jobs", "2", *options, *batch)
    assert one.returncode == two.returncode == 2  # unreadable files win over errors
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert "Traceback" not in two.stderr
    if options:
        assert [d["file"] for d in json.loads(two.stdout)] == [
            f for f in batch if "坏" not in f and "没有" not in f
        ]


def test_jobs_zero_uses_every_core_and_more_jobs_than_files_is_fine(batch: list[str]) -> None:
    readable = [f for f in batch if "坏" not in f and "没有" not in f]
    one = giedit("check", *readable)
    assert giedit("check", "-j", "0", *readable).stdout == one.stdout
    single = giedit("check", "--jobs", str((os.cpu_count() or 1) + 8), readable[0])
    assert single.stdout == giedit("check", readable[0]).stdout


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_bad_jobs_value_is_a_usage_error_in_chinese(batch: list[str], value: str) -> None:
    out = giedit("check", "--jobs", value, batch[0])
    assert out.returncode == 2
    assert "参数有误" in out.stderr and "Traceback" not in out.stderr
