"""Reading a plan file: YAML without surprises, validated by the schema, every problem named.

A broken plan stops the run with `PlanError` naming the key, the value and what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import PlanError
from .schema import Plan


def _nfc(value):
    """The plan text mixes NFC and NFD: every string of the plan is stored composed."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


class _PlanLoader(yaml.SafeLoader):
    """YAML without implicit timestamps and base-60 numbers.

    Dates stay text so that pydantic validates them and names the key of a bad one
    (PyYAML would raise a bare ValueError for 2024-06-31); `17:00` stays text instead of
    becoming the base-60 integer 1020, and `010` is ten (as the plan writes "05 km"), not octal.
    """


_PlanLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _describe(error: dict) -> str:
    if not error["loc"]:  # a whole-plan check: its message names the key itself
        return error["msg"]
    key = ".".join(str(part) for part in error["loc"])
    value = error.get("input")
    if error["type"] == "missing":
        shown = "(không có)"
    else:
        shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return f"khoá '{key}', giá trị {shown}: {error['msg']}"


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; raise PlanError naming the key, the value and what was expected."""
    path = Path(path)
    if not path.is_file():
        raise PlanError(f"Không tìm thấy tệp kế hoạch {path}. Hãy kiểm tra đường dẫn --plan.")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_PlanLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PlanError(f"Tệp kế hoạch {path} không phải YAML hợp lệ: {error}") from error
    if not isinstance(raw, dict):
        raise PlanError(f"Tệp kế hoạch {path} phải là một bảng khoá: giá trị (YAML mapping).")
    try:
        return Plan.model_validate(_nfc(raw))
    except ValidationError as error:
        problems = "\n  - ".join(_describe(e) for e in error.errors())
        raise PlanError(f"Tệp kế hoạch {path} sai cấu trúc:\n  - {problems}") from error
