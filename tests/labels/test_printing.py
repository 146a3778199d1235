"""Printing for real: a loopback 9100 printer, a cups-pdf queue, and the ways printing fails.

Every print is a recorded job; a failure gives one sentence and keeps the job, and the reprint
sends the very same bytes from the job history.
"""

from __future__ import annotations

import itertools
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from labels.documents import Document, shipping_document, slip_document
from labels.errors import PrintFailed
from labels.jobs import job_history, print_document, reprint
from tests.labels.builders import packed_order
from tests.labels.conftest import ROUTES, cups_pdf_files, cups_pdf_output, page_sizes_pt
from tests.labels.listener import Listener, free_port
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.models import PrintJob
from warehouse.pii import ReceiverCipher

MM = 72 / 25.4
PACKER = Actor(name="K001", role="packer")  # the packing station prints


def settings_with(tmp_path: Path, *printers: dict[str, object]) -> Settings:
    return Settings.model_validate(
        {
            "labels": {"carriers": ROUTES},
            "printers": list(printers),
            "source": tmp_path / "config.toml",
        }
    )


def zebra(target: str, **extra: object) -> dict[str, object]:
    return {
        "name": "zebra",
        "kind": "raw9100",
        "target": target,
        "format": "zpl",
        "timeout_s": 1.0,
        **extra,
    }


def label(database: Database, cipher: ReceiverCipher, settings: Settings, fmt: str) -> Document:
    with database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1)
        printer = next(p for p in settings.printers if p.format == fmt)
        return shipping_document(
            session, packed.order_sn, settings, cipher, format=fmt, printer=printer
        )  # type: ignore[arg-type]


@pytest.fixture
def listener() -> Iterator[Listener]:
    printer = Listener()
    yield printer
    printer.close()


def test_a_9100_printer_receives_the_label_byte_for_byte_and_the_job_is_recorded(
    database: Database, cipher: ReceiverCipher, tmp_path: Path, listener: Listener
) -> None:
    settings = settings_with(tmp_path, zebra(listener.target))
    document = label(database, cipher, settings, "zpl")
    job = print_document(database, settings, PACKER, "zebra", document)
    assert listener.wait(1)[0].data == document.content
    assert (job.state, job.attempts, job.format) == ("printed", 1, "zpl")
    with database.unit_of_work(read_only=True) as session:
        stored = session.get_one(PrintJob, job.id)
        assert stored.content == document.content and stored.label_size == "100x150mm"


def test_a_refused_connection_keeps_the_job_and_the_reprint_sends_the_same_bytes(
    database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    port = free_port()
    settings = settings_with(tmp_path, zebra(f"127.0.0.1:{port}"))
    document = label(database, cipher, settings, "zpl")
    with pytest.raises(PrintFailed) as raised:
        print_document(database, settings, PACKER, "zebra", document)
    job_id = raised.value.job_id
    assert str(raised.value) == (
        f"Printer zebra at 127.0.0.1:{port} refused the connection: check that it is switched on "
        f"and on the network. Print job {job_id} is kept: reprint it with 'wms labels reprint {job_id}'."
    )
    assert raised.value.zh and raised.value.zh.startswith(
        f"打印机 zebra（127.0.0.1:{port}）拒绝连接"
    )
    [failed] = job_history(database, state="failed")
    assert failed.id == job_id and failed.reason("zh_CN").startswith("打印机 zebra")
    printer = Listener(port=port)
    try:
        again = reprint(database, settings, PACKER, failed.id)
        assert printer.wait(1)[0].data == document.content
    finally:
        printer.close()
    assert (again.state, again.attempts) == ("printed", 2)
    assert job_history(database, state="failed") == []


def test_a_printer_that_does_not_answer_times_out_with_its_sentence(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)  # never accepts: once its queue is full, a connection waits in vain
    port = server.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port))
    try:
        settings = settings_with(tmp_path, zebra(f"127.0.0.1:{port}", timeout_s=0.5))
        document = label(sqlite_database, cipher, settings, "zpl")
        with pytest.raises(
            PrintFailed, match=r"did not answer within 0.5 s: check its network cable"
        ) as raised:
            print_document(sqlite_database, settings, PACKER, "zebra", document)
    finally:
        filler.close()
        server.close()
    [kept] = job_history(sqlite_database, state="failed")
    assert kept.id == raised.value.job_id and kept.attempts == 1


def test_only_one_sender_at_a_time_writes_to_a_9100_printer(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    slow = Listener(slow_s=0.3)
    try:
        settings = settings_with(tmp_path, zebra(slow.target))
        document = label(sqlite_database, cipher, settings, "zpl")
        threads = [
            threading.Thread(
                target=print_document, args=(sqlite_database, settings, PACKER, "zebra", document)
            )
            for _ in range(3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        jobs = sorted(slow.wait(3), key=lambda j: j.opened)
    finally:
        slow.close()
    assert all(j.data == document.content for j in jobs)
    for before, after in itertools.pairwise(jobs):
        assert after.opened >= before.closed - 0.05, (
            "a second sender connected while the first was sending"
        )


def test_a_missing_cups_queue_gives_its_sentence_and_keeps_the_job(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path, cups_queue: str
) -> None:
    settings = settings_with(tmp_path, {"name": "laser", "kind": "cups", "target": "no-such-queue"})
    document = label(sqlite_database, cipher, settings, "pdf")
    with pytest.raises(PrintFailed) as raised:
        print_document(sqlite_database, settings, PACKER, "laser", document)
    assert str(raised.value).startswith(
        "The CUPS queue no-such-queue of printer laser does not exist: add it with lpadmin or correct its target in config.toml."
    )
    assert [j.id for j in job_history(sqlite_database, state="failed")] == [raised.value.job_id]


@pytest.mark.parametrize(
    ("size", "mm"), [("100x150mm", (100, 150)), ("76x130mm", (76, 130)), ("4x6in", (101.6, 152.4))]
)
def test_a_label_printed_to_a_real_cups_pdf_queue_comes_out_at_its_size(
    sqlite_database: Database,
    cipher: ReceiverCipher,
    tmp_path: Path,
    cups_queue: str,
    size: str,
    mm: tuple[float, float],
) -> None:
    settings = settings_with(
        tmp_path,
        {
            "name": "laser",
            "kind": "cups",
            "target": cups_queue,
            "label_size": size,
            "timeout_s": 20,
        },
    )
    document = label(sqlite_database, cipher, settings, "pdf")
    for old in cups_pdf_files(document.title):  # left by an earlier run
        old.unlink()
    job = print_document(sqlite_database, settings, PACKER, "laser", document)
    assert job.state == "printed" and job.sent_to.startswith(cups_queue)
    [(width, height)] = page_sizes_pt(cups_pdf_output(f"{document.title}-{job.id}"))
    assert (width, height) == (
        pytest.approx(mm[0] * MM, abs=1.0),
        pytest.approx(mm[1] * MM, abs=1.0),
    )


def test_a_printer_cups_reports_out_of_paper_gives_its_sentence_and_keeps_the_job(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path, out_of_paper_queue: str
) -> None:
    settings = settings_with(
        tmp_path, {"name": "pack2", "kind": "cups", "target": out_of_paper_queue, "format": "zpl"}
    )
    document = label(sqlite_database, cipher, settings, "zpl")
    with pytest.raises(PrintFailed) as raised:
        print_document(sqlite_database, settings, PACKER, "pack2", document)
    assert str(raised.value).startswith(
        "Printer pack2 is out of paper (CUPS reports media-empty-error): load labels, then reprint the job."
    )
    assert raised.value.zh and raised.value.zh.startswith("打印机 pack2 缺纸")
    [kept] = job_history(sqlite_database, state="failed")
    assert kept.id == raised.value.job_id


def test_zpl_through_a_raw_cups_queue_reaches_the_printer_byte_for_byte(
    sqlite_database: Database,
    cipher: ReceiverCipher,
    tmp_path: Path,
    cups_queue: str,
    listener: Listener,
) -> None:
    queue = "wms-test-raw"
    made = subprocess.run(
        ["lpadmin", "-p", queue, "-E", "-v", f"socket://{listener.target}", "-m", "raw"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    try:
        settings = settings_with(
            tmp_path,
            {"name": "pack3", "kind": "cups", "target": queue, "format": "zpl", "timeout_s": 20},
        )
        document = label(sqlite_database, cipher, settings, "zpl")
        job = print_document(sqlite_database, settings, PACKER, "pack3", document)
        assert job.state == "printed"
        assert listener.wait(1, timeout_s=30)[0].data == document.content
    finally:
        subprocess.run(["lpadmin", "-x", queue], capture_output=True, check=False)


def test_a_slip_printed_through_cups_comes_out_on_its_paper_size(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path, cups_queue: str
) -> None:
    settings = Settings.model_validate(
        {
            "labels": {"slip_page": "A5"},
            "printers": [{"name": "office", "kind": "cups", "target": cups_queue, "timeout_s": 20}],
        }
    )
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=0)
        document = slip_document(session, packed.order_sn, settings)
    for old in cups_pdf_files(document.title):
        old.unlink()
    job = print_document(sqlite_database, settings, PACKER, "office", document)
    [(width, height)] = page_sizes_pt(cups_pdf_output(f"{document.title}-{job.id}"))
    assert (width, height) == (pytest.approx(419.5, abs=1.5), pytest.approx(595.3, abs=1.5))  # A5
