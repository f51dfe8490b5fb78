# campaignkit — gõ `make help` để xem các lệnh.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DATA ?= data/sample
PLAN ?= data/plans/ky-nghi-hong-2024.yaml
OUT ?= outputs

.DEFAULT_GOAL := help
.PHONY: help install report test bench clean

help: ## In danh sách lệnh (list the commands)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test]'
	@mkdir -p $(VENV)/etc/jupyter  # JupyterLab saves the kit's notebooks without outputs (render/lab.py)
	@cp jupyter-config/jupyter_server_config.json $(VENV)/etc/jupyter/
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP) ## Cài bộ công cụ vào .venv (tự chạy khi cần)

PERIOD ?= phases

report: $(STAMP) ## Chạy báo cáo các đợt trên dữ liệu mẫu (DATA=…, PLAN=…: chiến dịch khác)
	@$(PY) -m campaignkit run --period $(PERIOD) --data $(DATA) --plan $(PLAN) --out $(OUT) $(if $(PDF),--pdf)

test: $(STAMP) ## Kiểm tra mã (ruff) rồi chạy toàn bộ kiểm thử (lint, then run the tests)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

bench: $(STAMP) ## Đo hiệu năng, ~10 phút (benchmarks; results in bench/results/, see bench/README.md)
	@$(PY) -c 'import openpyxl, pyinstrument' 2>/dev/null || $(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m bench $(BENCH_ARGS)

clean: ## Xoá kết quả đã sinh trong outputs/ (keeps .gitkeep)
	find $(OUT) -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
