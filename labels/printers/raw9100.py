"""A thermal printer on raw TCP port 9100: connect, send every byte, close (that ends the job).

Only one sender at a time writes to a printer: two interleaved streams would print garbage.
Senders in this process wait on a lock per printer, and senders in other processes on this host
on a lock file; a printer on the LAN itself takes one 9100 connection at a time.
"""

from __future__ import annotations

import fcntl
import socket
import struct
import tempfile
import termios
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from labels.errors import PrintFailed

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()
LOCK_DIR = Path(tempfile.gettempdir()) / "wms-printers"


def parse_target(target: str) -> tuple[str, int]:
    host, _, port = target.rpartition(":")
    if not host:
        return target, 9100
    return host.strip("[]"), int(port)


@contextmanager
def exclusive(target: str) -> Iterator[None]:
    """Hold the printer: a lock in this process and a lock file for other processes."""
    with _locks_guard:
        lock = _locks.setdefault(target, threading.Lock())
    with lock:
        LOCK_DIR.mkdir(parents=True, exist_ok=True)
        path = LOCK_DIR / (target.replace(":", "_").replace("/", "_") + ".lock")
        with open(path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _unacknowledged(sock: socket.socket) -> int:
    """Bytes sent but not yet acknowledged by the printer (Linux ``SIOCOUTQ``)."""
    raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
    return int(struct.unpack("i", raw)[0])


def _drain(sock: socket.socket, timeout_s: float) -> None:
    """Wait until the printer has taken every byte: only then is the printer free for the next
    sender, and the job printed rather than stuck in our send buffer. A printer that stops
    reading (out of labels, head open) leaves bytes unacknowledged and times out here."""
    deadline = time.monotonic() + timeout_s
    while _unacknowledged(sock) > 0:
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.002)


class Raw9100:
    def __init__(self, name: str, target: str, *, timeout_s: float) -> None:
        self.name = name
        self.target = target
        self.timeout_s = timeout_s

    def send(self, content: bytes, *, title: str, media: str, raw: bool) -> str:
        host, port = parse_target(self.target)
        facts = {"printer": self.name, "target": self.target}
        with exclusive(self.target):
            try:
                with socket.create_connection((host, port), timeout=self.timeout_s) as sock:
                    sock.sendall(content)
                    sock.shutdown(socket.SHUT_WR)
                    _drain(sock, self.timeout_s)
            except ConnectionRefusedError:
                raise PrintFailed.key("labels.refused", **facts) from None
            except TimeoutError:
                raise PrintFailed.key(
                    "labels.timeout", seconds=f"{self.timeout_s:g}", **facts
                ) from None
            except OSError as exc:
                detail = exc.strerror or type(exc).__name__
                raise PrintFailed.key("labels.unreachable", detail=detail, **facts) from None
        return self.target
