"""The states and transition tables of the aisle sweep (any number of cross-aisles).

Public API
----------
``sweep_tables(cross_aisles: int) -> SweepTables``
    The state space and integer transition tables for floors with ``cross_aisles``
    cross-aisles, built once per count and kept (they depend on edge patterns only, never on
    distances). ``MAX_CROSS_AISLES`` is the largest count :mod:`picking.routing.sweep` uses:
    the states number 7, 25, 113, 569, 3,033 and 16,769 for 2 to 7 cross-aisles.
``VERTICAL``: the sub-aisle options by index (``none``, ``through``, ``double``, ``front``,
``back``, ``split``); ``STEPS_OF_A_CROSSING``: an edge is taken 0, 1 or 2 times.

The sweep goes aisle by aisle, left to right. A partial tour (copies of sub-aisle pieces and
of cross-aisle segments between adjacent aisles) is summarised by its *frontier*: one position
per cross-aisle, holding the vertex where the aisle meets that cross-aisle. A position says
whether its vertex is absent (no edge yet), of odd degree or of even degree, and which present
positions lie in the same connected piece; and there is one more state, ``CLOSED``, for a tour
already finished. ``EMPTY`` (nothing yet) is the all-absent state.

One aisle is a sequence of small steps. First one per block (front to back): the option
chosen for its sub-aisle adds edges at its front and back vertices, and ``through`` and
``double`` join the two. Then one per cross-aisle (front to back): the segment to the next
aisle is taken 0, 1 or 2 times; the frontier position then passes from this aisle's vertex to
the next aisle's. A vertex leaving the frontier must have even degree, and a piece may leave
it only if it is the last one (the tour is then closed); every other piece must keep a vertex
on the frontier, or it could never be joined again. A required vertex (the depot, or a pick
on a cross-aisle) must be present when it leaves. Labels are renumbered in order of first
appearance, so equal summaries are equal states.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

MAX_CROSS_AISLES = 6
"""Up to 6 cross-aisles (5 blocks) the state space stays small (see ``docs/routing.md``)."""

VERTICAL: tuple[str, ...] = ("none", "through", "double", "front", "back", "split")
# (edges added at the block's front vertex, at its back vertex, whether they join the two)
_VERTICAL_EDGES: tuple[tuple[int, int, bool], ...] = (
    (0, 0, False),
    (1, 1, True),
    (2, 2, True),
    (2, 0, False),
    (0, 2, False),
    (2, 2, False),
)
STEPS_OF_A_CROSSING = 3
_ADD = ((0, 1, 2), (1, 2, 1), (2, 1, 2))  # _ADD[edges][degree]: 0 absent, 1 odd, 2 even

# A state: (degrees, labels) with label 0 for an absent position, pieces numbered from 1.
State = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class SweepTables:
    """Transition tables over integer states; -1 marks a move that is not allowed.

    ``vertical[b, s, o]``: the state after option ``o`` on block ``b``'s sub-aisle.
    ``crossing[r, k, s, m]``: after taking cross-aisle ``k``'s segment ``m`` times, where
    ``r = 1`` if the vertex leaving the frontier is required (it must then be present).
    """

    cross_aisles: int
    states: tuple[State, ...]
    empty: int
    closed: int
    vertical: NDArray[np.int32]
    crossing: NDArray[np.int32]


def _canonical(degrees: list[int], labels: list[int]) -> State:
    renumber: dict[int, int] = {}
    out = []
    for label in labels:
        if label:
            renumber.setdefault(label, len(renumber) + 1)
            out.append(renumber[label])
        else:
            out.append(0)
    return tuple(degrees), tuple(out)


_CLOSED: State = ((-1,), (-1,))


def _after_vertical(state: State, block: int, option: int) -> State | None:
    if state == _CLOSED:
        return _CLOSED if option == 0 else None
    front, back, joins = _VERTICAL_EDGES[option]
    degrees, labels = list(state[0]), list(state[1])
    fresh = max(labels, default=0) + 1
    for position, edges in ((block, front), (block + 1, back)):
        if edges and not labels[position]:
            labels[position] = fresh  # a new piece: a walk into the sub-aisle and back
            fresh += 1
        degrees[position] = _ADD[edges][degrees[position]]
    if joins:
        keep, gone = labels[block], labels[block + 1]
        labels = [keep if label == gone else label for label in labels]
    return _canonical(degrees, labels)


def _after_crossing(state: State, k: int, times: int, required: bool) -> State | None:
    if state == _CLOSED:
        return _CLOSED if times == 0 and not required else None
    degrees, labels = list(state[0]), list(state[1])
    degree, label = degrees[k], labels[k]
    left = _ADD[times][degree]  # the vertex leaving the frontier, with its last edges
    if left == 1 or (required and not left):
        return None
    if times:
        degrees[k] = _ADD[times][0]  # the next aisle's vertex: odd after 1 edge, even after 2
        labels[k] = label or max(labels, default=0) + 1
        return _canonical(degrees, labels)
    degrees[k], labels[k] = 0, 0
    if label and label not in labels:  # the piece has lost its last frontier vertex
        return _CLOSED if not any(labels) else None
    return _canonical(degrees, labels)


@cache
def sweep_tables(cross_aisles: int) -> SweepTables:
    if cross_aisles < 2:
        raise ValueError("a floor has at least two cross-aisles (front and back)")
    blocks = cross_aisles - 1
    empty: State = ((0,) * cross_aisles, (0,) * cross_aisles)
    index: dict[State, int] = {empty: 0, _CLOSED: 1}
    states: list[State] = [empty, _CLOSED]
    vertical: dict[tuple[int, int, int], int] = {}
    crossing: dict[tuple[int, int, int, int], int] = {}

    def number(state: State) -> int:
        if state not in index:
            index[state] = len(states)
            states.append(state)
        return index[state]

    # Sweep aisles until the states at the start of an aisle stop growing.
    at_start = {0}
    seen_start: set[int] = set()
    while at_start - seen_start:
        seen_start |= at_start
        current = set(seen_start)
        for block in range(blocks):
            following = set()
            for s in current:
                for option in range(len(VERTICAL)):
                    new = _after_vertical(states[s], block, option)
                    if new is not None:
                        vertical[block, s, option] = t = number(new)
                        following.add(t)
            current = following
        for k in range(cross_aisles):
            following = set()
            for s in current:
                for required in (0, 1):
                    for times in range(STEPS_OF_A_CROSSING):
                        new = _after_crossing(states[s], k, times, bool(required))
                        if new is not None:
                            crossing[required, k, s, times] = t = number(new)
                            following.add(t)
            current = following
        at_start = current | {0}
    n = len(states)
    vertical_table = np.full((max(blocks, 1), n, len(VERTICAL)), -1, dtype=np.int32)
    for (block, s, option), t in vertical.items():
        vertical_table[block, s, option] = t
    crossing_table = np.full((2, cross_aisles, n, STEPS_OF_A_CROSSING), -1, dtype=np.int32)
    for (required, k, s, times), t in crossing.items():
        crossing_table[required, k, s, times] = t
    return SweepTables(cross_aisles, tuple(states), 0, 1, vertical_table, crossing_table)
