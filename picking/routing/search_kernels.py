"""The compiled inner loops of :mod:`picking.routing.search` (numba, ``cache=True``).

Kept apart so that importing the routing package does not import numba: it is loaded on the
first search, and the machine code is compiled once per installation and cached.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray


@numba.njit(cache=True, inline="always")
def _mod(x: int, n: int) -> int:
    """``x % n`` for x in [-n, 2n): a compare instead of a division, in the inner loops."""
    if x >= n:
        return x - n
    if x < 0:
        return x + n
    return x


@numba.njit(cache=True)
def _reverse(t: NDArray[np.int64], pos: NDArray[np.int64], i: int, j: int) -> None:
    """Reverse the tour between positions i and j (forward from i, wrapping); or the rest."""
    n = len(t)
    length = _mod(j - i, n) + 1
    if 2 * length > n:  # the complement reversed is the same cycle, and shorter to do
        i, j = _mod(j + 1, n), _mod(i - 1, n)
        length = n - length
    for k in range(length // 2):
        a, b = _mod(i + k, n), _mod(j - k, n)
        ca, cb = t[a], t[b]
        t[a], t[b] = cb, ca
        pos[cb], pos[ca] = a, b


@numba.njit(cache=True)
def _move(
    t: NDArray[np.int64],
    pos: NDArray[np.int64],
    first: int,
    last: int,
    x: int,
    flip: bool,
    scratch: NDArray[np.int64],
) -> None:
    """Take the run first..last out of the tour and put it right after ``x`` (flipped if asked)."""
    n = len(t)
    i, j = pos[first], pos[last]
    size = _mod(j - i, n) + 1
    k = 0
    for r in range(n - size):  # the rest of the tour, from after the run round to before it
        c = t[_mod(j + 1 + r, n)]
        scratch[k] = c
        k += 1
        if c == x:
            for s in range(size):
                scratch[k] = t[_mod(j - s, n)] if flip else t[_mod(i + s, n)]
                k += 1
    for q in range(n):
        t[q] = scratch[q]
        pos[scratch[q]] = q


@numba.njit(cache=True)
def _improve_at(
    a: int,
    t: NDArray[np.int64],
    pos: NDArray[np.int64],
    d: NDArray[np.int64],
    near: NDArray[np.int64],
    touched: NDArray[np.int64],
    scratch: NDArray[np.int64],
    segment: int,
) -> int:
    """Apply the first improving move around ``a``; returns how many points it touched."""
    n = len(t)
    # 2-opt, with a's successor and with its predecessor.
    for forward in (True, False):
        b = t[_mod(pos[a] + 1, n)] if forward else t[_mod(pos[a] - 1, n)]
        dab = d[a, b]
        for m in range(near.shape[1]):
            c = near[a, m]
            dac = d[a, c]
            if dac >= dab:
                break
            e = t[_mod(pos[c] + 1, n)] if forward else t[_mod(pos[c] - 1, n)]
            if c == b or e == a:
                continue
            if dac + d[b, e] - dab - d[c, e] < 0:
                if forward:  # a→b … c→e becomes a→c … b→e
                    _reverse(t, pos, pos[b], pos[c])
                else:  # b→a … e→c becomes b→e … a→c
                    _reverse(t, pos, pos[a], pos[e])
                touched[0], touched[1], touched[2], touched[3] = a, b, c, e
                return 4
    # Or-opt: a run of 1..segment points starting or ending at a, moved between x and y.
    for size in range(1, segment + 1):
        if size > n - 3:
            break
        for forward in (True, False):
            if size == 1 and not forward:
                continue
            if forward:
                i = pos[a]
                j = _mod(i + size - 1, n)
            else:
                j = pos[a]
                i = _mod(j - size + 1, n)
            first, last = t[i], t[j]
            p, q = t[_mod(i - 1, n)], t[_mod(j + 1, n)]
            gain = d[p, first] + d[last, q] - d[p, q]
            if gain <= 0:
                continue
            for side in range(2):
                end = first if side == 0 else last
                for m in range(near.shape[1]):
                    c = near[end, m]
                    if d[end, c] >= gain:
                        break
                    if _mod(pos[c] - i, n) < size:
                        continue  # inside the run
                    for way in range(2):
                        if way == 0:
                            x, y = c, t[_mod(pos[c] + 1, n)]
                        else:
                            x, y = t[_mod(pos[c] - 1, n)], c
                        if _mod(pos[x] - i, n) < size or _mod(pos[y] - i, n) < size:
                            continue
                        # Keep ``end`` next to c: x-first…last-y, or x-last…first-y flipped.
                        flip = (side == 0) != (way == 0)
                        if flip:
                            add = d[x, last] + d[first, y] - d[x, y]
                        else:
                            add = d[x, first] + d[last, y] - d[x, y]
                        if add < gain:
                            _move(t, pos, first, last, x, flip, scratch)
                            touched[0], touched[1], touched[2] = p, q, x
                            touched[3], touched[4], touched[5] = y, first, last
                            return 6
    return 0


@numba.njit(cache=True)
def _local_search(
    t: NDArray[np.int64],
    pos: NDArray[np.int64],
    d: NDArray[np.int64],
    near: NDArray[np.int64],
    queue: NDArray[np.int64],
    count: int,
    queued: NDArray[np.bool_],
    scratch: NDArray[np.int64],
    segment: int,
) -> None:
    """Improve until no point in the queue has an improving move; ``queue[:count]`` starts it."""
    n = len(t)
    touched = np.empty(6, dtype=np.int64)
    head, tail = 0, count % n
    size = count
    for k in range(count):
        queued[queue[k]] = True
    while size:
        a = queue[head]
        head = _mod(head + 1, n)
        size -= 1
        queued[a] = False
        hits = _improve_at(a, t, pos, d, near, touched, scratch, segment)
        if hits:
            for h in range(-1, hits):
                c = a if h < 0 else touched[h]
                if not queued[c]:
                    queued[c] = True
                    queue[tail] = c
                    tail = _mod(tail + 1, n)
                    size += 1


@numba.njit(cache=True)
def _cost(t: NDArray[np.int64], d: NDArray[np.int64]) -> int:
    n = len(t)
    total = 0
    for k in range(n):
        total += d[t[k], t[_mod(k + 1, n)]]
    return total


@numba.njit(cache=True)
def search(
    order: NDArray[np.int64],
    d: NDArray[np.int64],
    near: NDArray[np.int64],
    kicks: int,
    seed: int,
    segment: int,
    reach: int,
) -> NDArray[np.int64]:
    n = len(order)
    t = order.copy()
    pos = np.empty(n, dtype=np.int64)
    for k in range(n):
        pos[t[k]] = k
    queue = np.empty(max(n, 6), dtype=np.int64)  # a kick lists six points, even when n is 5
    queued = np.zeros(n, dtype=np.bool_)
    scratch = np.empty(n, dtype=np.int64)
    for k in range(n):
        queue[k] = t[k]
    _local_search(t, pos, d, near, queue, n, queued, scratch, segment)
    best = t.copy()
    best_cost = _cost(t, d)
    state = seed % 2_147_483_647 or 1
    span = max(2, min(reach, n // 3))
    for _ in range(kicks):
        # Three cut points close together after a random start: A B C D becomes A C B D.
        state = state * 48271 % 2_147_483_647
        s = state % n
        state = state * 48271 % 2_147_483_647
        b = 1 + state % span
        state = state * 48271 % 2_147_483_647
        c = min(n - 1, b + 1 + state % span)
        k = 0
        scratch[k] = best[s]
        k += 1
        for r in range(b, c):
            scratch[k] = best[_mod(s + r, n)]
            k += 1
        for r in range(1, b):
            scratch[k] = best[_mod(s + r, n)]
            k += 1
        for r in range(c, n):
            scratch[k] = best[_mod(s + r, n)]
            k += 1
        for q in range(n):
            t[q] = scratch[q]
            pos[t[q]] = q
        queue[0], queue[1] = best[s], best[_mod(s + 1, n)]
        queue[2], queue[3] = best[_mod(s + b - 1, n)], best[_mod(s + b, n)]
        queue[4], queue[5] = best[_mod(s + c - 1, n)], best[_mod(s + c, n)]
        count = 0
        for q in range(6):  # distinct points only
            dup = False
            for r in range(count):
                if queue[r] == queue[q]:
                    dup = True
            if not dup:
                queue[count] = queue[q]
                count += 1
        _local_search(t, pos, d, near, queue, count, queued, scratch, segment)
        cost = _cost(t, d)
        if cost <= best_cost:
            best_cost = cost
            for q in range(n):
                best[q] = t[q]
    return best
