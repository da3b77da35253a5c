# Two commands do all the set-up on a fresh machine:  make run  (dashboard)  and  make test  (all tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test build validate bench clean chromium

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Debian's chromium draws the PNG/SVG/PDF exports (kaleido) and runs the browser tests. Installed here when it is
# missing and the machine allows it (root with apt-get); otherwise one line says so and everything else still runs
# (the page then offers the browser's own picture download, and those tests are skipped off CI).
CHROMIUM_PACKAGES ?= chromium fonts-dejavu-core poppler-utils
CHROMIUM ?= /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ] && command -v pdftoppm >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing $(CHROMIUM_PACKAGES) (picture exports and browser tests)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CHROMIUM_PACKAGES) >/dev/null 2>&1 \
		|| echo "could not install chromium; picture exports and browser tests will be skipped"; \
	else \
		echo "no chromium (as root: apt-get install -y $(CHROMIUM_PACKAGES)); picture exports and browser tests will be skipped"; \
	fi

validate: $(STAMP)
	$(PY) -m loaders validate

build: $(STAMP)
	$(PY) -m loaders build

# Listens on this machine only; on a server that others reach: make run ADDRESS=0.0.0.0 (behind HTTPS, see README).
run: build chromium
	$(PY) -m streamlit run app.py --server.address $(or $(ADDRESS),127.0.0.1) --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

test: $(STAMP) chromium
	$(PY) -m pytest

# Synthetic data at 50, 705 and 3,321 units: build, warm start, page and browser timings against their floors;
# prints the table, checks the budgets and rewrites docs/performance.md (about 15 minutes on 2 cores).
bench: $(STAMP)
	$(PY) -m bench.run $(if $(SIZES),--sizes $(SIZES),)

clean:
	rm -rf build test-output
