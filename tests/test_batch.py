"""The batch: real papermill runs of the fixture notebooks in parallel on warm kernels, one
failing notebook not stopping the others, the period folder swapped in only when the run is
complete, executed notebooks kept out of it, PDFs printed by processes of their own, run.json,
and the index pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import time
from pathlib import Path

import nbformat
import pytest

from campaignkit import __version__
from campaignkit.batch import notebooks as batch
from campaignkit.batch.notebooks import (
    EXECUTED_DIR,
    NotebookJob,
    NotebookResult,
    recover_interrupted,
    run_notebooks,
    timings_of,
    write_run_json,
)
from campaignkit.batch.pdfs import PdfPool
from campaignkit.batch.progress import ProgressLine
from campaignkit.render.index_pages import period_index_html, period_summary, site_index_html

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
PARAMETERS = {"period": "dot7", "as_of": "2024-07-15", "data_dir": "data/sample", "plan": "plan.yaml"}
STAMP = {"as_of": "2024-07-15", "files_read": 4, "units_missing": ["Đoàn xã Thạnh Quới"]}
ACCOUNTING = {"rows_read": 1234, "counted": 1200, "merged": 20, "skipped": 10, "rejected": 4}


def _jobs(kernel_dir: Path) -> list[NotebookJob]:
    return [
        NotebookJob(FIXTURES / "ok.ipynb", PARAMETERS, title="Tiến độ — Kỳ nghỉ hồng", stamp=STAMP),
        NotebookJob(FIXTURES / "fails.ipynb", PARAMETERS, stamp=STAMP),
        NotebookJob(FIXTURES / "slow_params.ipynb", {**PARAMETERS, "delay": 1.0}, stamp=STAMP,
                    cwd=kernel_dir),
    ]


def _write_index(folder: Path, results: list[NotebookResult]) -> None:
    page = period_index_html(
        "dot7", results, sorted(folder.glob("*.csv")), None, ACCOUNTING, STAMP, base=folder
    )
    (folder / "index.html").write_text(page, encoding="utf-8")


def _siblings(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.parent.iterdir() if p.name.startswith(f".{out_dir.name}."))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One real run: three notebooks in two workers, PDFs on, the index written before the swap."""
    root = tmp_path_factory.mktemp("outputs")
    kernel_dir = tmp_path_factory.mktemp("kernel-cwd")
    out_dir = root / "dot7"
    out_dir.mkdir()
    (out_dir / "cu.html").write_text("kết quả lần chạy trước", encoding="utf-8")
    parent_cwd = os.getcwd()
    start = time.perf_counter()
    with PdfPool(2) as pdfs:
        results = run_notebooks(_jobs(kernel_dir), out_dir, workers=2, progress=True, pdf=True,
                                finalize=_write_index, pdfs=pdfs)
        pdf_pids = [f.result() for f in [pdfs._executor.submit(os.getpid) for _ in range(4)]]
    wall = time.perf_counter() - start
    print(f"\n[đo] run_notebooks: 3 sổ, 2 luồng, có PDF: {wall:.2f} s")
    for result in results:
        shown = ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items())
        print(f"[đo]   {result.name}: {shown}")
    return {"results": results, "out_dir": out_dir, "kernel_dir": kernel_dir,
            "parent_cwd": parent_cwd, "pdf_pids": pdf_pids}


def test_results_in_job_order_with_outputs(run):
    results, out_dir = run["results"], run["out_dir"]
    assert [r.name for r in results] == ["ok", "fails", "slow_params"]
    assert [r.ok for r in results] == [True, False, True]
    ok = results[0]
    assert ok.title == "Tiến độ — Kỳ nghỉ hồng"
    assert ok.html == Path("ok.html") and ok.pdf == Path("ok.pdf")
    for name in ("ok.html", "ok.pdf", "slow_params.html", "slow_params.pdf", "index.html"):
        assert (out_dir / name).is_file(), name
    assert set(ok.timings) == {"execute", "html", "pdf"}
    assert {r.kernel for r in results} <= {1, 2}  # two warm kernels for three notebooks


def test_executed_notebooks_kept_out_of_the_shared_folder(run):
    results, out_dir = run["results"], run["out_dir"]
    private = out_dir.parent / ".executed" / "dot7"
    assert [r.executed for r in results] == [private / f"{r.name}.ipynb" for r in results]
    assert sorted(p.name for p in private.iterdir()) == ["fails.ipynb", "ok.ipynb", "slow_params.ipynb"]
    assert not list(out_dir.rglob("*.ipynb"))
    executed = nbformat.read(private / "fails.ipynb", as_version=4)  # failed notebooks are kept too
    assert executed.metadata.papermill.exception is True
    assert any(c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs) for c in executed.cells)
    assert _siblings(private) == []


def test_pdfs_printed_by_processes_of_their_own(run):
    pypdf = pytest.importorskip("pypdf")
    out_dir = run["out_dir"]
    for name in ("ok", "slow_params"):
        text = "".join(page.extract_text() for page in pypdf.PdfReader(out_dir / f"{name}.pdf").pages)
        assert "Kỳ báo cáo" in text or "period=dot7" in text, name
    pids = run["pdf_pids"]
    assert pids and os.getpid() not in pids


def test_parameters_injected_and_visible(run):
    out_dir = run["out_dir"]
    executed = nbformat.read(out_dir.parent / EXECUTED_DIR / "dot7" / "slow_params.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and 'period = "dot7"' in injected[0].source
    page = (out_dir / "slow_params.html").read_text(encoding="utf-8")
    assert "period=dot7 as_of=2024-07-15 delay=1.0" in page
    assert "Kỳ báo cáo: dot7" in (out_dir / "ok.html").read_text(encoding="utf-8")


def test_kernel_cwd_without_chdir_of_the_parent(run):
    page = (run["out_dir"] / "slow_params.html").read_text(encoding="utf-8")
    assert f"cwd={run['kernel_dir']}" in page
    assert os.getcwd() == run["parent_cwd"]


def test_notebook_writes_to_out_dir_are_swapped_in(run):
    table = run["out_dir"] / "bang_dot7.csv"
    assert table.read_text(encoding="utf-8").startswith("don_vi,so_tnv\nĐoàn Khối")


def test_failure_does_not_stop_the_others_and_carries_message(run):
    failed = run["results"][1]
    assert not failed.ok and failed.html is None and failed.pdf is None
    assert failed.error_name == "ValueError"
    assert failed.error_value == "Thiếu tệp đăng ký của Đoàn Khối cho kỳ dot7"
    assert failed.error_cell == 4
    assert "Sổ fails.ipynb dừng ở ô thứ 4" in failed.error
    assert "ValueError: Thiếu tệp đăng ký của Đoàn Khối cho kỳ dot7" in failed.error
    assert not (run["out_dir"] / "fails.html").exists()


def test_previous_outputs_replaced_and_no_leftovers(run):
    out_dir = run["out_dir"]
    assert not (out_dir / "cu.html").exists()
    assert _siblings(out_dir) == []


def test_period_index_lists_reports_errors_tables_and_accounting(run):
    page = (run["out_dir"] / "index.html").read_text(encoding="utf-8")
    assert '<a href="ok.html">HTML</a>' in page and '<a href="ok.pdf">PDF</a>' in page
    assert "Lỗi" in page and "Thiếu tệp đăng ký của Đoàn Khối cho kỳ dot7" in page
    assert '<a href="bang_dot7.csv">bang_dot7.csv</a>' in page
    assert "1.234" in page and "Bị loại" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_interrupted_run_keeps_previous_outputs(tmp_path):
    out_dir = tmp_path / "dot1"
    out_dir.mkdir()
    (out_dir / "ok.html").write_text("bản cũ", encoding="utf-8")
    written = []

    def interrupt(folder: Path, results):
        (folder / "index.html").write_text("bản mới dở dang", encoding="utf-8")
        written.extend(sorted(p.name for p in folder.iterdir()))
        raise KeyboardInterrupt  # Ctrl-C after the notebooks were written

    job = NotebookJob(FIXTURES / "slow_params.ipynb", {"period": "dot1", "delay": 0})
    with pytest.raises(KeyboardInterrupt):
        run_notebooks([job], out_dir, workers=1, progress=False, finalize=interrupt)
    assert "slow_params.html" in written and "bang_dot1.csv" in written
    assert sorted(p.name for p in out_dir.iterdir()) == ["ok.html"]
    assert (out_dir / "ok.html").read_text(encoding="utf-8") == "bản cũ"
    assert _siblings(out_dir) == []
    private = tmp_path / EXECUTED_DIR
    assert not (private / "dot1").exists() and _siblings(private / "dot1") == []


def test_error_inside_a_worker_keeps_previous_outputs(tmp_path, monkeypatch):
    out_dir = tmp_path / "dot2"
    out_dir.mkdir()
    (out_dir / "a.html").write_text("bản cũ", encoding="utf-8")

    def broken(job, kernel, folder, executed, executed_final):
        (folder / f"{job.stem}.html").write_text("dở dang", encoding="utf-8")
        if job.stem == "b":
            raise MemoryError("hết bộ nhớ")
        return NotebookResult(job.stem, job.stem, Path(job.notebook), ok=True), None

    monkeypatch.setattr(batch, "run_job", broken)
    jobs = [NotebookJob(FIXTURES / "ok.ipynb", name="a"), NotebookJob(FIXTURES / "ok.ipynb", name="b")]
    with pytest.raises(MemoryError):
        run_notebooks(jobs, out_dir, workers=2, progress=False)
    assert (out_dir / "a.html").read_text(encoding="utf-8") == "bản cũ"
    assert not (out_dir / "b.html").exists()
    assert _siblings(out_dir) == []


def test_swap_interrupted_between_renames_is_recovered(tmp_path):
    out_dir = tmp_path / "dot3"
    moved = tmp_path / ".dot3.old-1-abcdef12"
    moved.mkdir()
    (moved / "ok.html").write_text("bản cũ", encoding="utf-8")
    stale = tmp_path / ".dot3.partial-999999999-abcdef12"  # a run that is gone
    stale.mkdir()
    recover_interrupted(out_dir)
    assert (out_dir / "ok.html").read_text(encoding="utf-8") == "bản cũ"
    assert not moved.exists() and not stale.exists()


def test_missing_notebook_is_a_failed_result(tmp_path):
    results = run_notebooks([NotebookJob(tmp_path / "khong_co.ipynb")], tmp_path / "dot4",
                            progress=False)
    assert not results[0].ok
    assert results[0].error.startswith("Không chạy được sổ khong_co.ipynb")


def test_duplicate_output_names_are_refused(tmp_path):
    jobs = [NotebookJob(FIXTURES / "ok.ipynb"), NotebookJob(FIXTURES / "ok.ipynb")]
    with pytest.raises(ValueError, match="cùng tên đầu ra"):
        run_notebooks(jobs, tmp_path / "dot5", progress=False)
    assert not (tmp_path / "dot5").exists()


# ---------------------------------------------------------------------------- run.json


def test_write_run_json(tmp_path, run):
    data = tmp_path / "don_vi.xlsx"
    data.write_bytes(b"du lieu \xc4\x90oan")
    path = write_run_json(
        tmp_path / "dot7" / "run.json",
        {**PARAMETERS, "as_of": dt.date(2024, 7, 15), "data_dir": tmp_path},
        [data, tmp_path / "mat.xlsx"],
        timings_of(run["results"]),
        __version__,
    )
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["kit_version"] == __version__
    assert record["parameters"]["as_of"] == "2024-07-15"
    assert record["input_files"][0] == {
        "path": str(data), "size": data.stat().st_size,
        "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
    }
    assert record["input_files"][1]["missing"] is True
    assert set(record["timings"]) == {"ok", "fails", "slow_params"}
    assert dt.datetime.fromisoformat(record["generated_at"]).tzinfo is not None
    assert not list(path.parent.glob(".run.json.tmp-*"))


# ---------------------------------------------------------------------------- index pages


def test_period_index_escapes_and_encodes_links(tmp_path):
    results = [
        NotebookResult("a", "Báo cáo <b>A</b>", Path("a.ipynb"), ok=True, html=Path("a.html")),
        NotebookResult("b", "B", Path("b.ipynb"), ok=False,
                       error="Sổ b.ipynb dừng ở ô thứ 2: KeyError: '<script>alert(1)</script>'"),
    ]
    page = period_index_html("Đợt 1", results, [tmp_path / "bảng tổng hợp.csv"],
                             tmp_path / "phu_luc.xlsx", {"rows_read": 5, "khác": 1}, None,
                             base=tmp_path)
    assert "Báo cáo &lt;b&gt;A&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    assert 'href="b%E1%BA%A3ng%20t%E1%BB%95ng%20h%E1%BB%A3p.csv"' in page
    assert '<a href="phu_luc.xlsx">phu_luc.xlsx</a>' in page
    assert "Báo cáo kỳ Đợt 1" in page and "khác" in page
    assert 'lang="vi"' in page and "size: A4" in page


def test_site_index_lists_periods():
    page = site_index_html([
        {"period": "dot1", "as_of": "2024-06-30", "reports": 5, "failed": 0},
        period_summary("dot2", [NotebookResult("x", "X", Path("x.ipynb"), ok=False, error="e")],
                       {"as_of": dt.date(2024, 7, 15)}, label="Đợt 2 <giữa kỳ>"),
    ])
    assert '<a href="dot1/index.html">dot1</a>' in page
    assert '<a href="dot2/index.html">Đợt 2 &lt;giữa kỳ&gt;</a>' in page
    assert "30/06/2024" in page and "15/07/2024" in page
    assert "http://" not in page and "https://" not in page


# ---------------------------------------------------------------------------- the console


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_redrawn_on_a_terminal_and_written_once_elsewhere():
    terminal, log = _Terminal(), io.StringIO()
    for stream in (terminal, log):
        line = ProgressLine("Đợt 1 (số liệu đến 23/06/2024)", 3, stream=stream)
        line.update(True, "01_kiem_tra_du_lieu")
        line.update(False, "02_lich_hoat_dong")
        line.update(True, "03_khoi_luong_cong_viec")
        line.finish()
    shown = terminal.getvalue()
    assert shown.count("\n") == 1 and shown.endswith("\n") and shown.count("\r") == 5
    assert "1/3 báo cáo (vừa xong: 01_kiem_tra_du_lieu)" in shown
    final = shown.rsplit("\r", 1)[1]
    assert re.fullmatch(r"Đợt 1 \(số liệu đến 23/06/2024\): 3/3 báo cáo, 1 lỗi, \d+,\d giây *\n", final)
    assert re.fullmatch(r"Đợt 1 \(số liệu đến 23/06/2024\): 3/3 báo cáo, 1 lỗi, \d+,\d giây\n", log.getvalue())
    quiet = io.StringIO()
    ProgressLine("dot1", 1, stream=quiet, enabled=False).finish()
    assert quiet.getvalue() == ""


def test_longest_notebooks_submitted_first_and_results_keep_the_jobs_order(tmp_path):
    from campaignkit.batch.notebooks import expected_order

    jobs = [NotebookJob(FIXTURES / "ok.ipynb", name=name) for name in ("a", "b", "c", "d")]
    assert expected_order(jobs, {"a": 0.2, "b": 3.0, "d": 1.0}) == [2, 1, 3, 0]  # c: never timed, first
    assert expected_order(jobs, {}) == [0, 1, 2, 3]
    slow = [NotebookJob(FIXTURES / "slow_params.ipynb", {"period": "dot6", "delay": d}, name=n)
            for n, d in (("ngan", 0), ("dai", 1.0))]
    results = run_notebooks(slow, tmp_path / "dot6", workers=1, progress=False, order=[1, 0])
    assert [r.name for r in results] == ["ngan", "dai"] and all(r.ok for r in results)
    started = [nbformat.read(tmp_path / ".executed" / "dot6" / f"{n}.ipynb", as_version=4).metadata.papermill.start_time
               for n in ("dai", "ngan")]
    assert started[0] < started[1]  # one kernel: the long one was submitted, so ran, first
