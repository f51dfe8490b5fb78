"""Reading a plan file: YAML without surprises, validated by the schema, every problem named.

A broken plan stops the run with `PlanSchemaError` (a `PlanError`) listing, one line each, the
line of the file, the key, the value and what was expected, in Vietnamese; a file that cannot
be read at all is a plain `PlanError`. A plan read from a file remembers the line of every key
(`Plan.source`), so that the plan checks can say where in the file each finding is.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import PlanError
from .schema import Plan, PlanSource


class PlanSchemaError(PlanError):
    """The plan file is YAML but does not fit the schema: one problem per line in `problems`."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(f"Tệp kế hoạch {path} sai cấu trúc:\n  - " + "\n  - ".join(problems))


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


# --- where every key is --------------------------------------------------------------------

def _key_lines(node, path: str, lines: dict[str, int]) -> None:
    """Record the (1-based) line of every key under `node`; a list item holding an `id` is
    recorded both by its position and by its id ('programs.3' and 'programs.P4')."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = unicodedata.normalize("NFC", str(key.value)).strip()
            child = f"{path}.{name}" if path else name
            lines.setdefault(child, key.start_mark.line + 1)
            _key_lines(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            paths = [f"{path}.{index}"]
            if isinstance(item, yaml.MappingNode):
                ids = [v.value for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
                paths += [f"{path}.{unicodedata.normalize('NFC', str(i)).strip()}" for i in ids]
            for child in paths:
                lines.setdefault(child, item.start_mark.line + 1)
                _key_lines(item, child, lines)


# --- what a schema error says ----------------------------------------------------------------

_EXPECTED = {
    "missing": "thiếu khoá bắt buộc này",
    "extra_forbidden": "khoá này không có trong mẫu kế hoạch (viết sai tên khoá, hoặc đặt sai chỗ)",
    "date_from_datetime_parsing": "cần một ngày có thật, viết năm-tháng-ngày, ví dụ 2025-06-15",
    "date_parsing": "cần một ngày có thật, viết năm-tháng-ngày, ví dụ 2025-06-15",
    "date_type": "cần một ngày, viết năm-tháng-ngày, ví dụ 2025-06-15",
    "date_from_datetime_inexact": "cần một ngày (không kèm giờ), viết năm-tháng-ngày",
    "time_parsing": "cần một giờ viết \"17:00\"",
    "time_type": "cần một giờ viết \"17:00\"",
    "int_parsing": "cần một số nguyên viết liền (1000, không viết 1.000)",
    "int_type": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "float_parsing": "cần một số viết liền, dấu chấm thập phân (2.5), không dấu chấm ngăn nghìn",
    "float_type": "cần một số",
    "bool_parsing": "cần true hoặc false",
    "bool_type": "cần true hoặc false",
    "string_type": "cần một đoạn chữ",
    "list_type": "cần một danh sách (mỗi mục một dòng bắt đầu bằng '- ', hoặc [a, b])",
    "dict_type": "cần một bảng khoá: giá trị",
    "model_type": "cần một bảng khoá: giá trị",
    "model_attributes_type": "cần một bảng khoá: giá trị",
}
_PATTERNS = {r"^P\d+$": "cần mã chương trình dạng P1, P2, …", r"^CT\d{2}[a-z]?$": "cần mã chỉ tiêu dạng CT01, CT05a, …"}
_BOUNDS = {"greater_than": "cần lớn hơn {gt}", "greater_than_equal": "cần từ {ge} trở lên",
           "less_than": "cần nhỏ hơn {lt}", "less_than_equal": "cần không quá {le}"}


def _expected(error: dict) -> str:
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(context.get("error", error["msg"])).removeprefix("Value error, ")
    if kind == "literal_error":
        return f"cần một trong: {str(context.get('expected', '')).replace(' or ', ' hoặc ')}"
    if kind in _BOUNDS:
        return _BOUNDS[kind].format(**context)
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(context.get("pattern"), f"không đúng dạng {context.get('pattern')}")
    return _EXPECTED.get(kind, error["msg"])


def _describe(error: dict, source: PlanSource) -> str:
    if not error["loc"]:  # a whole-plan check: its message names the key itself
        key = re.search(r"khoá '([^']+)'", _expected(error))
        line = source.line_of(key.group(1)) if key else None
        return f"dòng {line}, {_expected(error)}" if line else _expected(error)
    key = ".".join(str(part) for part in error["loc"])
    value = error.get("input")
    if error["type"] == "missing":
        shown = "(không có)"
    else:
        shown = repr(value) if not isinstance(value, (dict, list)) else "(một bảng)" if isinstance(value, dict) \
            else "(một danh sách)"
    line = source.line_of(key)
    where = f"dòng {line}, khoá '{key}'" if line else f"khoá '{key}'"
    return f"{where}, giá trị {shown}: {_expected(error)}"


# --- reading -------------------------------------------------------------------------------

def read_plan_file(path: str | Path) -> tuple[dict, PlanSource]:
    """The plan file as a mapping (strings composed) and the line of each key; PlanError if the
    file is missing, is not UTF-8 YAML or is not a mapping."""
    path = Path(path)
    if not path.is_file():
        raise PlanError(f"Không tìm thấy tệp kế hoạch {path}. Hãy kiểm tra đường dẫn --plan.")
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=_PlanLoader)
        node = yaml.compose(text, Loader=_PlanLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PlanError(f"Tệp kế hoạch {path} không phải YAML hợp lệ: {error}") from error
    if not isinstance(raw, dict):
        raise PlanError(f"Tệp kế hoạch {path} phải là một bảng khoá: giá trị (YAML mapping).")
    lines: dict[str, int] = {}
    _key_lines(node, "", lines)
    return _nfc(raw), PlanSource(str(path), lines)


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; raise PlanError naming the line, key, value and what was expected."""
    raw, source = read_plan_file(path)
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as error:
        raise PlanSchemaError(Path(path), [_describe(e, source) for e in error.errors()]) from error
    plan._source = source
    return plan
