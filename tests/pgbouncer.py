"""A real PgBouncer in transaction mode on a free loopback port, in front of the test server.

Started as a subprocess with a generated ini (``pool_mode = transaction``, trust, a userlist);
``server_pool`` server connections are shared by every client, so a client's next transaction
may run on another server session (or after another client's on the same one): whatever relies
on session state fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _binary() -> str:
    found = shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )
    if found is None:
        message = "PgBouncer is not installed (apt-get install pgbouncer)"
        if os.environ.get("WMS_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


@contextmanager
def pgbouncer(server_url: str, *, server_pool: int = 2) -> Iterator[str]:
    """PgBouncer in transaction mode in front of ``server_url``'s server; yields the URL of
    the same database through it."""
    url = make_url(server_url)
    user = url.username or "postgres"
    folder = Path(tempfile.mkdtemp(prefix="wms-pgbouncer-"))
    folder.chmod(0o777)  # run as root, PgBouncer drops to the postgres user (-u)
    port = _free_port()
    (folder / "userlist.txt").write_text(f'"{user}" ""\n', encoding="utf-8")
    (folder / "pgbouncer.ini").write_text(
        "\n".join(
            [
                "[databases]",
                f"* = host={url.host or '127.0.0.1'} port={url.port or 5432}",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                f"listen_port = {port}",
                "unix_socket_dir =",
                "auth_type = trust",
                f"auth_file = {folder / 'userlist.txt'}",
                "pool_mode = transaction",
                f"default_pool_size = {server_pool}",
                "max_client_conn = 200",
                "server_reset_query =",
                f"logfile = {folder / 'pgbouncer.log'}",
                f"pidfile = {folder / 'pgbouncer.pid'}",
                "",
            ]
        ),
        encoding="utf-8",
    )
    command = [_binary()]
    if os.geteuid() == 0:
        command += ["-u", "postgres"]
    process = subprocess.Popen(
        [*command, str(folder / "pgbouncer.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (folder / "pgbouncer.log").read_text(errors="replace")
                        if (folder / "pgbouncer.log").exists()
                        else ""
                    )
                    output = (
                        process.stdout.read().decode(errors="replace") if process.stdout else ""
                    )
                    raise RuntimeError(f"PgBouncer did not start: {output}{log}") from None
                time.sleep(0.1)
        yield url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)
