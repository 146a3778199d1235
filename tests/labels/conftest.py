"""Label fixtures: settings with routing rules and printers, a packed order, real tools.

The tools are real: ``pdftoppm``, ``pdffonts``, ``pdftotext`` (poppler-utils), a barcode reader
(zxing-cpp), and for the CUPS tests a running cupsd with a cups-pdf queue, which the
``cups_queue`` fixture starts and creates when they are missing.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from warehouse.config import Settings

ROUTES = {
    "SF": {
        "size": "100x150mm",
        "service_names": {"standard": "顺丰标快"},
        "routes": [
            {"prefix": "广东省", "routing_code": "020-GD", "hub": "广州集散中心"},
            {"prefix": "广东省深圳市", "routing_code": "755-W12-03", "hub": "深圳转运中心"},
        ],
    },
    "ZTO": {
        "size": "76x130mm",
        "routes": [{"prefix": "广东省", "routing_code": "755-A1 23", "hub": "深圳中心"}],
    },
}


def label_settings(tmp_path: Path, **labels: object) -> Settings:
    data: dict[str, object] = {"carriers": ROUTES}
    data.update(labels)
    return Settings.model_validate(
        {
            "labels": data,
            "printers": [
                {
                    "name": "folder",
                    "kind": "file",
                    "target": str(tmp_path / "out"),
                    "format": "pdf",
                },
                {
                    "name": "zebra",
                    "kind": "raw9100",
                    "target": "127.0.0.1:1",
                    "format": "zpl",
                    "timeout_s": 1.0,
                },
            ],
            "source": tmp_path / "config.toml",
        }
    )


@pytest.fixture
def lsettings(tmp_path: Path) -> Settings:
    return label_settings(tmp_path)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: .ci/run installs it (apt-get install poppler-utils cups)")
    return path


def render(pdf: bytes, *, dpi: int = 203, page: int = 1) -> Image.Image:
    """One page as a 1-bit image at the printer's resolution, as a thermal head prints it."""
    done = subprocess.run(
        [need("pdftoppm"), "-r", str(dpi), "-mono", "-f", str(page), "-l", str(page), "-png", "-"],
        input=pdf, capture_output=True, check=True,
    )  # fmt: skip
    return Image.open(io.BytesIO(done.stdout)).convert("L")


def decode(image: Image.Image) -> list[tuple[str, str]]:
    """Every barcode a real reader finds: (text, symbology identifier)."""
    return [(r.text, r.symbology_identifier) for r in zxingcpp.read_barcodes(image)]


def pdf_tool(tool: str, pdf: bytes, *args: str) -> str:
    """Run a poppler tool on the document (from a file: pdfinfo needs to seek)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        extra = ["-"] if tool == "pdftotext" else []
        done = subprocess.run(
            [need(tool), *args, file.name, *extra], capture_output=True, check=True
        )
    return done.stdout.decode()


def page_sizes_pt(pdf: bytes) -> list[tuple[float, float]]:
    out = pdf_tool("pdfinfo", pdf, "-f", "1", "-l", "999")
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            parts = line.split("size:")[1].split()
            sizes.append((float(parts[0]), float(parts[2])))
    return sizes


def fonts(pdf: bytes) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) per font of the PDF, from pdffonts."""
    rows = pdf_tool("pdffonts", pdf).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


CUPS_QUEUE = "wms-test-pdf"


def _cups_missing(why: str) -> None:
    if os.environ.get("WMS_REQUIRE_CUPS") == "1":
        pytest.fail(
            why + " and WMS_REQUIRE_CUPS=1 forbids skipping (.ci/run installs and starts it)"
        )
    pytest.skip(why)


def _scheduler_running() -> bool:
    done = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return "is running" in done.stdout and "not" not in done.stdout


@pytest.fixture(scope="session")
def cups_queue() -> str:
    """A real cups-pdf queue: cupsd is started and the queue created when they are missing."""
    for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
        if shutil.which(tool) is None:
            _cups_missing(f"{tool} is missing (apt-get install cups printer-driver-cups-pdf)")
    if not _scheduler_running():
        subprocess.run(["cupsd"], check=False)
        for _ in range(50):
            if _scheduler_running():
                break
            time.sleep(0.2)
        else:
            _cups_missing("cupsd does not start")
    queues = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False).stdout
    if f"{CUPS_QUEUE}:" not in queues:
        ppd = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
        made = subprocess.run(
            ["lpadmin", "-p", CUPS_QUEUE, "-E", "-v", "cups-pdf:/", "-m", ppd],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if made.returncode != 0:
            _cups_missing(f"the cups-pdf queue cannot be created ({made.stderr.strip()})")
    subprocess.run(["cupsenable", CUPS_QUEUE], check=False)
    subprocess.run(["cupsaccept", CUPS_QUEUE], check=False)
    return CUPS_QUEUE


def cups_pdf_folders() -> list[Path]:
    """Where cups-pdf writes (its ``Out`` setting, and the anonymous folder)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    for line in conf.read_text().splitlines() if conf.is_file() else []:
        if line.startswith("Out "):
            out = line.split(None, 1)[1].strip()
    return [Path(out.replace("${HOME}", str(Path.home()))), Path("/var/spool/cups-pdf/ANONYMOUS")]


def cups_pdf_files(prefix: str) -> list[Path]:
    return sorted(p for folder in cups_pdf_folders() for p in folder.glob(f"{prefix}*.pdf"))


def cups_pdf_output(prefix: str, timeout_s: float = 30.0) -> bytes:
    """The PDF cups-pdf wrote for the job whose title starts with ``prefix`` (then removed)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = cups_pdf_files(prefix)
        if found and found[0].read_bytes().rstrip().endswith(b"%%EOF"):  # written whole
            content = found[0].read_bytes()
            found[0].unlink()
            return content
        time.sleep(0.25)
    raise AssertionError(f"cups-pdf wrote no file for {prefix} in {cups_pdf_folders()}")


NOPAPER_QUEUE = "wms-test-nopaper"
BACKENDS = Path("/usr/lib/cups/backend")


def _alerts(queue: str) -> str:
    out = subprocess.run(["lpstat", "-l", "-p", queue], capture_output=True, text=True, check=False)
    return next((line for line in out.stdout.splitlines() if "Alerts:" in line), "")


@pytest.fixture(scope="session")
def out_of_paper_queue(cups_queue: str) -> str:
    """A CUPS queue whose (test) backend reports the printer out of paper, as CUPS shows it."""
    backend = BACKENDS / "wmsnopaper"
    if not backend.is_file():
        try:
            shutil.copy(Path(__file__).with_name("cups_nopaper_backend.sh"), backend)
            backend.chmod(0o755)
        except OSError as exc:
            _cups_missing(f"the test backend cannot be installed in {BACKENDS} ({exc.strerror})")
    if "media-empty" not in _alerts(NOPAPER_QUEUE):
        subprocess.run(["lpadmin", "-p", NOPAPER_QUEUE, "-E", "-v", "wmsnopaper:/", "-m", "raw"],
                       capture_output=True, check=False)  # fmt: skip
        subprocess.run(["lp", "-d", NOPAPER_QUEUE, "-o", "raw", "-"], input=b"paper?",
                       capture_output=True, check=False)  # fmt: skip
        deadline = time.monotonic() + 20
        while "media-empty" not in _alerts(NOPAPER_QUEUE):
            if time.monotonic() > deadline:
                _cups_missing("CUPS did not report the test printer out of paper")
            time.sleep(0.2)
        subprocess.run(["cancel", "-a", NOPAPER_QUEUE], capture_output=True, check=False)
    return NOPAPER_QUEUE
