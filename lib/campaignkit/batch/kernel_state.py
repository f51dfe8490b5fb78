"""Inside a warm kernel: the heavy imports done once, and a clean start for every notebook.

The batch keeps a few IPython kernels warm for the whole run (`batch.kernels`) and runs one
notebook after another on each. This module is what those kernels execute around the
notebooks (it is imported in the kernel, never in the batch process):

- `warm(modules)` at kernel start: imports what the notebooks import (pandas, matplotlib, the
  kit…), then takes a snapshot of the state a notebook may change;
- `reset(cwd)` before each notebook: puts that state back as the snapshot found it, so the
  notebook starts as it would in a fresh kernel that had made the same imports.

What `reset` restores:

- the user's names: IPython's own reset (`In`, `Out`, `_`, every variable), and the prompt
  counter back to 1, so execution counts are those of a fresh run;
- the kit's module state: in every `campaignkit*` module, attributes rebound, added or deleted
  (`sections.show_table = …`), the contents of module-level lists, dicts and sets, and the
  attributes of the kit's classes; kit modules first imported by a notebook are dropped from
  `sys.modules`, so the next notebook imports them afresh;
- pandas options, matplotlib's backend and rcParams, numpy's error and print options, the inline
  backend's settings; every open figure is closed;
- the working directory, `sys.path`, `os.environ`, the warnings filters.

What it does not restore (a fresh kernel would; a report notebook does not do these): third-party
modules' own attributes other than the options above, objects nested inside the kit's module-level
containers, cached results of the kit's `lru_cache` functions (pure functions: the same inputs give
the same results), C-level state. And the warm imports are those of all the run's notebooks
together, so their side effects are too: once the kit's charts are imported, matplotlib's backend
is Agg (the charts choose it) for every notebook, as it is for a kit notebook in a fresh kernel.
"""

from __future__ import annotations

import copy
import gc
import importlib
import os
import sys
import types
import warnings

KIT_PREFIXES = ("campaignkit", "campaignkit_sample")
_CONTAINERS = (list, dict, set)

_snapshot: dict | None = None
last_changed: list[str] = []  # what the last reset found changed in the kit's modules (for the batch)


def _is_kit(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in KIT_PREFIXES)


def _shell():
    from IPython import get_ipython

    return get_ipython()


# ---------------------------------------------------------------------------- taking the snapshot


def _module_state(module: types.ModuleType) -> dict:
    names = dict(vars(module))
    containers = {name: copy.copy(value) for name, value in names.items() if type(value) in _CONTAINERS}
    classes = {
        name: dict(vars(value)) for name, value in names.items()
        if isinstance(value, type) and value.__module__ == module.__name__
    }
    return {"names": names, "containers": containers, "classes": classes}


def _pandas_options() -> dict:
    if "pandas" not in sys.modules:
        return {}
    import pandas as pd
    from pandas._config import config  # the registry of options: pandas has no public list of them

    return {key: pd.get_option(key) for key in config._registered_options}


def _rc_params() -> dict:
    if "matplotlib" not in sys.modules:
        return {}
    import matplotlib

    return dict(matplotlib.rcParams)


def _backend() -> str | None:
    if "matplotlib.pyplot" not in sys.modules:
        return None
    import matplotlib

    return matplotlib.get_backend()


def _numpy_options() -> dict:
    if "numpy" not in sys.modules:
        return {}
    import numpy as np

    return {"err": np.geterr(), "print": np.get_printoptions()}


def _inline_backend() -> dict:
    if "matplotlib_inline.config" not in sys.modules:
        return {}
    from matplotlib_inline.config import InlineBackend

    backend = InlineBackend.instance()
    return {name: copy.deepcopy(getattr(backend, name)) for name in backend.trait_names() if name not in
            ("config", "parent", "log")}


def take_snapshot() -> dict:
    modules = {name: module for name, module in sys.modules.items() if _is_kit(name) and module is not None}
    return {
        "modules": {name: (module, _module_state(module)) for name, module in modules.items()
                    if name != __name__},
        "pandas": _pandas_options(),
        "rc": _rc_params(),
        "backend": _backend(),
        "numpy": _numpy_options(),
        "inline": _inline_backend(),
        "sys_path": list(sys.path),
        "environ": dict(os.environ),
        "warnings": list(warnings.filters),
    }


def warm(modules: list[str] | tuple[str, ...] = ()) -> None:
    """Import `modules` (the notebooks' own imports) and remember the state reset goes back to."""
    global _snapshot
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the notebook that imports it reports the error itself, as in a fresh kernel
    _snapshot = take_snapshot()
    gc.collect()
    gc.freeze()  # what the imports made lives as long as the kernel: later collections skip it


# ---------------------------------------------------------------------------- putting it back


def _restore_names(target: dict, saved: dict, setter, deleter, keep_added_dunders: bool = False) -> list[str]:
    changed = []
    for name in [n for n in target if n not in saved]:
        if keep_added_dunders and name.startswith("__"):
            continue  # a class's machinery (pydantic, abc) may fill these in lazily
        deleter(name)
        changed.append(name)
    for name, value in saved.items():
        if name not in target or target[name] is not value:
            setter(name, value)
            changed.append(name)
    return changed


def _restore_module(module: types.ModuleType, state: dict) -> list[str]:
    namespace = vars(module)
    changed = _restore_names(dict(namespace), state["names"], namespace.__setitem__, namespace.__delitem__)
    for name, saved in state["containers"].items():
        current = namespace[name]
        if current != saved:
            if isinstance(current, list):
                current[:] = saved
            else:
                current.clear()
                current.update(saved)
            changed.append(name)
    for name, saved in state["classes"].items():
        cls = namespace[name]
        for attribute in _restore_names(dict(vars(cls)), saved, lambda n, v, c=cls: setattr(c, n, v),
                                        lambda n, c=cls: delattr(c, n), keep_added_dunders=True):
            changed.append(f"{name}.{attribute}")
    return changed


def _restore_kit(saved: dict) -> list[str]:
    changed = []
    for name in [n for n, m in sys.modules.items() if _is_kit(n) and m is not None and n not in saved
                 and n != __name__]:
        del sys.modules[name]  # first imported by a notebook: the next one imports it afresh
        changed.append(name)
    for name, (module, state) in saved.items():
        sys.modules[name] = module
        changed += [f"{name}.{attribute}" for attribute in _restore_module(module, state)]
    return changed


def _restore_pandas(saved: dict) -> None:
    if not saved:
        return
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated options warn when set, even to their value
        for key, value in saved.items():
            if pd.get_option(key) != value:
                pd.set_option(key, value)


def _restore_backend(saved: str | None) -> None:
    if saved is None or "matplotlib.pyplot" not in sys.modules:
        return
    import matplotlib

    if matplotlib.get_backend() != saved:
        sys.modules["matplotlib.pyplot"].switch_backend(saved)


def _restore_rc(saved: dict) -> None:
    if not saved:
        return
    import matplotlib

    changed = {key: value for key, value in saved.items()
               if key != "backend" and matplotlib.rcParams.get(key) != value}
    if changed:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dict.update(matplotlib.rcParams, changed)  # values as they were: no validation needed


def _restore_numpy(saved: dict) -> None:
    if not saved:
        return
    import numpy as np

    np.seterr(**saved["err"])
    np.set_printoptions(**saved["print"])


def _restore_inline(saved: dict) -> None:
    if not saved:
        return
    from matplotlib_inline.config import InlineBackend

    backend = InlineBackend.instance()
    for name, value in saved.items():
        if getattr(backend, name) != value:
            setattr(backend, name, copy.deepcopy(value))


def _restore_environ(saved: dict) -> None:
    for key in [k for k in os.environ if k not in saved]:
        del os.environ[key]
    for key, value in saved.items():
        if os.environ.get(key) != value:
            os.environ[key] = value


def _close_figures() -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def reset(cwd: str | None = None) -> list[str]:
    """Make the kernel as a fresh one that made the warm imports; return (and keep in
    `last_changed`) what had changed in the kit's modules."""
    global last_changed
    if _snapshot is None:
        raise RuntimeError("kernel_state.warm() was not called in this kernel")
    _close_figures()
    shell = _shell()
    if shell is not None:
        shell.reset(new_session=True)  # names, In/Out, and the execution counter back to 1
    changed = _restore_kit(_snapshot["modules"])
    _restore_pandas(_snapshot["pandas"])
    _restore_backend(_snapshot["backend"])
    _restore_rc(_snapshot["rc"])
    _restore_numpy(_snapshot["numpy"])
    _restore_inline(_snapshot["inline"])
    sys.path[:] = _snapshot["sys_path"]
    _restore_environ(_snapshot["environ"])
    warnings.filters[:] = _snapshot["warnings"]
    getattr(warnings, "_filters_mutated", lambda: None)()  # invalidate the filters' cache, as simplefilter does
    if cwd:
        os.chdir(cwd)
    if shell is not None:
        shell.user_ns["_dh"] = [os.getcwd()]
    else:
        gc.collect()  # IPython's reset has collected already
    last_changed = changed
    return changed
