"""The model and loss registries and ``build(spec)``: records that agree with their builders, the
library's defaults and refusals, parameters named by indexed labels, and parameters that cancel."""
from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
import sympy

from symbolic import derive
from symbolic.errors import DerivationError, ModelError, SymgradError
from symbolic.matrix import MLPSpec
from symbolic.models import (LOSSES, MODEL_NAMES, MODELS, TASKS, Objective, ObjectiveSpec, build, from_text,
                             objective, parameter_names)
from symbolic.parse import parse_formula

#: what the lecture says each model is for and which loss it comes with
EXPECTED_MODELS = {
    "linear": ("squared", "regression", "real", "value"),
    "logistic": ("binary_cross_entropy", "binary", "binary", "threshold"),
    "softmax": ("cross_entropy", "classes", "classes", "argmax"),
    "neuron": ("squared", "regression", "real", "value"),
    "two_layer": ("squared", "regression", "real", "value"),
}
#: the label values each loss expects
EXPECTED_LABELS = {"squared": "real", "binary_cross_entropy": "binary", "cross_entropy": "classes", "hinge": "pm1"}


def test_model_records_say_what_the_lecture_says():
    assert set(MODELS) == set(EXPECTED_MODELS) and MODEL_NAMES == (*MODELS, "mlp")
    for name, (loss, task, labels, prediction) in EXPECTED_MODELS.items():
        record = MODELS[name]
        assert (record.name, record.default_loss, record.task.name, record.labels, record.prediction) == \
            (name, loss, task, labels, prediction)
        assert record.summary == inspect.getdoc(record.build).splitlines()[0]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_a_model_takes_exactly_the_options_its_builder_takes(name):
    record = MODELS[name]
    assert set(record.options) == set(inspect.signature(record.build).parameters)


def test_loss_records_name_their_labels_and_tasks():
    assert {name: r.labels for name, r in LOSSES.items()} == EXPECTED_LABELS
    for record in LOSSES.values():
        assert record.task in TASKS and TASKS[record.task].labels == record.labels
    assert {t.name for t in TASKS.values() if t.classifier} == {"binary", "classes", "signs"}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_build_of_a_model_is_its_default_objective(name):
    built = build(ObjectiveSpec(model=name))
    record = MODELS[name]
    by_hand = objective(record(), record.default_loss)
    assert isinstance(built, Objective) and built.expression == by_hand.expression
    assert (built.model, built.loss, built.task) == (name, record.default_loss, LOSSES[record.default_loss].task)
    assert built.parameters == by_hand.parameters


@pytest.mark.parametrize("spec, check", [
    (ObjectiveSpec(model="softmax", features=2, classes=4), lambda o: len(o.outputs) == 4 and o.task == "classes"),
    (ObjectiveSpec(model="logistic", loss="squared"), lambda o: o.loss == "squared" and o.task == "regression"),
    (ObjectiveSpec(model="neuron", activation="tanh", reg="l2"),
     lambda o: "tanh(" in str(o.expression) and [c.name for c in o.constants] == ["lambda"]),
    (ObjectiveSpec(model="linear", data_features=3), lambda o: [p.name for p in o.parameters] == ["w1", "w2", "w3", "b"]),
    (ObjectiveSpec(model="softmax", data_features=1, data_classes=5), lambda o: len(o.outputs) == 5),
    (ObjectiveSpec(model="two_layer", hidden=3, biases=True), lambda o: len(o.parameters) == 6 + 9 + 3 + 6),
    (ObjectiveSpec(model="neuron", wrt=("omega",)), lambda o: [p.name for p in o.parameters] == ["omega"]),
    (ObjectiveSpec(model="linear", risk=True), lambda o: o.expression.has(sympy.Sum)),
    (ObjectiveSpec(formula="(y - w*x)**2", wrt=("w",)), lambda o: o.model == "" and o.task == ""),
])
def test_build_applies_the_spec(spec, check):
    assert check(build(spec))


def test_build_of_mlp_is_its_matrix_spec():
    spec = build(ObjectiveSpec(model="mlp", layers=(4, 3, 2), activation="relu", data_features=4, data_classes=2))
    assert spec == MLPSpec((4, 3, 2), ("relu",), "cross_entropy", "none")
    assert build(ObjectiveSpec(model="mlp", layers=(4, 3, 3, 2), activation="relu,tanh")).activations == ("relu", "tanh")
    assert build(ObjectiveSpec(model="mlp", layers=(4, 1), loss="squared", data_classes=3)).loss == "squared"


@pytest.mark.parametrize("spec, message", [
    (ObjectiveSpec(), "give a loss"),
    (ObjectiveSpec(model="linear", formula="x"), "either a loss or --model"),
    (ObjectiveSpec(model="nope"), "unknown model 'nope'"),
    (ObjectiveSpec(model="neuron", activation="nope"), "unknown activation"),
    (ObjectiveSpec(model="linear", activation="tanh"), "the linear model takes no activation"),
    (ObjectiveSpec(model="logistic", classes=3), "takes no classes"),
    (ObjectiveSpec(model="softmax", hidden=3), "takes no hidden"),
    (ObjectiveSpec(model="linear", biases=True), "takes no biases"),
    (ObjectiveSpec(model="linear", features=0), "features must be an integer"),
    (ObjectiveSpec(model="linear", loss="nope"), "unknown loss 'nope'"),
    (ObjectiveSpec(model="linear", reg="l3"), "unknown regularizer"),
    (ObjectiveSpec(model="softmax", loss="squared"), "one output"),
    (ObjectiveSpec(model="linear", features=2, data_features=3), "has 2 features but the data has 3"),
    (ObjectiveSpec(model="softmax", classes=4, data_classes=3), "has 4 classes but the data has 3 classes"),
    (ObjectiveSpec(formula="(y - w*x)**2"), "--wrt"),
    (ObjectiveSpec(formula="(y - w*x)**2", wrt=("w",), reg="l2"), "a typed loss takes no reg"),
    (ObjectiveSpec(formula="(y - w*x)**2", wrt=("w",), activation="tanh"), "a typed loss takes no activation"),
    (ObjectiveSpec(formula="(y - w*x)**2", wrt=("theta",)), "no variable 'theta'"),
    (ObjectiveSpec(model="mlp"), "--layers"),
    (ObjectiveSpec(model="mlp", layers=(3, 2), data_features=4), "4 feature columns"),
    (ObjectiveSpec(model="mlp", layers=(3, 2), data_classes=5), "5 classes"),
    (ObjectiveSpec(model="mlp", layers=(3, 2), hidden=4), "the mlp model takes no hidden"),
    (ObjectiveSpec(model="mlp", layers=(3, 2, 2), activation="relu,tanh"), "activations"),
])
def test_build_refuses_with_one_clear_error(spec, message):
    with pytest.raises(SymgradError) as caught:
        build(spec)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_build_takes_a_spec():
    with pytest.raises(TypeError):
        build({"model": "linear"})


@pytest.mark.parametrize("text, names", [
    ("w,b", ("w", "b")),
    (" w , b ,", ("w", "b")),
    ("W[1,2],b", ("W[1,2]", "b")),
    ("W[1, 1], W[2,1]", ("W[1, 1]", "W[2,1]")),
])
def test_parameter_names(text, names):
    assert parameter_names(text) == names


def test_parameter_names_needs_one():
    with pytest.raises(ModelError, match="at least one"):
        parameter_names(" , ")


# Bug: --wrt W on a loss written with W[1,1], W[1,2] differentiated by the IndexedBase's label: 0.
INDEXED = "(y - W[1,1]*x1 - W[1,2]*x2)**2"


def test_an_indexed_label_names_each_of_its_entries():
    obj = from_text(INDEXED, ["W"])
    W = sympy.IndexedBase("W", real=True)
    assert [str(p) for p in obj.parameters] == ["W[1, 1]", "W[1, 2]"]
    derivations = derive(obj)
    assert list(derivations) == ["W[1, 1]", "W[1, 2]"]
    for p, d in derivations.items():
        entry = next(e for e in obj.parameters if e.name == p)
        assert sympy.simplify(d.gradient - sympy.diff(obj.expression, entry)) == 0
        assert d.gradient != 0 and not d.note
    assert {str(s) for s in obj.data} == {"x1", "x2", "y"}  # W is all parameters, no data
    assert W[1, 1] in obj.parameters


def test_one_entry_can_be_named_with_or_without_spaces():
    for name in ("W[1,2]", "W[1, 2]"):
        obj = from_text(INDEXED, [name])
        assert [str(p) for p in obj.parameters] == ["W[1, 2]"]
        assert "W[1, 1]" in {str(s) for s in obj.data}


def test_a_label_indexed_by_a_variable_is_one_clear_error():
    with pytest.raises(DerivationError, match=r"W appears as W\[i\]"):
        from_text("Sum((y[i] - W[i]*x[i])**2, (i, 1, n))", ["W"])


# Bug: a parameter the user wrote but sympy cancelled was "no variable 'b'".
CANCELLING = "(sigmoid(sin(w*x - b + b)))**2"


def test_the_parser_records_the_names_as_written():
    formula = parse_formula(CANCELLING + " + lambda*y[i] + pi")
    assert formula.written == {"w", "x", "b", "lambda", "y"}
    assert not formula.expression.has(sympy.Symbol("b", real=True))


def test_a_written_parameter_that_cancels_has_derivative_zero_and_a_note():
    obj = from_text(CANCELLING, ["w", "b"])
    assert [p.name for p in obj.parameters] == ["w", "b"]
    derivations = derive(obj)
    assert derivations["b"].gradient == 0
    assert "b was written but cancels" in derivations["b"].note
    assert derivations["w"].note == "" and derivations["w"].gradient != 0


def test_a_name_never_written_is_still_an_error():
    with pytest.raises(DerivationError, match="no variable 'c'"):
        from_text(CANCELLING, ["w", "c"])


def test_symbolic_imports_neither_numeric_nor_symgrad():
    code = ("import sys, symbolic, symbolic.models, symbolic.models.spec; "
            "from symbolic.models import build, ObjectiveSpec; build(ObjectiveSpec(model='logistic')); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numeric', 'symgrad')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
