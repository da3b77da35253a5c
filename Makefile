# Two commands do all the set-up on a fresh machine:  make run  (dashboard)  and  make test  (all tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test build validate bench clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

validate: $(STAMP)
	$(PY) -m loaders validate

build: $(STAMP)
	$(PY) -m loaders build

# Listens on this machine only; on a server that others reach: make run ADDRESS=0.0.0.0 (behind HTTPS, see README).
run: build
	$(PY) -m streamlit run app.py --server.address $(or $(ADDRESS),127.0.0.1) --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

test: $(STAMP)
	$(PY) -m pytest

# Synthetic data at 50, 705 and 3,321 units: build, warm start, page and browser timings against their floors;
# prints the table, checks the budgets and rewrites docs/performance.md (about 15 minutes on 2 cores).
bench: $(STAMP)
	$(PY) -m bench.run $(if $(SIZES),--sizes $(SIZES),)

clean:
	rm -rf build test-output
