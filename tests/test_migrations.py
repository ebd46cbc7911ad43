"""The file-format upgrade chain: every step has its fixture (written by the giedit of its time)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from format_fixtures import FIXTURES, fixture_path, fixture_report

from giedit import __version__
from giedit.model import migrations, storage


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(tmp_path / "data"))


def _doc(file_format: int) -> dict:
    return json.loads(fixture_path(file_format).read_text(encoding="utf-8"))


# -- the chain ---------------------------------------------------------------------------------------


def test_chain_runs_from_1_to_the_current_format_without_gaps() -> None:
    assert migrations.LATEST == storage.FILE_FORMAT
    assert sorted(migrations.STEPS) == list(range(1, storage.FILE_FORMAT))


@pytest.mark.parametrize("file_format", range(1, storage.FILE_FORMAT + 1))
def test_every_format_has_a_fixture_in_that_format(file_format: int) -> None:
    assert _doc(file_format)["file_format"] == file_format


def test_no_fixture_claims_a_format_newer_than_the_code() -> None:
    formats = {int(p.stem.rsplit("_", 1)[1]) for p in FIXTURES.glob("file_format_*.giedit")}
    assert max(formats) == storage.FILE_FORMAT


@pytest.mark.parametrize("file_format", range(1, storage.FILE_FORMAT + 1))
def test_every_fixture_loads_into_the_same_report(file_format: int) -> None:
    assert storage.load(fixture_path(file_format)) == fixture_report()


@pytest.mark.parametrize("step_from", sorted(migrations.STEPS))
def test_each_step_is_pure_and_produces_the_next_format(step_from: int) -> None:
    doc = _doc(step_from)
    before = copy.deepcopy(doc)
    out = migrations.STEPS[step_from](doc)
    assert doc == before  # the argument is not touched
    assert out["file_format"] == step_from + 1


@pytest.mark.parametrize("file_format", range(1, storage.FILE_FORMAT + 1))
def test_upgrading_a_fixture_gives_the_shape_of_the_current_fixture(file_format: int) -> None:
    upgraded = migrations.upgrade(_doc(file_format), storage.FILE_FORMAT)
    current = _doc(storage.FILE_FORMAT)
    assert list(upgraded) == list(current)
    assert upgraded["report"] == current["report"]


def test_upgrade_leaves_a_current_document_as_it_is() -> None:
    doc = _doc(storage.FILE_FORMAT)
    assert migrations.upgrade(doc, storage.FILE_FORMAT) is doc


# -- step 1 -> 2 ---------------------------------------------------------------------------------


def test_1_to_2_moves_the_version_into_writer_and_leaves_saved_at_unknown() -> None:
    doc1 = _doc(1)
    assert doc1["giedit_version"] == "0.1.0"
    doc2 = migrations.migrate_1_to_2(doc1)
    assert "giedit_version" not in doc2
    assert doc2["writer"] == {"app": "giedit", "version": "0.1.0"}
    assert doc2["saved_at"] is None
    assert doc2["min_reader"] is None
    assert list(doc2) == ["file_format", "min_reader", "writer", "saved_at", "report"]


def test_1_to_2_without_a_version_records_none() -> None:
    doc1 = _doc(1)
    del doc1["giedit_version"]
    assert migrations.migrate_1_to_2(doc1)["writer"] == {"app": "giedit", "version": None}
    assert storage.from_document(doc1) == fixture_report()


def test_1_to_2_refuses_a_document_of_another_format() -> None:
    with pytest.raises(migrations.MigrationError):
        migrations.migrate_1_to_2(_doc(2))


def test_a_format_1_file_with_a_damaged_header_is_refused_in_chinese() -> None:
    doc1 = _doc(1)
    doc1["giedit_version"] = {"x": 1}
    with pytest.raises(storage.FileError, match="文件头已损坏"):
        storage.from_document(doc1, "「旧.giedit」")


def test_a_format_1_file_saved_again_is_written_in_the_current_format(tmp_path: Path) -> None:
    path = tmp_path / "旧.giedit"
    path.write_bytes(fixture_path(1).read_bytes())
    report = storage.load(path)
    storage.save(report, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["file_format"] == storage.FILE_FORMAT
    assert doc["writer"] == {"app": "giedit", "version": __version__}
    assert doc["min_reader"] == storage.MIN_READER
    assert dt.datetime.fromisoformat(doc["saved_at"]).tzinfo is not None
    assert storage.load(path) == report == fixture_report()


# -- step 2 -> 3 ---------------------------------------------------------------------------------


def test_2_to_3_gives_every_paragraph_the_figure_fields_and_nothing_else() -> None:
    doc2 = _doc(2)
    doc3 = migrations.migrate_2_to_3(doc2)
    for p in doc3["report"]["sections"]["overview"]["paragraphs"]:
        assert (p["figures"], p["unconfirmed"], p["generated"]) == ([], [], None)
    texts = [p["text"] for p in doc3["report"]["sections"]["overview"]["paragraphs"]]
    assert texts == [p["text"] for p in doc2["report"]["sections"]["overview"]["paragraphs"]]
    assert {k: v for k, v in doc3.items() if k != "report"} == {
        **{k: v for k, v in doc2.items() if k != "report"},
        "file_format": 3,
    }


def test_2_to_3_drops_a_stray_object_character_that_would_read_as_a_figure() -> None:
    doc2 = _doc(2)
    stray = "本年度收到申请\ufffc件。"
    doc2["report"]["preamble"] = [{"level": "body", "text": stray}]
    doc2["report"]["sections"]["problems"]["paragraphs"] = [{"level": "body", "text": stray}]
    doc2["report"]["previous"] = {
        "format": "2021",
        "year": 2020,
        "sections": {"overview": {"paragraphs": [{"level": "body", "text": stray}]}},
    }
    report = storage.from_document(doc2)
    paragraphs = [
        report.preamble[0],
        report.sections["problems"].paragraphs[0],
        report.previous.sections["overview"].paragraphs[0],  # type: ignore[union-attr]
    ]
    assert [(p.text, p.figures) for p in paragraphs] == [("本年度收到申请件。", [])] * 3


def test_2_to_3_refuses_a_document_of_another_format() -> None:
    with pytest.raises(migrations.MigrationError):
        migrations.migrate_2_to_3(_doc(1))


def test_a_format_2_file_is_refused_by_no_reader_and_loads_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "上年.giedit"
    path.write_bytes(fixture_path(2).read_bytes())
    assert storage.load(path) == fixture_report()
    assert path.read_bytes() == fixture_path(2).read_bytes()  # loading never rewrites
