"""A loopback stand-in for a 9100 thermal printer: accepts connections, reads until EOF."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Received:
    data: bytes
    opened: float
    closed: float


@dataclass
class Listener:
    port: int = 0
    slow_s: float = 0.0
    """Wait this long before reading each connection (to show that senders take turns)."""
    jobs: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # A small receive buffer, as a printer has: the sender learns when the bytes are read.
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self._server.bind(("127.0.0.1", self.port))
        self._server.listen(8)
        self.port = self._server.getsockname()[1]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            opened = time.monotonic()
            threading.Thread(target=self._read, args=(conn, opened), daemon=True).start()

    def _read(self, conn: socket.socket, opened: float) -> None:
        time.sleep(self.slow_s)
        chunks = []
        with conn:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        with self._lock:
            self.jobs.append(Received(b"".join(chunks), opened, time.monotonic()))

    def wait(self, count: int, timeout_s: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.jobs) >= count:
                    return list(self.jobs)
            time.sleep(0.01)
        raise AssertionError(f"{count} jobs expected, {len(self.jobs)} received")

    def close(self) -> None:
        self._server.close()


def free_port() -> int:
    """A port nobody listens on (so a connection to it is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
