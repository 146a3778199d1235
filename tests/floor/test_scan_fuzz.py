"""Random text at every step of the pick flow: each scan is a result or a one-sentence domain
refusal, never an unexpected error, and stock stays consistent throughout.

``WMS_FUZZ_EXAMPLES`` sets how many sequences are tried (a bounded number by default; raise
it for a longer run).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from picking import floor as pick
from tests.floor.conftest import FLOOR, NOW, Site, key, run
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import PickTask, Reservation, StockMove, StockQuant

EXAMPLES = int(os.environ.get("WMS_FUZZ_EXAMPLES", "40"))
SHELVES = ["A-01-05-1-A", "A-02-10-1-B", "A-03-02-2-A", "B-01-04-1-A", "B-05-07-1-A"]
HOSTILE = [
    "(01)[/b]",
    "[b]OK[/b]",
    "(01)5",
    "(01)",
    "(10)",
    "()",
    "]C1",
    "\x1d\x1d",
    "０６９",
    "٣٣",
    "T",
    "T00",
    "T99",
    "-T01",
    "99999",
    "0",
    "-1",
    "1e3",
    "A-99-99-9-Z",
    "a-01-05-1-a",
    "\x00",
    "x" * 5000,
]


def scans(site: Site) -> st.SearchStrategy[str]:
    real = [ean for _, ean in site.skus.values()] + SHELVES + ["T01", "T02", "1", "2", "3"]
    gs1 = st.builds(
        lambda gtin, lot, exp: f"(01)0{gtin}(10){lot}(17){exp}",
        st.sampled_from([ean for _, ean in site.skus.values()]),
        st.sampled_from(["L1", "L2", "X"]),
        st.sampled_from(["270301", "270601", "240101", "999999"]),
    )
    return st.one_of(
        st.sampled_from(real),
        st.sampled_from(HOSTILE),
        gs1,
        st.text(max_size=40),
        st.text(alphabet="0123456789()[]/T-\x1d", max_size=30),
    )


def _consistent(database: Database) -> None:
    with database.unit_of_work(read_only=True) as s:
        for quant in s.scalars(select(StockQuant)):
            assert 0 <= quant.reserved <= quant.on_hand, quant.id
            held = s.scalar(
                select(func.coalesce(func.sum(Reservation.qty - Reservation.picked), 0)).where(
                    Reservation.quant_id == quant.id
                )
            )
            assert held == quant.reserved, quant.id
        for task in s.scalars(select(PickTask)):
            assert 0 <= task.picked_qty <= task.qty
        picked = s.scalar(select(func.coalesce(func.sum(PickTask.picked_qty), 0)))
        moved = s.scalar(
            select(func.coalesce(func.sum(StockMove.qty), 0)).where(StockMove.reason == "pick")
        )
        assert picked == moved


def test_any_text_at_any_step_is_a_result_or_a_sentence(database: Database, site: Site) -> None:
    run(database, pick.claim_next_batch, site.picker, NOW, floor=FLOOR)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(scans(site), min_size=1, max_size=12))
    def drive(texts: list[str]) -> None:
        for text in texts:
            try:
                step = run(database, pick.handle_scan, site.picker, text, key(), NOW, floor=FLOOR)
            except WarehouseError as refusal:
                sentence = refusal.localized("en")
                assert sentence and "\n" not in sentence and len(sentence) < 300, sentence
                assert refusal.localized("zh_CN")
                continue
            assert isinstance(step, pick.Step)
            if step.kind == "done":
                return
        _consistent(database)

    drive()
    _consistent(database)
