# Quick start: `make demo` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test clean system-packages

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

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out build *.egg-info
