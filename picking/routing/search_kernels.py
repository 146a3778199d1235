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


@numba.njit(cache=True, inline="always")
def _note(log: NDArray[np.int64], start: int, length: int) -> None:
    """Record that positions start..start+length-1 (wrapping) changed since the last kick.

    ``log[0, 0]`` counts the ranges; past the log's end ``log[0, 1]`` says "all changed"."""
    k = log[0, 0] + 1
    if k >= len(log):
        log[0, 1] = 1
        return
    log[0, 0] = k
    log[k, 0], log[k, 1] = start, length


@numba.njit(cache=True)
def _reverse(
    t: NDArray[np.int64], pos: NDArray[np.int64], i: int, j: int, log: NDArray[np.int64]
) -> None:
    """Reverse the tour between positions i and j (forward from i, wrapping); or the rest."""
    n = len(t)
    length = _mod(j - i, n) + 1
    if 2 * length > n:  # the complement reversed is the same cycle, and shorter to do
        i, j = _mod(j + 1, n), _mod(i - 1, n)
        length = n - length
    if length < 2:
        return
    _note(log, i, length)
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
    log: NDArray[np.int64],
) -> None:
    """Take the run first..last out of the tour and put it right after ``x`` (flipped if asked).

    With the run S, the stretch R from after it to x and the rest T, the tour S R T becomes
    R S T: rewritten either as R S over the place of S R, or as S T over the place of T S
    (the same cycle), whichever is shorter; nothing else moves."""
    n = len(t)
    i, j = pos[first], pos[last]
    size = _mod(j - i, n) + 1
    r = _mod(pos[x] - j, n)  # R's length
    k = 0
    if r <= n - size - r:  # R S over S R, from position i
        start = i
        for q in range(r):
            scratch[k] = t[_mod(j + 1 + q, n)]
            k += 1
        for s in range(size):
            scratch[k] = t[_mod(j - s, n)] if flip else t[_mod(i + s, n)]
            k += 1
    else:  # S T over T S, from y's position
        start = _mod(pos[x] + 1, n)
        for s in range(size):
            scratch[k] = t[_mod(j - s, n)] if flip else t[_mod(i + s, n)]
            k += 1
        for q in range(n - size - r):
            scratch[k] = t[_mod(start + q, n)]
            k += 1
    _note(log, start, k)
    for q in range(k):
        c = scratch[q]
        p = _mod(start + q, n)
        t[p] = c
        pos[c] = p


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
    log: NDArray[np.int64],
) -> tuple[int, int]:
    """Apply the first improving move around ``a``: (points it touched, length saved)."""
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
            delta = dac + d[b, e] - dab - d[c, e]
            if delta < 0:
                if forward:  # a→b … c→e becomes a→c … b→e
                    _reverse(t, pos, pos[b], pos[c], log)
                else:  # b→a … e→c becomes b→e … a→c
                    _reverse(t, pos, pos[a], pos[e], log)
                touched[0], touched[1], touched[2], touched[3] = a, b, c, e
                return 4, -delta
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
            for side in range(1 if size == 1 else 2):  # one point: both ends are the same
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
                            _move(t, pos, first, last, x, flip, scratch, log)
                            touched[0], touched[1], touched[2] = p, q, x
                            touched[3], touched[4], touched[5] = y, first, last
                            return 6, gain - add
    return 0, 0


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
    log: NDArray[np.int64],
) -> int:
    """Improve until no point in the queue has an improving move; ``queue[:count]`` starts it.

    Returns the length saved."""
    n = len(t)
    touched = np.empty(6, dtype=np.int64)
    head, tail = 0, count % n
    size = count
    saved = 0
    for k in range(count):
        queued[queue[k]] = True
    while size:
        a = queue[head]
        head = _mod(head + 1, n)
        size -= 1
        queued[a] = False
        hits, gain = _improve_at(a, t, pos, d, near, touched, scratch, segment, log)
        saved += gain
        if hits:
            for h in range(-1, hits):
                c = a if h < 0 else touched[h]
                if not queued[c]:
                    queued[c] = True
                    queue[tail] = c
                    tail = _mod(tail + 1, n)
                    size += 1
    return saved


@numba.njit(cache=True)
def _cost(t: NDArray[np.int64], d: NDArray[np.int64]) -> int:
    n = len(t)
    total = 0
    for k in range(n):
        total += d[t[k], t[_mod(k + 1, n)]]
    return total


@numba.njit(cache=True)
def _settle(
    src: NDArray[np.int64],
    dst: NDArray[np.int64],
    pos: NDArray[np.int64],
    log: NDArray[np.int64],
) -> None:
    """Copy the positions changed since the kick from ``src`` to ``dst`` (pos follows ``dst``
    when given the working tour's index, else it is left alone)."""
    n = len(src)
    if log[0, 1]:
        for q in range(n):
            dst[q] = src[q]
            pos[dst[q]] = q
        return
    for r in range(1, log[0, 0] + 1):
        start, length = log[r, 0], log[r, 1]
        for k in range(length):
            q = _mod(start + k, n)
            dst[q] = src[q]
            pos[dst[q]] = q


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
    log = np.zeros((n + 64, 2), dtype=np.int64)
    for k in range(n):
        queue[k] = t[k]
    _local_search(t, pos, d, near, queue, n, queued, scratch, segment, log)
    best = t.copy()
    best_pos = pos.copy()  # kept up to date by _settle, not read
    best_cost = _cost(t, d)
    state = seed % 2_147_483_647 or 1
    span = max(2, min(reach, n // 3))
    for _ in range(kicks):
        # Three cut points close together after a random start: A B C D becomes A C B D,
        # done on the working tour (equal to the best here) over the stretch B C alone.
        state = state * 48271 % 2_147_483_647
        s = state % n
        state = state * 48271 % 2_147_483_647
        b = 1 + state % span
        state = state * 48271 % 2_147_483_647
        c = min(n - 1, b + 1 + state % span)
        log[0, 0], log[0, 1] = 0, 0
        before = 0
        for r in range(c):
            before += d[t[_mod(s + r, n)], t[_mod(s + r + 1, n)]]
        queue[0], queue[1] = t[s], t[_mod(s + 1, n)]
        queue[2], queue[3] = t[_mod(s + b - 1, n)], t[_mod(s + b, n)]
        queue[4], queue[5] = t[_mod(s + c - 1, n)], t[_mod(s + c, n)]
        k = 0
        for r in range(b, c):
            scratch[k] = t[_mod(s + r, n)]
            k += 1
        for r in range(1, b):
            scratch[k] = t[_mod(s + r, n)]
            k += 1
        for r in range(k):
            q = _mod(s + 1 + r, n)
            t[q] = scratch[r]
            pos[t[q]] = q
        _note(log, _mod(s + 1, n), k)
        after = 0
        for r in range(c):
            after += d[t[_mod(s + r, n)], t[_mod(s + r + 1, n)]]
        count = 0
        for q in range(6):  # distinct points only
            dup = False
            for r in range(count):
                if queue[r] == queue[q]:
                    dup = True
            if not dup:
                queue[count] = queue[q]
                count += 1
        saved = _local_search(t, pos, d, near, queue, count, queued, scratch, segment, log)
        cost = best_cost + after - before - saved
        if cost <= best_cost:  # kept: the best tour takes the changed stretches
            best_cost = cost
            _settle(t, best, best_pos, log)
        else:  # undone: the working tour takes them back
            _settle(best, t, pos, log)
    return best
