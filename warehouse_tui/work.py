"""Running service calls off the UI thread and bringing the answer back to a screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

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
) -> None:
    """Run ``job`` in a thread worker; ``done`` or ``failed`` then runs on the UI thread.

    The job never touches widgets; the callbacks never touch the database.
    """
    app = screen.app

    def _thread() -> None:
        try:
            result = job()
        except Exception as exc:  # every failure reaches the operator as one sentence
            app.call_from_thread(failed, exc)
        else:
            app.call_from_thread(done, result)

    screen.run_worker(_thread, thread=True, exclusive=True, group=group, exit_on_error=False)


def wms_app(screen: Screen[Any]) -> WmsApp:
    from warehouse_tui.app import WmsApp

    app = screen.app
    assert isinstance(app, WmsApp)
    return app
