# Quick start: `make demo` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/symgrad derive --model neuron --activation sigmoid --loss squared --reg l2 --steps
	$(BIN)/symgrad derive --model neuron --activation sigmoid --loss squared --reg l2 --steps --format latex --document -o out/neuron.tex
	@echo "wrote out/neuron.tex"

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out build *.egg-info
