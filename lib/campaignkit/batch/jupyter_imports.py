"""Importing nbformat (through papermill and nbconvert) in the batch process without paying for
what the batch never uses. Imported by the batch's modules before papermill or nbformat.

1. Validation. nbformat checks every notebook it reads or writes against its JSON schema, with
   the validator named by the environment variable `NBFORMAT_VALIDATOR`. The batch sets it to
   `fastjsonschema` (pinned in pyproject.toml and environment.yml): the schema is compiled once
   into a Python function, instead of being walked by jsonschema for every notebook papermill
   writes. (nbformat's default is already fastjsonschema; setting it makes the choice ours and
   visible, and the kernels and PDF processes inherit it.)

2. The import itself. nbformat.json_compat still imports jsonschema (for its error classes),
   and `jsonschema._format` imports every optional format checker it finds installed. One of
   them, `rfc3987_syntax` (installed with jsonschema's `format-nongpl` extra, which jupyter-events
   and so JupyterLab require), builds about 35 Lark grammars when imported: ≈ 0.9 s of every
   batch run, measured with `python -X importtime -c "import nbformat"`. It checks the `iri`
   and `iri-reference` formats, which no nbformat schema uses, and the batch process validates
   nothing but notebooks. jsonschema treats the package as optional (it imports it under
   `contextlib.suppress(ImportError)`), so, in the batch process only and only when it is not
   imported yet, `rfc3987_syntax` is marked as not importable: `sys.modules[name] = None` is
   Python's documented way to make an import raise ImportError. jsonschema then simply has no
   `iri` checker in this process. Kernels, JupyterLab and every other process are untouched.
   Upstream: python-jsonschema/jsonschema#1428 (import it lazily); the guard can go once the
   installed jsonschema no longer imports it eagerly.
"""

from __future__ import annotations

import os
import sys

VALIDATOR = "fastjsonschema"
UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax",)


def guard() -> None:
    os.environ.setdefault("NBFORMAT_VALIDATOR", VALIDATOR)
    if "jsonschema" in sys.modules:  # too late: it has imported its checkers already
        return
    for name in UNUSED_FORMAT_CHECKERS:
        sys.modules.setdefault(name, None)


guard()
