# make report | make test | make lab — each creates .venv from pyproject.toml when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLE ?= data/articles/axis-of-resistance.md
OUT ?= reports/$(basename $(notdir $(ARTICLE)))

.PHONY: help install report tables test lab bench clean

help:
	@echo "make report   run every notebook on ARTICLE and write $(OUT)/index.html"
	@echo "make tables   write ARTICLE's tables as CSV to $(OUT)/tables"
	@echo "make test     run the test suite"
	@echo "make lab      open JupyterLab on notebooks/"
	@echo "make bench    print the benchmarks' speed ratios"

install: $(STAMP)

# Reuse an existing .venv; reinstall only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m analysis report $(ARTICLE) --out $(OUT)

tables: $(STAMP)
	$(BIN)/python -m analysis tables $(ARTICLE) --out $(OUT)/tables

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/dictionary_scaling.py $(ARTICLE)
	$(BIN)/python benchmarks/sentiment_speed.py

clean:
	rm -rf reports build *.egg-info .pytest_cache .hypothesis
