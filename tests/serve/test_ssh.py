"""A handheld over SSH, as the README's Handhelds section describes: a loopback sshd (Debian's
openssh-server, started here on a free port with its own host key and config) whose user
``wmsrf`` has the wms login shell; ``ssh -tt`` with a 40x16 pseudo-terminal reaches the login
screen, and a picker logs in. The screen is read through a terminal emulator (pyte)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY
from tests.serve.conftest import free_port, need

REQUIRE = "WMS_REQUIRE_SSH"
USER = "wmsrf"
SHELL = Path("/usr/local/bin/wms-shell-test")
SHELL_SCRIPT = """#!/bin/sh
# The handheld user's login shell (README, Handhelds). The test's sshd sets WMS_CONFIG,
# WMS_SECRET_KEY and WMS_PYTHON (the project's interpreter) with SetEnv.
exec "$WMS_PYTHON" -m warehouse_tui.cli
"""
ROWS, COLUMNS = 16, 40


@dataclass(frozen=True)
class Sshd:
    port: int
    client_key: Path
    site: Path


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True)


def _prepare_user(home_site: Path) -> None:
    """The user with the wms login shell (created once, as .ci/run does), able to reach the
    project's interpreter."""
    if subprocess.run(["id", USER], capture_output=True).returncode != 0:
        _run("useradd", "--create-home", "--shell", str(SHELL), USER)
    _run("usermod", "--shell", str(SHELL), "--password", "*", USER)  # no password, not locked
    if not SHELL.exists() or SHELL.read_text() != SHELL_SCRIPT:
        SHELL.write_text(SHELL_SCRIPT)
        SHELL.chmod(0o755)
    python = Path(sys.executable).resolve()
    for parent in python.parents:  # e.g. a pyenv under /root: let the user pass, not list
        if parent != Path("/") and not os.stat(parent).st_mode & 0o001:
            _run(need("setfacl", REQUIRE), "-m", f"u:{USER}:x", str(parent))
    home_site.mkdir(parents=True)


@pytest.fixture
def sshd(site: Path, tmp_path: Path) -> Iterator[Sshd]:
    daemon = need("/usr/sbin/sshd", REQUIRE)
    keygen = need("ssh-keygen", REQUIRE)
    need("ssh", REQUIRE)
    if os.geteuid() != 0:
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"starting sshd for another user needs root, and {REQUIRE}=1")
        pytest.skip("starting sshd for another user needs root")
    home = Path(f"/home/{USER}")
    home_site = home / f"site-{uuid.uuid4().hex[:8]}"
    _prepare_user(home_site)
    try:
        # The site lives where the user can write it: the demo database and its config.
        database = next(site.parent.parent.glob("demo.db"))
        shutil.copy(database, home_site / "demo.db")
        text = site.read_text(encoding="utf-8")
        start = text.index('url = "') + len('url = "')
        end = text.index('"', start)
        config = home_site / "config.toml"
        config.write_text(
            text[:start] + f"sqlite:///{home_site / 'demo.db'}" + text[end:], encoding="utf-8"
        )
        for key in ("host_key", "client_key"):
            _run(keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / key))
        ssh_dir = home / ".ssh"
        ssh_dir.mkdir(exist_ok=True)
        (ssh_dir / "authorized_keys").write_text((tmp_path / "client_key.pub").read_text())
        _run("chown", "-R", f"{USER}:{USER}", str(ssh_dir), str(home_site))
        (ssh_dir / "authorized_keys").chmod(0o600)
        port = free_port()
        env = (
            f"WMS_CONFIG={config} WMS_SECRET_KEY={TEST_KEY} WMS_PYTHON={sys.executable} "
            f"WMS_LOG_DIR={home_site / 'log'} LANG=C.UTF-8"
        )
        (tmp_path / "sshd_config").write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp_path / 'host_key'}\n"
            f"PidFile {tmp_path / 'sshd.pid'}\nAuthorizedKeysFile .ssh/authorized_keys\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
            f"AllowUsers {USER}\nPrintMotd no\nPrintLastLog no\nStrictModes no\n"
            f"SetEnv {env}\n"
        )
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        log = (tmp_path / "sshd.log").open("wb")
        process = subprocess.Popen(
            [daemon, "-D", "-e", "-f", str(tmp_path / "sshd_config")], stdout=log, stderr=log
        )
        try:
            time.sleep(0.5)
            assert process.poll() is None, (tmp_path / "sshd.log").read_text()
            yield Sshd(port, tmp_path / "client_key", home_site)
        finally:
            process.terminate()
            process.wait(10)
            log.close()
    finally:
        shutil.rmtree(home_site, ignore_errors=True)


def screen_until(child: object, screen: object, stream: object, text: str, seconds: float) -> str:
    import pexpect
    import pyte

    assert isinstance(child, pexpect.spawn) and isinstance(screen, pyte.Screen)
    assert isinstance(stream, pyte.ByteStream)
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        try:
            stream.feed(child.read_nonblocking(65536, timeout=0.5))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            break
        shown = "\n".join(screen.display)
        if text in shown:
            return shown
    raise AssertionError(f"{text!r} never appeared; the screen:\n{shown}")


def test_a_handheld_reaches_the_login_screen_over_ssh(sshd: Sshd, tmp_path: Path) -> None:
    import pexpect
    import pyte

    ssh = need("ssh", REQUIRE)
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    child = pexpect.spawn(
        ssh,
        [
            "-tt",
            "-p",
            str(sshd.port),
            "-i",
            str(sshd.client_key),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            f"UserKnownHostsFile={tmp_path / 'known'}",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            f"{USER}@127.0.0.1",
        ],
        dimensions=(ROWS, COLUMNS),
        env={**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"},
    )
    try:
        shown = screen_until(child, screen, stream, "Scan your badge", 60)
        assert shown.splitlines()[0].strip() == "Log in"  # the app drew a 40x16 screen
        child.send("P001\r")
        screen_until(child, screen, stream, "Enter your PIN", 20)
        child.send("1111\r")
        screen_until(child, screen, stream, "Picker", 30)
    finally:
        child.terminate(force=True)
