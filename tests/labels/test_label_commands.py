"""The label commands as an operator uses them: files, printers, job history, one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.labels.builders import packed_order
from tests.labels.conftest import decode, page_sizes_pt, render
from tests.labels.listener import free_port
from warehouse.db import Database
from warehouse.pii import ReceiverCipher
from warehouse_tui.cli import main

CONFIG = """
[labels.carriers.SF]
size = "100x150mm"
routes = [{{ prefix = "广东省深圳市", routing_code = "755-W12", hub = "深圳转运中心" }}]

[[printers]]
name = "folder"
kind = "file"
target = "out"

[[printers]]
name = "zebra"
kind = "raw9100"
target = "127.0.0.1:{port}"
format = "zpl"
timeout_s = 1.0
{extra}
"""


@pytest.fixture
def shell(sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.chdir(tmp_path)
    write_config(tmp_path)
    return tmp_path


def write_config(folder: Path, extra: str = "") -> None:
    (folder / "config.toml").write_text(
        CONFIG.format(port=free_port(), extra=extra), encoding="utf-8"
    )


def test_a_label_and_a_slip_are_written_to_files_and_scan(
    shell: Path,
    sqlite_database: Database,
    cipher: ReceiverCipher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=2)
    assert main(["labels", "shipping", packed.order_sn, "--out", "label.pdf"]) == 0
    pdf = (shell / "label.pdf").read_bytes()
    assert len(page_sizes_pt(pdf)) == 2
    assert (packed.tracking[1], "]C0") in decode(render(pdf, page=2))
    assert (
        main(["labels", "shipping", packed.tracking[0], "--format", "zpl", "--out", "label.zpl"])
        == 0
    )
    zpl = (shell / "label.zpl").read_bytes()
    assert zpl.startswith(b"^XA^CI28^PW799^LL1199") and zpl.count(b"^XA") == 1
    assert main(["labels", "slip", packed.order_sn, "--out", "slip.pdf"]) == 0
    assert (packed.order_sn, "]C0") in decode(render((shell / "slip.pdf").read_bytes()))
    assert "written to label.pdf" in capsys.readouterr().out


def test_an_order_without_parcels_and_an_unknown_one_are_one_sentence(
    shell: Path,
    sqlite_database: Database,
    cipher: ReceiverCipher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=0)
    assert main(["labels", "shipping", packed.order_sn, "--out", "x.pdf"]) == 2
    assert main(["labels", "shipping", "NOSUCH", "--out", "x.pdf"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"wms: Order {packed.order_sn} has no parcels yet: pack it at a packing station before printing its shipping label.",
        "wms: No order or parcel NOSUCH is known.",
    ]
    assert not (shell / "x.pdf").exists()


def test_printing_records_jobs_and_a_failed_one_is_reprinted_elsewhere(
    shell: Path,
    sqlite_database: Database,
    cipher: ReceiverCipher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1)
    assert main(["labels", "print", "slip", packed.order_sn, "--printer", "folder"]) == 0
    assert (shell / "out" / f"slip-{packed.order_sn}-1.pdf").is_file()
    assert main(["labels", "print", "shipping", packed.order_sn, "--printer", "zebra"]) == 2
    err = capsys.readouterr().err
    assert (
        "refused the connection" in err
        and "Print job 2 is kept: reprint it with 'wms labels reprint 2'." in err
    )
    assert main(["labels", "jobs", "--failed"]) == 0
    out = capsys.readouterr().out
    assert "failed" in out and "拒绝连接" in out  # the stored reason, in the site's language
    assert main(["labels", "reprint", "2", "--printer", "folder"]) == 2
    assert "Printer folder takes pdf documents, and this one is zpl." in capsys.readouterr().err


def test_printers_are_listed_and_tested(shell: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["printers", "list"]) == 0
    out = capsys.readouterr().out
    assert "folder" in out and "zebra" in out and "raw9100" in out
    assert main(["printers", "test", "folder"]) == 0
    assert "Test label TEST" in capsys.readouterr().out
    [test] = list((shell / "out").glob("test-*.pdf"))
    assert decode(render(test.read_bytes()))
    assert main(["printers", "test", "nobody"]) == 2
    assert "No printer named nobody is configured in [[printers]]." in capsys.readouterr().err


def test_a_missing_font_names_the_package_to_install(
    shell: Path,
    sqlite_database: Database,
    cipher: ReceiverCipher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_config(shell, '\n[labels]\nfont_file = "/nowhere/wqy-zenhei.ttc"\n')
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1)
    assert main(["labels", "shipping", packed.order_sn, "--out", "x.pdf"]) == 2
    assert capsys.readouterr().err.strip() == (
        "wms: The Chinese label font /nowhere/wqy-zenhei.ttc is missing: install the Debian "
        "package fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei)."
    )
