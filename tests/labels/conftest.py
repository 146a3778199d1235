"""Label fixtures: settings with routing rules and printers, a packed order, real tools.

The tools are real: ``pdftoppm``, ``pdffonts``, ``pdftotext`` (poppler-utils), a barcode reader
(zxing-cpp), and for the CUPS tests a running cupsd with a cups-pdf queue, which the
``cups_queue`` fixture starts and creates when they are missing.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
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
