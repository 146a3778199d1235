"""A supervisor opens the terminal app in a browser: ``wms serve`` on loopback, headless
Chromium (Debian's, driven by selenium through Debian's chromedriver), log in as the demo
supervisor, open the shift figures, and a screenshot lands in the test's output."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.serve.conftest import app_env, free_port, need
from warehouse.db import Database
from warehouse.models import AuditEvent

REQUIRE = "WMS_REQUIRE_BROWSER"
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


def wait_for(check: object, seconds: float, what: str) -> None:
    assert callable(check)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(site: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warehouse_tui.cli",
            "--config",
            str(site),
            "serve",
            "--port",
            str(port),
        ],
        env=app_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                return bool(answer.status == 200)
        except OSError:
            return False

    try:
        wait_for(up, 30, "wms serve to answer")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def logins(database: Database, badge: str) -> int:
    with database.unit_of_work(read_only=True) as session:
        return len(
            session.scalars(
                select(AuditEvent.id).where(
                    AuditEvent.action == "user.login", AuditEvent.entity_id == badge
                )
            ).all()
        )


def test_a_supervisor_logs_in_through_a_browser(
    served: str, demo_database: Database, tmp_path: Path
) -> None:
    chromium = need("/usr/bin/chromium", REQUIRE)
    driver_path = need("/usr/bin/chromedriver", REQUIRE)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        browser.get(served)
        # The app's first bytes hide the intro; then the terminal takes keys.
        wait_for(
            lambda: (
                "-first-byte"
                in (browser.find_element(By.TAG_NAME, "body").get_attribute("class") or "")
            ),
            30,
            "the app's first screen",
        )
        time.sleep(1.0)
        keys = browser.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")
        before = logins(demo_database, "S001")
        keys.send_keys("S001", Keys.ENTER)
        time.sleep(0.5)
        keys.send_keys("3333", Keys.ENTER)
        wait_for(lambda: logins(demo_database, "S001") > before, 30, "the supervisor's login")
        time.sleep(1.5)
        home = tmp_path / "browser-home.png"
        assert browser.save_screenshot(str(home))
        keys.send_keys("9")  # the shift figures
        time.sleep(2.0)
        shot = tmp_path / "browser-figures.png"
        assert browser.save_screenshot(str(shot))
        png = shot.read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000
        assert png != home.read_bytes()  # the figures screen replaced the home screen
    finally:
        browser.quit()
