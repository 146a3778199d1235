"""Running service calls off the UI thread and bringing the answer back to a screen.

A result is delivered only while it is still wanted: a newer call in the same group cancels
the older one (``exclusive``), and a cancelled worker, or one whose screen has closed, never
calls back. The check is made in the thread before handing over and again on the UI thread,
because the newer call may start in between.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen
from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from warehouse_tui.app import WmsApp

T = TypeVar("T")


def run_in_background(
    screen: Screen[Any],
    job: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None],
    *,
    group: str,
) -> Worker[None]:
    """Run ``job`` in a thread worker; ``done`` or ``failed`` then runs on the UI thread.

    The job never touches widgets; the callbacks never touch the database.
    """
    app = screen.app

    def _deliver(worker: Worker[None], callback: Callable[[Any], None], value: object) -> None:
        # Checked again on the UI thread: a newer call may have started, or the screen closed.
        if not worker.is_cancelled and screen.is_attached and screen in app.screen_stack:
            callback(value)

    def _thread() -> None:
        worker = get_current_worker()
        try:
            result = job()
        except Exception as exc:  # every failure reaches the operator as one sentence
            if not worker.is_cancelled:
                app.call_from_thread(_deliver, worker, failed, exc)
        else:
            if not worker.is_cancelled:
                app.call_from_thread(_deliver, worker, done, result)

    return screen.run_worker(_thread, thread=True, exclusive=True, group=group, exit_on_error=False)


def wms_app(screen: Screen[Any]) -> WmsApp:
    from warehouse_tui.app import WmsApp

    app = screen.app
    assert isinstance(app, WmsApp)
    return app
