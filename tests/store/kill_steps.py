"""Killing a child process at each file operation in turn (not at random moments).

`run_killed_at(n, action)` forks; the child counts the file operations PeerLog makes through
Python (opening a file for writing, write-through fsync, rename/replace, unlink, mkdir, truncate)
and ends itself with `os._exit` just before the `n`th, as a kill or power cut would. SQLite's own
file operations happen in C and are not counted: SQLite is crash-safe by itself.
"""

from __future__ import annotations

import io
import os
import traceback
from collections.abc import Callable
from typing import Any

KILLED = 77
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _install_counter(stop_at: int) -> None:
    count = 0
    exit_now = os._exit

    def step() -> None:
        nonlocal count
        count += 1
        if count >= stop_at:
            exit_now(KILLED)

    def counted(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            step()
            return original(*args, **kwargs)

        return wrapper

    for name in ("replace", "rename", "unlink", "remove", "mkdir", "fsync", "ftruncate"):
        setattr(os, name, counted(getattr(os, name)))
    original_open, original_io_open = os.open, io.open

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & _WRITE_FLAGS:
            step()
        return original_open(path, flags, *args, **kwargs)

    def io_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            step()
        return original_io_open(file, mode, *args, **kwargs)

    os.open = os_open  # type: ignore[assignment]
    io.open = io_open  # type: ignore[assignment]
    import builtins

    builtins.open = io_open


def run_killed_at(stop_at: int, action: Callable[[], None]) -> bool:
    """Run `action` in a forked child killed before its `stop_at`th file operation. True when
    it finished first; an exception in the child fails the caller's test."""
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            _install_counter(stop_at)
            action()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, KILLED), f"the step failed instead of finishing or being killed ({code})"
    return code == 0


def kill_at_each_step(
    action: Callable[[], None], after_each: Callable[[int, bool], None], most: int = 150
) -> int:
    """Kill `action` before its 1st, 2nd, ... file operation until it finishes unkilled; call
    `after_each(n, finished)` after each run. Returns how many runs it took."""
    for n in range(1, most + 1):
        finished = run_killed_at(n, action)
        after_each(n, finished)
        if finished:
            return n
    raise AssertionError(f"the step was still being killed after {most} file operations")
