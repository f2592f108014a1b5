# Two commands on a fresh machine with Python 3.11+ and make: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/loo.duckdb
STAMP := $(VENV)/.installed
# Test files run in parallel, each file whole in one worker (its server and browser shared),
# the longest first (tests/conftest.py: LONGEST_FIRST).
WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder
# `make test DATE=2031-05-02`: the tests without a browser run with the system clock on that
# day (Debian's faketime), side by side with the browser tests on the real clock; any day must
# pass. CI does this on a random day, so every test runs once. Without DATE: one run, real clock.
DATE ?=
DATED_LOG := tests/artifacts/dated-run.log

.PHONY: run test test-date test-busy screenshot bench mutation env db clean lock

env: $(STAMP)

$(STAMP): requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $(STAMP)

$(DB): | $(STAMP)
	$(BIN)/python -m data_pipeline load sample_data sample_data/district --db $(DB)

db: $(DB)

run: $(STAMP) $(DB)
	LOO_DB=$(DB) $(BIN)/streamlit run app.py --server.port 8501

# axe-core (package-lock.json) for the accessibility tests: a failed `npm ci` stops the run;
# without npm the axe tests skip on a developer machine and fail under CI=true.
test: $(STAMP)
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
		if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
		else echo "npm ontbreekt: de axe-toegankelijkheidstests worden overgeslagen"; fi; fi
ifeq ($(DATE),)
	$(PYTEST)
else
	@mkdir -p $(dir $(DATED_LOG))
	@echo "Tests zonder browser met de systeemklok op $(DATE) (uitvoer: $(DATED_LOG)); browsertests op de echte klok"
	@faketime -f "@$(DATE) 09:00:00" $(PYTEST) -m "not browser" \
		> $(DATED_LOG) 2>&1 & dated=$$!; \
	$(PYTEST) -m browser; browser=$$?; wait $$dated; dated=$$?; \
	echo "--- tests zonder browser, systeemklok op $(DATE) ---"; cat $(DATED_LOG); \
	echo "browsertests: exit $$browser; tests zonder browser op $(DATE): exit $$dated"; \
	test $$browser -eq 0 -a $$dated -eq 0
endif

# The suite without the browser tests, with the system clock set to DATE (default 2029-07-02).
test-date: $(STAMP)
	faketime -f "@$(or $(DATE),2029-07-02) 09:00:00" $(PYTEST) -m "not browser"

# The whole suite next to two CPU-bound processes (stress-ng, else two Python loops).
test-busy: $(STAMP)
	@if command -v stress-ng >/dev/null 2>&1; then stress-ng --cpu 2 --quiet & \
	else for i in 1 2; do $(PY) -c "while True: pass" & done; fi; \
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT; $(MAKE) --no-print-directory test

# Refresh the screenshots in the docs: the regisseur's Overzicht and the District page (a
# Zoetermeer LOO member), both at 1920x1080.
screenshot: $(STAMP)
	$(BIN)/python -m pytest -q "tests/test_accessibility.py::test_each_account_sees_its_menu_and_its_pages_without_an_error[regisseur]" tests/test_browser_district.py
	cp tests/artifacts/regisseur_overzicht.png docs/screenshots/overzicht.png
	cp tests/artifacts/district_1920x1080.png docs/screenshots/district.png

# Mutation testing of the core modules (tests/mutation.py); too slow for CI, run before a release.
# `make mutation GROUPS=audit` runs one group; the table lists killed/total per module.
mutation: $(STAMP)
	$(BIN)/python -m tests.mutation $(GROUPS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) data
