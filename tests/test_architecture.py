"""Project rules that keep the architecture honest: Qt in one package, each label written once."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from paths import ROOT, SHARED

PACKAGE = ROOT / "giedit"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_ui_package_imports_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if "ui" not in p.relative_to(PACKAGE).parts[:1]
        and any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in _imports(p))
    ]
    assert offenders == []


def test_import_contracts_hold() -> None:
    """The layer contracts in pyproject.toml ([tool.importlinter]): ui/cli above review above
    export/importers above checks above model, the format at the bottom of the model, Qt only in
    the UI. lint-imports (import-linter) exits non-zero and names the import when one is broken."""
    script = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(script), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_headless_commands_do_not_load_qt() -> None:
    code = "import sys, giedit.cli, giedit.checks, giedit.model.dump; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _labels() -> set[str]:
    data = json.loads((SHARED / "spec" / "labels.json").read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, str):
            found.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if k != "_about":
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    return found


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_official_label_is_written_in_two_files() -> None:
    """Long labels may not appear inside any string of a second file; short ones (总计, 其他,
    规章 …) are common words, so for them only a string that *is* the label counts."""
    constants = {p: _string_constants(p) for p in _modules()}
    duplicated = {}
    for label in _labels():
        if len(label) >= 5:
            files = [p for p, cs in constants.items() if any(label in c for c in cs)]
        else:
            files = [p for p, cs in constants.items() if label in cs]
        if len(files) > 1:
            duplicated[label] = [str(f.relative_to(ROOT)) for f in files]
    assert duplicated == {}


def test_ruff_is_clean() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "giedit", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


RULE_ID = re.compile(r"[A-Z][0-9a-z]*-[EWI][0-9]+")
REGISTRY = PACKAGE / "model" / "rule_ids.py"


def _rule_id_literals(path: Path) -> list[tuple[int, str]]:
    """Every string constant of the module that is exactly a rule id (docstrings and messages
    that mention one in passing are prose, not a reference a typo could break)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.fullmatch(node.value)
    ]


def test_rule_ids_are_written_once_in_the_registry() -> None:
    """A rule is named through giedit.model.rule_ids everywhere (its @rule, a format's relations,
    import notes, the editor's buttons): a mistyped name is then an ImportError, not a rule that
    silently never matches."""
    offenders = [
        f"{p.relative_to(ROOT)}:{line} {value}"
        for p in _modules()
        if p != REGISTRY
        for line, value in _rule_id_literals(p)
    ]
    assert offenders == []
    registry = _rule_id_literals(REGISTRY)
    assert len(registry) == len({v for _, v in registry}) >= 50  # each id once, all of spec §8
    from giedit.checks import RULES
    from giedit.model import rule_ids

    assert set(RULES) <= {v for v in vars(rule_ids).values() if isinstance(v, str)}


def test_the_catcher_finds_a_literal() -> None:
    """The test above would see an id written where it should not be."""
    assert _rule_id_literals(PACKAGE / "checks" / "tables.py") == []
    sample = ROOT / "tests" / "broken" / "make_literal_probe.py"
    try:
        sample.write_text('RULE = "N-W16"\n', encoding="utf-8")
        assert _rule_id_literals(sample) == [(1, "N-W16")]
    finally:
        sample.unlink()


def test_rules_read_the_report_through_its_types() -> None:
    """No rule reads the report with getattr(ctx.report, "…", None): a typo there would silence
    the rule instead of failing."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in sorted((PACKAGE / "checks").glob("*.py"))
        if "getattr(ctx.report" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
