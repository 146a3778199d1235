"""What the packer reads: the order and its lines, the parcel (box, weight, carrier, print)
and the discrepancies. Shown literally (scanned and merchant text is data, not markup)."""

from __future__ import annotations

from rich.text import Text

from packing.station import StationView
from warehouse.words import registered
from warehouse_tui.i18n import tr


def _say(key: str, language: str, **params: object) -> str:
    words = registered().get(key)
    return words.render(language, **params) if words else key


def head_text(view: StationView, language: str) -> Text:
    if view.stage == "idle":
        return Text(tr("pack.idle", language))
    where = " ".join(p for p in (view.cart, view.tote) if p)
    return Text(
        tr(
            "pack.head",
            language,
            order=view.order_sn,
            where=where or "-",
            parcel=view.parcel_no,
            done=view.done_units,
            total=view.total_units,
        )
    )


def lines_text(view: StationView, language: str, width: int = 120) -> Text:
    text = Text()
    for n, line in enumerate(view.lines, start=1):
        mark = "✓" if line.left == 0 else "·"
        style = "bold yellow" if (line.fragile or line.high_value) else ""
        counts = f"{line.packed}/{line.expected}"
        if line.short:
            counts += " " + tr("pack.short_n", language, n=line.short)
        name = line.name(language)[: max(10, width - 40)]
        text.append(f"{mark} {n:>2} {line.sku_code:<12} {counts:<12} {name}\n", style=style)
        for note in line.notes:
            text.append(f"      ! {_say(note, language)}\n", style="yellow")
    return text


def parcel_text(view: StationView, language: str) -> Text:
    if view.stage == "idle":
        return Text("")
    parts = [tr("pack.parcel", language, n=view.parcel_no)]
    if view.box:
        box = view.box if view.box == view.box_suggested else f"{view.box} ({view.box_suggested})"
        parts.append(tr("pack.box", language, box=box))
    if view.last_weight_kg is not None:
        parts.append(tr("pack.weight", language, kg=str(view.last_weight_kg)))
    if view.carrier:
        parts.append(tr("pack.carrier", language, carrier=view.carrier))
    text = Text("  ".join(parts))
    for closed in view.parcels:
        shown = f"{closed.box} {closed.carrier} {closed.tracking_no}"
        if closed.voided:
            text.append("\n  ✗ " + tr("pack.voided", language, parcel=shown), style="dim")
        else:
            text.append("\n  ▣ " + shown)
    if view.print_state:
        text.append("\n" + print_line(view, language), style=_PRINT_STYLE.get(view.print_state, ""))
    return text


_PRINT_STYLE = {"printed": "green", "failed": "bold red"}


def print_line(view: StationView, language: str) -> str:
    """One sentence: what was printed, or why not and how to print again."""
    notes = list(view.print_note)
    if view.print_state == "failed" and notes:
        jobs = str(notes[0].params.get("jobs", "-"))
        why = notes[1].render(language).rstrip(".。") if len(notes) > 1 else "-"
        return tr("pack.print.failed", language, why=why, jobs=jobs)
    return " ".join(m.render(language) for m in notes)


def discrepancies_text(view: StationView, language: str, limit: int = 5) -> Text:
    if not view.discrepancies:
        return Text("")
    text = Text(tr("pack.discrepancies", language) + "\n", style="bold")
    for message in view.discrepancies[:limit]:
        text.append("  ✗ " + message.render(language) + "\n", style="red")
    return text


def prompt_key(view: StationView) -> str:
    return f"pack.prompt.{view.stage}"
