"""Settings and helpers of the handover and delivery tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from warehouse.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def site(tmp_path: Path, **delivery: object) -> Settings:
    """The documented configuration (carriers with tracking ranges), manifests under tmp."""
    documented = load_settings(ROOT / "config.toml", environ={})
    return documented.model_copy(
        update={
            "delivery": documented.delivery.model_copy(
                update={"manifest_dir": str(tmp_path / "manifests"), **delivery}
            )
        }
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    file = tmp_path / "manifest.pdf"
    file.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(file), "-"], check=True, capture_output=True, text=True
    ).stdout
