# Two commands for a newcomer:  make run  (the app on SQLite with demo data)  and  make test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_LOCAL := postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test lint seed clean-demo

$(BIN)/wms: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

var/secret.key: | $(BIN)/wms
	$(BIN)/wms keygen

var/wms.db: | $(BIN)/wms var/secret.key
	$(BIN)/wms demo seed

## Set up everything and start the terminal app on SQLite with the demo site.
run: $(BIN)/wms var/secret.key var/wms.db
	$(BIN)/wms db upgrade
	$(BIN)/wms

## Set up everything and run the checks and the whole test suite (PostgreSQL too when reachable).
test: $(BIN)/wms
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	@if [ -z "$$WMS_TEST_DATABASE_URL" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1; then \
		echo "PostgreSQL found on 127.0.0.1: its tests run too."; \
		export WMS_TEST_DATABASE_URL=$(PG_LOCAL); \
	fi; $(BIN)/pytest

## Start again from an empty demo database.
clean-demo:
	rm -f var/wms.db var/wms.db-wal var/wms.db-shm var/mall-state.json var/carrier-state.json
