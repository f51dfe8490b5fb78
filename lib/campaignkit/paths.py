"""Every path the kit uses by default derives from here."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DATA_DIR = DATA_DIR / "sample"
RAW_DATA_DIR = DATA_DIR / "raw"
PLANS_DIR = DATA_DIR / "plans"
DEFAULT_PLAN = PLANS_DIR / "ky-nghi-hong-2024.yaml"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
INGEST_DIR = "ingest"   # <out>/ingest/: the office's working copy of the clean tables (`ingest`, `run`)
TEMPLATES_DIR = Path(__file__).resolve().parent / "render" / "templates"

# Names fixed by the data contract (../shared/data-contract.md, section 1).
REGISTRY_FILE = "don_vi.xlsx"
REGISTRATIONS_DIR = "dang_ky"
REPORTS_DIR = "bao_cao"
WORD_TEMPLATES_DIR = DATA_DIR / "templates"
DEFAULT_WORD_TEMPLATE = WORD_TEMPLATES_DIR / "bao-cao-doan-khoi.docx"
FEEDBACK_DIR = "phan_hoi"  # outputs/<period>/phan_hoi/<Mã đơn vị>.xlsx (data contract, section 2)
