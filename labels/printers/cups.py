"""A CUPS queue through ``lp``: PDF with the label's media size, ZPL as ``-o raw``.

Without ``media=`` CUPS prints a 100×150 mm label in the middle of an A4 page. Before sending,
the queue's state is read with ``lpstat``: a queue that does not exist or a printer CUPS
reports as out of paper is refused at once with its sentence, and the job is kept.
"""

from __future__ import annotations

import os
import re
import subprocess

from labels.errors import PrintFailed

OUT_OF_PAPER = ("media-empty", "media-needed", "media-jam")
_REQUEST = re.compile(r"request id is (\S+)")


def out_of_paper_reason(lpstat_long: str) -> str:
    """The CUPS state reason meaning "no paper" in ``lpstat -l -p`` output, or ''."""
    for line in lpstat_long.splitlines():
        text = line.strip().lower()
        if text.startswith("alerts:"):
            for reason in text.removeprefix("alerts:").split():
                if reason.startswith(OUT_OF_PAPER):
                    return reason
    return ""


class CupsQueue:
    def __init__(self, name: str, queue: str, *, timeout_s: float) -> None:
        self.name = name
        self.queue = queue
        self.timeout_s = timeout_s

    def _run(
        self, args: list[str], content: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                args,
                input=content,
                capture_output=True,
                timeout=self.timeout_s,
                check=False,
                env={**os.environ, "LC_ALL": "C"},  # the messages we read are CUPS's English
            )
        except FileNotFoundError:
            raise PrintFailed.key("labels.lp_missing") from None
        except subprocess.TimeoutExpired:
            raise PrintFailed.key(
                "labels.timeout",
                printer=self.name,
                target=self.queue,
                seconds=f"{self.timeout_s:g}",
            ) from None

    def _refuse(self, stderr: str) -> PrintFailed:
        text = stderr.lower()
        facts = {"printer": self.name, "target": self.queue}
        if (
            "does not exist" in text
            or "unknown destination" in text
            or "invalid destination" in text
        ):
            return PrintFailed.key("labels.queue_missing", **facts)
        if (
            "scheduler is not responding" in text
            or "unable to connect" in text
            or "connection refused" in text
        ):
            return PrintFailed.key("labels.cups_down", printer=self.name)
        detail = stderr.strip().splitlines()[-1][:160] if stderr.strip() else "no reason given"
        return PrintFailed.key("labels.cups_refused", printer=self.name, detail=detail)

    def check(self) -> None:
        """Refuse a missing queue or one CUPS reports out of paper."""
        state = self._run(["lpstat", "-l", "-p", self.queue])
        if state.returncode != 0:
            raise self._refuse(state.stderr.decode(errors="replace"))
        reason = out_of_paper_reason(state.stdout.decode(errors="replace"))
        if reason:
            raise PrintFailed.key("labels.out_of_paper", printer=self.name, reason=reason)

    def send(self, content: bytes, *, title: str, media: str, raw: bool) -> str:
        self.check()
        options = ["-o", "raw"] if raw else ["-o", f"media={media}", "-o", "fit-to-page=false"]
        done = self._run(["lp", "-d", self.queue, "-t", title, *options, "-"], content)
        if done.returncode != 0:
            raise self._refuse(done.stderr.decode(errors="replace"))
        found = _REQUEST.search(done.stdout.decode(errors="replace"))
        return found.group(1) if found else self.queue
