"""The kit's notebooks in JupyterLab: saved as they are committed, never with outputs.

A notebook run in JupyterLab holds outputs, execution counts and, for the explorer, widget views
that point to models living only in the running kernel; saved like that, the notebook shows
"Error displaying widget: model not found" when reopened the next day, and git sees it changed.
`strip_on_save` is the Jupyter server's `pre_save_hook` for this project (`make install` copies
jupyter-config/jupyter_server_config.json into the environment): a notebook of the kit's notebooks/ folder is
written in its `canonical` form (no outputs, no execution counts, no widget state, the kit's
kernelspec), so what is saved is what is committed. Any other notebook is saved untouched.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from ..paths import NOTEBOOKS_DIR

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
KEPT_CELL_METADATA = ("tags",)
KEPT_NOTEBOOK_METADATA = ("title",)


def canonical(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the kit commits it: cells and their tags, no outputs, no run state."""
    for cell in notebook.cells:
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in KEPT_CELL_METADATA})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    kept = {k: v for k, v in notebook.metadata.items() if k in KEPT_NOTEBOOK_METADATA}
    notebook.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": {"name": "python"}, **kept})
    return notebook


def is_kit_notebook(path: str | Path) -> bool:
    try:
        return Path(path).resolve().parent == NOTEBOOKS_DIR.resolve()
    except OSError:
        return False


def strip_on_save(model: dict, path: str, contents_manager, **_kwargs) -> None:
    """jupyter_server's pre_save_hook: a kit notebook is saved in its canonical form."""
    if model.get("type") != "notebook" or not model.get("content"):
        return
    root = Path(getattr(contents_manager, "root_dir", "."))
    if not is_kit_notebook(root / path.lstrip("/")):
        return
    content = model["content"]
    notebook = content if isinstance(content, nbformat.NotebookNode) else nbformat.from_dict(content)
    model["content"] = canonical(notebook)


def write_canonical(path: str | Path) -> None:
    """Rewrite a notebook file in its canonical form, byte for byte as the server would save it."""
    notebook = canonical(nbformat.read(path, as_version=4))
    nbformat.write(notebook, str(path), version=nbformat.NO_CONVERT)
