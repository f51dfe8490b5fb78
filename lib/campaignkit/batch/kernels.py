"""Warm kernels shared by a whole run (the papermill engine that executes on them: `engine`).

Starting an IPython kernel, importing pandas, matplotlib and the kit in it, then shutting it
down costs more than most report notebooks' own work. The batch therefore starts `workers`
kernels once, first thing in a run (while the spreadsheets are read), makes the notebooks'
heavy imports in each at start, and runs every notebook of every period on them, one after
another:

- `KernelPool` owns the kernels, one worker thread per kernel (a kernel client and its asyncio
  loop belong to the thread that made them). A task submitted to the pool runs on the first
  free kernel, after `kernel_state.reset` made it as clean as a fresh one (see that module for
  exactly what is reset and what is not).
- `engine.WarmKernelEngine` is a papermill engine (registered as `campaignkit-warm`, papermill's
  own extension point): papermill parameterizes the notebook, keeps its metadata (cell timings,
  error markers) and writes the executed notebook as always; the engine only hands nbclient
  the pool's kernel and client instead of letting it start and stop a kernel of its own.
- A kernel that dies (the notebook is reported failed, as papermill reports a dead kernel) is
  replaced by a fresh warm kernel before the worker takes its next notebook.

Kernels talk to the batch over IPC sockets in a private temporary folder (mode 0700), not over
TCP on localhost: the notebooks handle the units' raw rows, contacts included, and nothing else
on the machine should be able to listen. Their own stdout/stderr (start-up notices) go to a log
file when the pool is given one, so the console shows only the run's own lines.

This module imports jupyter_client only (≈ 0.1 s), so that a run can start its kernels before
it imports papermill and nbconvert.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"
STARTUP_TIMEOUT = 120  # seconds for a kernel to answer, imports included (a slow, shared machine)
STATE_MODULE = "campaignkit.batch.kernel_state"
# imported by every warm kernel besides the notebooks' own imports: what the kit's reports use
BASE_IMPORTS = ("pandas", "matplotlib", "matplotlib.pyplot")


class KernelError(RuntimeError):
    """A kernel could not be started, warmed or reset."""


def _discard(_message) -> None:
    """Output of the pool's own silent requests is not shown (errors come back in the reply)."""


@dataclass
class WarmKernel:
    """One running kernel with its client, owned by one worker thread of the pool."""

    manager: AsyncKernelManager
    client: object  # jupyter_client.asyncio.AsyncKernelClient
    number: int
    folder: Path
    started_seconds: float = 0.0  # start + warm imports
    notebooks: int = 0  # notebooks run on it so far
    last_reset: list[str] = field(default_factory=list)  # kit state a notebook had changed

    def execute_silently(self, code: str, expressions: dict | None = None, timeout: float = STARTUP_TIMEOUT) -> dict:
        """Run `code` without a prompt number, output or history; the reply's content.
        An 'aborted' reply (the kernel still discarding requests after a notebook's error) is retried."""
        for _ in range(50):
            reply = run_sync(self.client.execute_interactive)(
                code, silent=True, store_history=False, user_expressions=expressions or {},
                allow_stdin=False, timeout=timeout, output_hook=_discard)
            content = reply["content"]
            if content.get("status") != "aborted":
                break
            time.sleep(0.02)
        if content.get("status") != "ok":
            raise KernelError(f"{content.get('ename', 'lỗi')}: {content.get('evalue', content.get('status'))}")
        return content

    def reset(self, cwd: str | Path | None) -> None:
        content = self.execute_silently(
            f"__import__({STATE_MODULE!r}, fromlist=['reset']).reset({str(cwd) if cwd else None!r})",
            {"changed": f"__import__({STATE_MODULE!r}, fromlist=['reset']).last_changed"})
        text = content.get("user_expressions", {}).get("changed", {}).get("data", {}).get("text/plain", "[]")
        self.last_reset = _literal_list(text)

    def alive(self) -> bool:
        try:
            return bool(run_sync(self.manager.is_alive)())
        except Exception:
            return False

    def shutdown(self) -> None:
        """Stop at once: nothing is left to save in a kernel whose notebooks are done."""
        try:
            self.client.stop_channels()
        finally:
            try:
                run_sync(self.manager.shutdown_kernel)(now=True)
            except Exception:
                pass
            try:
                run_sync(self.manager.cleanup_resources)()
            except Exception:
                pass


def _literal_list(text: str) -> list[str]:
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def start_kernel(number: int, folder: Path, imports: Iterable[str], kernel_name: str = KERNEL_NAME,
                 cwd: Path | None = None, log=None, startup_timeout: float = STARTUP_TIMEOUT) -> WarmKernel:
    """Start a kernel over IPC in `folder`, import `imports` in it and take its state snapshot."""
    started = time.perf_counter()
    prefix = folder / f"k{number}-{time.monotonic_ns() % 10**9}"
    manager = AsyncKernelManager(kernel_name=kernel_name, transport="ipc", ip=f"{prefix}-ipc",
                                 connection_file=f"{prefix}.json")
    launch = {"cwd": str(cwd or Path.cwd())}
    if log is not None:
        launch.update(stdout=log, stderr=log)
    # nbclient's choice too: history in memory, nothing written to the user's IPython profile
    run_sync(manager.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:"], **launch)
    client = manager.client()
    kernel = WarmKernel(manager, client, number, folder)
    try:
        client.start_channels()
        run_sync(client.wait_for_ready)(timeout=startup_timeout)
        client.allow_stdin = False
        names = [*BASE_IMPORTS, *imports]
        kernel.execute_silently(f"__import__({STATE_MODULE!r}, fromlist=['warm']).warm({names!r})",
                                timeout=startup_timeout)
    except BaseException:
        kernel.shutdown()
        raise
    kernel.started_seconds = time.perf_counter() - started
    return kernel


# ---------------------------------------------------------------------------- the pool


class KernelPool:
    """`workers` warm kernels, each in its own thread; tasks run on the first free one.

    Starting the pool returns at once: the kernels start in the background. `submit(task)`
    returns a Future of `task(kernel)`; the kernel is reset (cwd given) before the task runs.
    Use it as a context manager, or call `close()`.
    """

    def __init__(self, workers: int, imports: Iterable[str] = (), *, kernel_name: str = KERNEL_NAME,
                 log_path: Path | None = None, startup_timeout: float = STARTUP_TIMEOUT):
        self.workers = max(1, int(workers))
        self.imports = tuple(dict.fromkeys(imports))
        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.folder = Path(tempfile.mkdtemp(prefix="campaignkit-kernels-"))  # mode 0700
        self._log = None
        if log_path is not None:
            Path(log_path).parent.mkdir(parents=True, exist_ok=True)
            self._log = open(log_path, "wb")  # noqa: SIM115 — closed by close(); this run's only
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self.kernels_started = 0
        self.kernels_replaced = 0
        self.start_seconds: list[float] = []
        # What starting a kernel imports (the kernel spec: ipykernel, IPython) is imported here, in
        # the caller's thread: imports running in two threads at once can fail in Python 3.11
        # (a KeyError from importlib when both touch one package), and the caller goes on importing.
        try:
            self.kernel_spec = AsyncKernelManager(kernel_name=kernel_name).kernel_spec
        except Exception:  # no such kernel: each worker fails to start one, and says so per notebook
            self.kernel_spec = None
        self._starting = self.workers  # kernels not yet started (or failed to)
        self._started = threading.Condition(self._lock)
        self._threads = [threading.Thread(target=self._work, args=(n,), name=f"campaignkit-kernel-{n}",
                                          daemon=True) for n in range(1, self.workers + 1)]
        for thread in self._threads:
            thread.start()

    # -- in the worker threads

    def _start(self, number: int) -> WarmKernel:
        kernel = start_kernel(number, self.folder, self.imports, self.kernel_name, log=self._log,
                              startup_timeout=self.startup_timeout)
        with self._lock:
            self.kernels_started += 1
            self.start_seconds.append(kernel.started_seconds)
        return kernel

    def _work(self, number: int) -> None:
        kernel: WarmKernel | None = None
        start_error: BaseException | None = None
        try:
            kernel = self._start(number)
        except BaseException as error:  # reported to the tasks; the next task tries again
            start_error = error
        finally:
            with self._started:
                self._starting -= 1
                self._started.notify_all()
        try:
            while (item := self._queue.get()) is not None:
                future, task, cwd = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    kernel = self._clean_kernel(kernel, number, cwd, start_error)
                    start_error = None
                    kernel.notebooks += 1
                    future.set_result(task(kernel))
                except BaseException as error:
                    future.set_exception(error)
                if kernel is not None and not kernel.alive():  # died in the task: a fresh one now
                    try:
                        kernel = self._replace(kernel, number, None)
                    except BaseException as error:
                        kernel, start_error = None, error
        finally:
            if kernel is not None:
                kernel.shutdown()

    def _clean_kernel(self, kernel: WarmKernel | None, number: int, cwd, start_error) -> WarmKernel:
        """A live kernel reset for the next task: replaced when dead, or when it cannot be reset
        (still busy with a notebook that timed out, say)."""
        if kernel is None or not kernel.alive():
            kernel = self._replace(kernel, number, start_error)
        try:
            kernel.reset(cwd)
        except Exception:
            kernel = self._replace(kernel, number, None)
            kernel.reset(cwd)
        return kernel

    def _replace(self, kernel: WarmKernel | None, number: int, start_error: BaseException | None) -> WarmKernel:
        if kernel is not None:
            kernel.shutdown()
            with self._lock:
                self.kernels_replaced += 1
        try:
            return self._start(number)
        except BaseException as error:
            raise KernelError(f"Không khởi động được nhân Python ({self.kernel_name}): {error}") from (
                start_error or error)

    # -- in the caller's thread

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until every kernel has started (or failed to); used to measure the pool's start."""
        with self._started:
            return self._started.wait_for(lambda: self._starting == 0, timeout)

    def submit(self, task: Callable[[WarmKernel], object], cwd: str | Path | None = None) -> Future:
        if self._closed:
            raise RuntimeError("KernelPool is closed")
        future: Future = Future()
        self._queue.put((future, task, cwd))
        return future

    def close(self) -> None:
        """Let the queued tasks finish, stop every kernel, remove the sockets' folder."""
        if self._closed:
            return
        self._closed = True
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        if self._log is not None:
            self._log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def cancel_pending(self) -> None:
        """Drop the tasks not started yet (their futures are cancelled)."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is None:
                self._queue.put(None)
                return
            item[0].cancel()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            self.cancel_pending()
        self.close()
