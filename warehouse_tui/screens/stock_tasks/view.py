"""What the put-back and unpack screen shows at each stage, as text: the list of open tasks,
or the chosen task's heading, lines, shelf and prompt. Pure: the screen puts it on widgets.

Public API: ``task_screen(tasks, chosen, stage, location, part, room, t) -> Shown``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from shipping.unpacking import UnpackView
from warehouse.stock.put_back_tasks import PutBackView

Translate = Callable[..., str]
"""``t(key, **params)``: a UI sentence in the operator's language."""

UNPACK_PROMPTS = {
    "parcel": "tasks.unpack.scan",
    "part_location": "tasks.unpack.line_shelf",
    "part_item": "tasks.put_back.item",
    "part_qty": "tasks.unpack.line_qty",
}


@dataclass(frozen=True)
class Shown:
    head: str = ""
    body: str = ""
    where: str = ""
    """The shelf to show large (empty: none)."""
    prompt: str = ""


def task_rows(tasks: Sequence[PutBackView | UnpackView], room: int, t: Translate) -> list[str]:
    """One row per open task, as many as fit in ``room`` rows, then how many more there are."""
    rows = []
    for n, task in enumerate(tasks[:room], start=1):
        if isinstance(task, PutBackView):
            sku = f"{task.sku}/{task.lot}" if task.lot else task.sku
            rows.append(
                t(
                    "tasks.row.put_back",
                    n=n,
                    sku=sku,
                    qty=task.qty,
                    source=task.source,
                    location=task.location,
                )
            )
        else:
            rows.append(t("tasks.row.unpack", n=n, tracking=task.tracking_no, units=task.units))
    if len(tasks) > room:
        rows.append(t("tasks.more", count=len(tasks) - room))
    return rows


def task_screen(
    tasks: Sequence[PutBackView | UnpackView],
    chosen: PutBackView | UnpackView | None,
    stage: str,
    location: str,
    part: int,
    room: int,
    t: Translate,
) -> Shown:
    if stage == "list" or chosen is None:
        return Shown(
            head=t("tasks.title", count=len(tasks)),
            body="\n".join(task_rows(tasks, room, t)) or t("tasks.none"),
            prompt=t("tasks.choose") if tasks else "",
        )
    if isinstance(chosen, PutBackView):
        prompt = {
            "location": t("tasks.put_back.location"),
            "confirm": t("tasks.put_back.elsewhere", scanned=location),
            "item": t("tasks.put_back.item"),
            "qty": t("tasks.put_back.qty", left=chosen.qty),
        }.get(stage, "")
        return Shown(
            head=t("tasks.put_back.head", sku=chosen.sku, qty=chosen.qty, source=chosen.source),
            body=t("tasks.lot", lot=chosen.lot) if chosen.lot else "",
            where=chosen.location
            if stage in ("location", "confirm")
            else location or chosen.location,
            prompt=prompt,
        )
    working = stage != "parcel"
    marks = {True: "✓ ", False: "→ "}
    body = "\n".join(
        (marks.get(n < part, "") if working and n <= part else "  ")
        + t("tasks.unpack.line", sku=line.sku, qty=line.qty, location=line.location)
        + (f" {line.lot}" if line.lot else "")
        for n, line in enumerate(chosen.lines)
    )
    current = chosen.lines[part] if part < len(chosen.lines) else None
    key = UNPACK_PROMPTS.get(stage)
    prompt = ""
    if key is not None:
        prompt = t(key, sku=current.sku if current else "", qty=current.qty if current else 0)
    return Shown(
        head=t("tasks.unpack.head", tracking=chosen.tracking_no, order=chosen.order_sn),
        body=body,
        where=current.location if working and current is not None else "",
        prompt=prompt,
    )
