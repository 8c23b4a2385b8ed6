# Two entry points for a fresh machine: `make demo` and `make test`. Each sets itself up first.
VENV ?= .venv

.PHONY: setup demo test lint
setup:
	@bash scripts/setup.sh

demo: setup
	$(VENV)/bin/reckon demo

test: setup
	@bash scripts/test.sh

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
