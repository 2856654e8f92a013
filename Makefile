# Quick start: `make demo` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test clean system-packages web

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# TeX Live, Graphviz and poppler via apt-get when run as root; otherwise a note, and those tests skip
system-packages:
	@bash .ci/system-packages

demo: $(STAMP) system-packages
	$(BIN)/symgrad derive --model neuron --activation sigmoid --loss squared --reg l2 --steps
	mkdir -p out
	$(BIN)/symgrad derive --model neuron --activation sigmoid --loss squared --reg l2 --steps --format latex --document -o out/neuron.tex
	@if command -v pdflatex >/dev/null; then \
	  (cd out && pdflatex -interaction=nonstopmode -halt-on-error neuron.tex >/dev/null) && echo "wrote out/neuron.tex and out/neuron.pdf"; \
	else echo "wrote out/neuron.tex (install pdflatex to get the PDF)"; fi

# The browser explorer as static files in dist/web/ (npm packages pinned in web/package-lock.json, wheels
# from PyPI pinned by hash in web/requirements.txt); rebuilt only when its sources change. `symgrad serve` serves it.
WEB_SOURCES := $(wildcard web/src/*) web/package.json web/package-lock.json web/requirements.txt web/build.py \
	$(shell find symbolic -name '*.py' 2>/dev/null)
dist/web/.built: $(STAMP) $(WEB_SOURCES)
	@command -v npm >/dev/null || { echo "make web needs Node.js and npm (apt-get install nodejs npm)" >&2; exit 2; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python web/build.py
	touch $@

web: dist/web/.built

# the browser tests (tests/web) run against dist/web; without npm they skip with that reason
test: $(STAMP) system-packages
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory web; else echo "npm not found: tests/web will skip"; fi
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out build *.egg-info dist web/node_modules
