"""A folder of files: each document written whole (temporary name, then renamed)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from labels.errors import PrintFailed

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class Folder:
    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder

    def send(self, content: bytes, *, title: str, media: str, raw: bool) -> str:
        suffix = ".zpl" if raw else ".pdf"
        target = self.folder / (_UNSAFE.sub("_", title).strip("_") + suffix)
        partial = target.with_name(target.name + ".part")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content)
            os.replace(partial, target)
        except OSError as exc:
            raise PrintFailed.key(
                "labels.folder_unwritable",
                printer=self.name,
                target=str(self.folder),
                detail=exc.strerror or type(exc).__name__,
            ) from None
        return str(target)
