# Two commands on a fresh machine with Python 3.11+ and make: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/loo.duckdb
STAMP := $(VENV)/.installed

.PHONY: run test bench env db clean

env: $(STAMP)

$(STAMP): requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

$(DB): | $(STAMP)
	$(BIN)/python -m data_pipeline load sample_data --db $(DB)

db: $(DB)

run: $(STAMP) $(DB)
	LOO_DB=$(DB) $(BIN)/streamlit run app.py --server.port 8501

test: $(STAMP)
	@if command -v npm >/dev/null 2>&1 && [ ! -f node_modules/axe-core/axe.min.js ]; then \
		npm ci --no-audit --no-fund --silent || echo "axe-core niet geïnstalleerd: toegankelijkheidstests worden overgeslagen"; fi
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) data
