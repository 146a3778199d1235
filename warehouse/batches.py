"""The pick batch (a cart) state machine: ``open → claimed → in_progress → done``, and back
to ``open`` when the cart is given back. Every move is :func:`move_batch`, which checks the
move and writes the audit event in the caller's transaction, as ``orders.transition`` does.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.errors import StateError
from warehouse.models import PickBatch
from warehouse.states import BatchState
from warehouse.words import Words

MOVES: dict[BatchState, frozenset[BatchState]] = {
    BatchState.OPEN: frozenset({BatchState.CLAIMED, BatchState.DONE}),
    BatchState.CLAIMED: frozenset({BatchState.IN_PROGRESS, BatchState.OPEN, BatchState.DONE}),
    BatchState.IN_PROGRESS: frozenset({BatchState.OPEN, BatchState.DONE}),
    BatchState.DONE: frozenset(),
}
AUDIT_ACTIONS = {
    BatchState.CLAIMED: "pick.claim",
    BatchState.IN_PROGRESS: "pick.start",
    BatchState.OPEN: "pick.release",
    BatchState.DONE: "pick.batch_done",
}
ACTIVE = (BatchState.CLAIMED, BatchState.IN_PROGRESS)
"""A picker holds the cart."""

BAD_MOVE = Words(
    en="Cart {code} is {current} and cannot become {target}.",
    zh="拣货车 {code} 当前为 {current}，不能变为 {target}。",
)


def can_move(current: str, target: str) -> bool:
    return BatchState(target) in MOVES.get(BatchState(current), frozenset())


def move_batch(
    session: Session,
    batch: PickBatch,
    target: BatchState,
    actor: Actor,
    *,
    note: str = "",
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
) -> None:
    """Move ``batch`` to ``target``; ``before``/``after`` add to the audit event's figures."""
    current = batch.state
    if current == target:
        return
    if not can_move(current, target):
        raise StateError.of(
            BAD_MOVE, code=batch.code, current=current.replace("_", " "), target=target
        )
    batch.state = target
    record(
        session,
        actor,
        AUDIT_ACTIONS[target],
        "pick_batch",
        batch.code,
        before={"state": current, **(before or {})},
        after={"state": str(target), **(after or {})},
        note=note,
    )
