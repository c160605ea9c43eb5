# make report | make test | make lab — each creates .venv from pyproject.toml when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLE ?= data/articles/axis-of-resistance.md
OUT ?= reports/$(basename $(notdir $(ARTICLE)))

.PHONY: help install report tables test e2e e2e-setup lab bench pipeline stance-model clean

help:
	@echo "make report   run every notebook on ARTICLE and write $(OUT)/index.html"
	@echo "make tables   write ARTICLE's tables as CSV to $(OUT)/tables"
	@echo "make test     run the test suite (browser tests skip without Chromium)"
	@echo "make e2e      run the browser end-to-end tests alone"
	@echo "make e2e-setup  install Debian's Chromium for the browser tests (needs root)"
	@echo "make lab      open JupyterLab on notebooks/"
	@echo "make bench    print the benchmarks' speed ratios"
	@echo "make pipeline retrain data/pipeline (spaCy tagger and parser) on ../shared/data/ud-english-ewt"
	@echo "make stance-model  retrain data/stance_model.json (the author's stance) on ../shared/data/basil/dev"

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

e2e: $(STAMP)
	$(BIN)/python -m pytest tests/e2e

# Playwright cannot download its own browser here: the tests drive Debian's Chromium.
e2e-setup:
	@command -v chromium >/dev/null || apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium) \
		|| echo "e2e-setup: Chromium could not be installed; the browser tests will skip"

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/dictionary_scaling.py $(ARTICLE)
	$(BIN)/python benchmarks/sentiment_speed.py
	$(BIN)/python benchmarks/large_article.py
	$(BIN)/python benchmarks/corpus_speed.py
	$(BIN)/python benchmarks/parse_speed.py
	$(BIN)/python benchmarks/startup.py

# Retrain the shipped spaCy pipeline from the UD English EWT treebank (hours on two cores).
pipeline: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_pipeline.py

stance-model: $(STAMP)
	$(BIN)/python scripts/train_stance.py

clean:
	rm -rf reports build *.egg-info .pytest_cache .hypothesis
