"""The papermill engine that executes a notebook on a warm kernel of the pool (`kernels`).

papermill's documented extension point is an engine: a class registered under a name, whose
`execute_managed_notebook` runs the notebook that papermill has parameterized, while papermill
itself records the cell timings and the error markers and writes the executed notebook. This
engine is papermill's own nbclient engine, except that nbclient is handed the pool's running
kernel and client (`warm_kernel=`): it neither starts nor shuts down a kernel, so the kernel
and its imports live on for the next notebook.

It also writes the executed notebook once instead of after every cell (papermill's manager
saves at each cell's start and end: twenty full JSON dumps and schema checks of a notebook
holding embedded charts, in the batch's process): papermill writes it when the run ends, or at
the failing cell's error; when the engine itself fails (a kernel that died), the engine writes
what was executed so far, as papermill's per-cell saving would have left it.
"""

from __future__ import annotations

import encodings.unicode_escape  # noqa: F401 — papermill's parameter translator; never first in a pool thread

# isort: off
from . import jupyter_imports  # noqa: F401 — before nbformat is first imported (see that module)
# isort: on
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, NotebookExecutionManager, papermill_engines
from papermill.exceptions import PapermillException
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

from .kernels import WarmKernel

ENGINE_NAME = "campaignkit-warm"


class _WrittenOnce(NotebookExecutionManager):
    """papermill's execution manager (cell timings and statuses), saving only when asked to."""

    writing = False

    def save(self, **kwargs):
        if self.writing:
            super().save(**kwargs)

    def write(self) -> None:
        self.writing = True
        try:
            self.save()
        finally:
            self.writing = False


class WarmKernelEngine(Engine):
    """papermill's nbclient engine, on a kernel that is already running (`warm_kernel=`).

    Everything papermill does around an engine is kept (parameters, metadata.papermill,
    error markers, the output notebook); nbclient neither starts nor shuts down the kernel."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        """Engine.execute_notebook, with the manager above: one write, by papermill or on failure."""
        nb_man = _WrittenOnce(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                              autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        failed = False
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        except BaseException:
            failed = True
            raise
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
            if failed:
                nb_man.write()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, warm_kernel: WarmKernel | None = None,
                                 **kwargs):
        if warm_kernel is None:
            raise PapermillException(f"The '{ENGINE_NAME}' engine needs warm_kernel= (a batch.kernels.WarmKernel)")
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, km=warm_kernel.manager, **final_kwargs)
        client.kc = warm_kernel.client  # the pool's client: nbclient owns neither kernel nor channels
        return client.execute()


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
