"""What every figure shares: repeated timings and their median, the results table, the machine,
and where results and cached inputs live."""

from __future__ import annotations

import hashlib
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
CACHE_DIR = RESULTS_DIR / "cache"
PYTHON = sys.executable


# --- timing --------------------------------------------------------------------------------

@dataclass
class Timing:
    """Wall-clock seconds of each run, in order."""

    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> str:
        return f"{min(self.runs):.3g}–{max(self.runs):.3g}"


def timed(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None,
          warmup: int = 0) -> tuple[Timing, object]:
    """Call `fn` `runs` times (after `warmup` untimed calls), `setup` untimed before each call;
    returns the timings and the last result."""
    result = None
    for _ in range(warmup):
        if setup:
            setup()
        result = fn()
    seconds = []
    for _ in range(runs):
        if setup:
            setup()
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return Timing(seconds), result


# --- the results table ---------------------------------------------------------------------

@dataclass
class Row:
    """One line of the results table."""

    figure: str                 # "1", "2", …
    measure: str                # what was measured
    value: float | None         # the median (or a ratio / rate computed from medians)
    unit: str                   # "s", "ms", "×", "rows/s", "MB", …
    runs: int | str = ""        # how many runs the median is of ("" for derived figures)
    aim: str = ""               # e.g. "≥ 5×", "≤ 10 s"
    met: bool | None = None     # None: no aim, or not measured
    note: str = ""
    extra: dict = field(default_factory=dict)  # raw data for the JSON file


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in ("×",):
        return f"{value:.2f}×"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    if unit in ("s", "ms", "µs/row"):
        digits = 3 if abs(value) < 10 else (2 if abs(value) < 100 else 1)
        return f"{value:.{digits}f} {unit}"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:g} {unit}".strip()


def _verdict(row: Row) -> str:
    if not row.aim:
        return ""
    return {True: "yes", False: "NO", None: "—"}[row.met]


TABLE_HEADERS = ("Fig", "Measure", "Median", "Runs", "Aim", "Met", "Note")


def table_cells(rows: list[Row]) -> list[tuple[str, ...]]:
    return [(r.figure, r.measure, format_value(r.value, r.unit), str(r.runs), r.aim, _verdict(r), r.note)
            for r in rows]


def format_table(rows: list[Row], markdown: bool = False) -> str:
    """The results as one table: fixed-width text for the terminal, or Markdown for README.md."""
    cells = table_cells(rows)
    if markdown:
        escape = lambda text: text.replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(TABLE_HEADERS) + " |", "|" + "|".join("---" for _ in TABLE_HEADERS) + "|"]
        lines += ["| " + " | ".join(escape(c) for c in line) + " |" for line in cells]
        return "\n".join(lines)
    widths = [max(len(h), *(len(line[i]) for line in cells)) if cells else len(h)
              for i, h in enumerate(TABLE_HEADERS)]
    widths[-1] = len(TABLE_HEADERS[-1])  # the note runs on freely
    def line(values):
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    rule = "  ".join("-" * w for w in widths[:-1]) + "  " + "-" * 4
    return "\n".join([line(TABLE_HEADERS), rule, *(line(c) for c in cells)])


def rows_as_dicts(rows: list[Row]) -> list[dict]:
    return [asdict(r) for r in rows]


# --- the machine ---------------------------------------------------------------------------

def _meminfo() -> dict[str, int]:
    info = {}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            name, _, rest = line.partition(":")
            parts = rest.split()
            if parts and parts[0].isdigit():
                info[name] = int(parts[0]) * (1024 if parts[-1:] == ["kB"] else 1)
    except OSError:
        pass
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict:
    """Cores, memory and software the figures came from."""
    memory = _meminfo()
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    import pandas
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "mem_total_gb": round(memory.get("MemTotal", 0) / 2**30, 1),
        "mem_available_gb": round(memory.get("MemAvailable", 0) / 2**30, 1),
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
        "python": platform.python_version(),
        "pandas": pandas.__version__,
        "platform": platform.platform(),
    }


def machine_line(info: dict) -> str:
    load = info.get("load_average_at_start")
    return (f"{info['cpu_count']} cores ({info['cpu_model']}), {info['mem_total_gb']} GB RAM "
            f"({info['mem_available_gb']} GB available), Python {info['python']}, pandas {info['pandas']}"
            + (f", load average at start {load[0]}" if load else ""))


# --- peak memory of the current process ----------------------------------------------------

def reset_peak_rss() -> bool:
    """Reset this process's high-water mark of resident memory (Linux: /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def rss_bytes(field_name: str = "VmRSS") -> int | None:
    """VmRSS (now) or VmHWM (peak since start or since reset_peak_rss) of this process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def max_rss_bytes() -> int:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


# --- cache keys ----------------------------------------------------------------------------

def digest_of(*paths: Path, extra: str = "") -> str:
    """A short hash of files' (or folders' .py/.yaml files') contents."""
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        files = sorted(p for p in Path(path).rglob("*") if p.suffix in (".py", ".yaml", ".yml")) \
            if Path(path).is_dir() else [Path(path)]
        for file in files:
            digest.update(file.as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


# --- workers in their own process -----------------------------------------------------------

def run_worker(args: list[str], timeout: float = 900) -> dict:
    """`python -m bench.worker ARGS` from the repository root; its last stdout line, as JSON."""
    import json
    import subprocess

    done = subprocess.run([PYTHON, "-m", "bench.worker", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class Context:
    """What the figures share in one `python -m bench` run."""

    runs: int = 3                      # runs per figure (the slow ones take fewer, and say so)
    quick: bool = False                # tiny sizes: checks that every figure runs, measures nothing
    seed: int = 2024
    scale: float = 200.0               # the generated campaign of figures 1, 2 and 5
    work_dir: Path | None = None       # temporary folder of this run
    shared: dict = field(default_factory=dict)
    log: Callable[[str], None] = print
