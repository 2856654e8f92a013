"""symbolic.tensor.answer: vector and matrix answers judged right, and wrong ones caught with the right
diagnosis.  Every objective of the derivation table gives its own true gradient (as printed text, parsed
back) — correct — and four slips of it — incorrect, each with its diagnosis."""
from __future__ import annotations

import json

import pytest

from symbolic.check.records import DIAGNOSES
from symbolic.tensor import tree as t
from symbolic.tensor.answer import check_tensor, notation_of
from symbolic.tensor.engine import gradients
from symbolic.tensor.parse import parse_objective
from symbolic.tensor.printing import text
from tests.cli import run_cli
from tests.symbolic.test_tensor import OBJECTIVES, _shapes

CASES = [(loss, extra, w) for loss, extra, wrt, _ in OBJECTIVES for w in wrt.split(",")]


def _truth(loss, extra, wrt):
    shapes = _shapes(extra)
    return shapes, gradients(parse_objective(loss, shapes), [wrt])[wrt]


@pytest.mark.parametrize("loss,extra,wrt", CASES, ids=[f"{c[0]}|{c[2]}" for c in CASES])
def test_the_printed_gradient_is_correct_and_its_slips_are_not(loss, extra, wrt):
    shapes, truth = _truth(loss, extra, wrt)
    if isinstance(truth, t.Zeros):
        pytest.skip("zero gradient")
    right = check_tensor(loss, shapes, wrt, text(truth))
    assert right.verdict == "correct", (text(truth), right.evidence)
    slips = {"sign": f"-({text(truth)})", "factor": f"3*({text(truth)})"}
    if not truth.is_scalar:
        slips["missing_term"] = None  # only for sums, below
    for kind, answer in slips.items():
        if answer is None:
            continue
        wrong = check_tensor(loss, shapes, wrt, answer)
        assert wrong.verdict == "incorrect", (answer, wrong.evidence)
        assert wrong.diagnosis.kind == kind, (answer, wrong.diagnosis)
    if isinstance(truth, t.Add) and len(truth.terms) == 2:
        first, second = truth.terms
        wrong = check_tensor(loss, shapes, wrt, text(first))
        assert wrong.verdict == "incorrect" and wrong.diagnosis.kind == "missing_term", wrong.diagnosis
    if truth.is_square and not truth.is_scalar and not t.is_symmetric(truth):
        transposed = check_tensor(loss, shapes, wrt, f"({text(truth)}).T")
        if transposed.verdict == "incorrect":  # (a symmetric value is its own transpose)
            assert transposed.diagnosis.kind == "transpose"


BASE = "X:n,d w:d y:n"
#: (loss, shapes, wrt, answer, verdict, diagnosis kind or None)
HAND = [
    # least squares and ridge, rewritten every way a student would
    ("sum((X@w - y)**2)/n", BASE, "w", "2*X.T@(X@w - y)/n", "correct", None),
    ("sum((X@w - y)**2)/n", BASE, "w", "2/n*(X.T@X@w - X.T@y)", "correct", None),
    ("sum((X@w - y)**2)/n", BASE, "w", "-2*X.T@(y - X@w)/n", "correct", None),
    ("sum((X@w - y)**2)/n", BASE, "w", "2*(X@w - y)@X/n", "correct", None),  # numpy: v@M is Mᵀv
    ("sum((X@w - y)**2)/n", BASE, "w", "2*X.T@(X@w - y)", "incorrect", "factor"),
    ("sum((X@w - y)**2)/n", BASE, "w", "X.T@(X@w - y)/n", "incorrect", "factor"),
    ("sum((X@w - y)**2)/n", BASE, "w", "2*X.T@(X@w + y)/n", "incorrect", "sign"),
    ("sum((X@w - y)**2)/n", BASE, "w", "2*X@(X@w - y)/n", "incorrect", "shape"),
    ("sum((X@w - y)**2)/n", BASE, "w", "2*(X@w - y).T@X/n", "correct", None),  # 1-D .T is itself in numpy
    ("norm(X@w - y)**2 + lam*w@w", BASE, "w", "2*X.T@(X@w - y) + 2*lam*w", "correct", None),
    ("norm(X@w - y)**2 + lam*w@w", BASE, "w", "2*(X.T@X + lam*eye(d))@w - 2*X.T@y", "correct", None),
    ("norm(X@w - y)**2 + lam*w@w", BASE, "w", "2*X.T@(X@w - y) + lam*w", "incorrect", "factor"),
    ("norm(X@w - y)**2 + lam*w@w", BASE, "w", "2*X.T@(X@w - y)", "incorrect", "missing_term"),
    ("norm(X@w - y)**2 + lam*w@w", BASE, "w", "2*X.T@(X@w - y) - 2*lam*w", "incorrect", "sign"),
    ("norm(X@w - y)**2", BASE, "w", "2*X.T@(X@w - y) + 2*w", "incorrect", "extra_term"),
    ("norm(X@w - y)**2", BASE, "w", "sum(2*(X@w - y))", "incorrect", "shape"),
    ("norm(X@w - y)**2", BASE, "w", "2*X.T@X@w - 2*X.T@y", "correct", None),
    ("sum(c*(X@w - y)**2)", BASE + " c:n:pos", "w", "2*X.T@diag(c)@(X@w - y)", "correct", None),
    ("sum(c*(X@w - y)**2)", BASE + " c:n:pos", "w", "2*X.T@(X@w - y)", "incorrect", "other"),
    # logistic regression
    ("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", "w", "-X.T@(y*sigmoid(-y*(X@w)))/n", "correct", None),
    ("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", "w", "X.T@(y*(sigmoid(y*(X@w)) - 1))/n", "correct", None),
    ("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", "w", "-X.T@(y/(1 + exp(y*(X@w))))/n", "correct", None),
    ("sum(log(1 + exp(-y*(X@w))))/n", "X:n,d w:d y:n:pm1", "w", "-X.T@(y*sigmoid(y*(X@w)))/n", "incorrect", "other"),
    ("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n", "X:n,d w:d y:n:binary", "w",
     "X.T@(sigmoid(X@w) - y)/n", "correct", None),
    ("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n", "X:n,d w:d y:n:binary", "w",
     "X.T@(yhat - y)/n", "correct", None),
    ("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n", "X:n,d w:d y:n:binary", "w",
     "X.T@(y - sigmoid(X@w))/n", "incorrect", "sign"),
    ("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n", "X:n,d w:d y:n:binary", "w",
     "X.T@(sigmoid(X@w) - y)", "incorrect", "factor"),
    # softmax regression: P − Y is right only because each row of Y sums to 1
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(softmax(X@W) - Y)/n", "correct", None),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(P - Y)/n", "correct", None),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k W:d,k", "W", "X.T@(softmax(X@W) - Y)/n", "incorrect", "other"),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "(softmax(X@W) - Y).T@X/n", "incorrect",
     "transpose"),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(Y - softmax(X@W))/n", "incorrect",
     "sign"),
    ("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(softmax(X@W) - Y)", "incorrect",
     "factor"),
    # quadratic forms, traces, determinants
    ("x@A@x", "x:d A:d,d", "x", "(A + A.T)@x", "correct", None),
    ("x@A@x", "x:d A:d,d", "x", "2*A@x", "incorrect", "other"),
    ("x@A@x", "x:d A:d,d:sym", "x", "2*A@x", "correct", None),
    ("x@A@x", "x:d A:d,d:sym", "x", "A@x", "incorrect", "factor"),
    ("trace(A@X@B)", "A:k,n X:n,d B:d,k", "X", "A.T@B.T", "correct", None),
    ("trace(A@X@B)", "A:k,n X:n,d B:d,k", "X", "(B@A).T", "correct", None),
    ("trace(A@X@B)", "A:k,n X:n,d B:d,k", "X", "B@A", "incorrect", "transpose"),
    ("trace(X.T@A@X)", "X:n,d A:n,n", "X", "(A + A.T)@X", "correct", None),
    ("trace(X.T@A@X)", "X:n,d A:n,n", "X", "2*A@X", "incorrect", "other"),
    ("logdet(M)", "M:d,d", "M", "inv(M).T", "correct", None),
    ("logdet(M)", "M:d,d", "M", "inv(M)", "incorrect", "transpose"),
    ("logdet(S)", "S:d,d:spd", "S", "inv(S)", "correct", None),
    ("det(M)", "M:d,d", "M", "det(M)*inv(M).T", "correct", None),
    ("det(M)", "M:d,d", "M", "det(M)*inv(M)", "incorrect", "transpose"),
    ("norm(X)**2", "X:n,d", "X", "2*X", "correct", None),
    ("norm(X)**2", "X:n,d", "X", "2*X.T", "incorrect", "transpose"),
    ("a@X@b", "a:n b:d X:n,d", "X", "outer(a, b)", "correct", None),
    ("a@X@b", "a:n b:d X:n,d", "X", "outer(b, a)", "incorrect", "transpose"),
    # two-layer net
    ("sum((relu(X@W1)@v - y)**2)/n", "X:n,d y:n W1:d,h v:h", "v", "2*relu(X@W1).T@(relu(X@W1)@v - y)/n", "correct",
     None),
    ("sum((relu(X@W1)@v - y)**2)/n", "X:n,d y:n W1:d,h v:h", "W1",
     "2*X.T@(outer(relu(X@W1)@v - y, v)*step(X@W1))/n", "correct", None),
    ("sum((relu(X@W1)@v - y)**2)/n", "X:n,d y:n W1:d,h v:h", "W1",
     "2*X.T@(outer(relu(X@W1)@v - y, v))/n", "incorrect", "other"),
]


@pytest.mark.parametrize("loss,shapes,wrt,answer,verdict,kind", HAND, ids=[f"{c[3]}|{c[1]}" for c in HAND])
def test_hand_written_answers(loss, shapes, wrt, answer, verdict, kind):
    v = check_tensor(loss, shapes, wrt, answer)
    assert v.verdict == verdict, (v.evidence, v.diagnosis)
    if kind:
        assert v.diagnosis.kind == kind, v.diagnosis
        assert v.diagnosis.kind in DIAGNOSES


def test_a_missing_one_over_n_is_named():
    v = check_tensor("sum((X@w - y)**2)/n", BASE, "w", "2*X.T@(X@w - y)")
    assert v.diagnosis.kind == "factor" and "1/n" in v.diagnosis.detail


def test_wrong_shape_names_both_shapes():
    v = check_tensor("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "(softmax(X@W) - Y).T@X/n")
    assert "d × k" in v.diagnosis.detail and "k × d" in v.diagnosis.detail


def test_counterexample_gives_sizes_and_entry():
    v = check_tensor("norm(X@w - y)**2", BASE, "w", "2*X.T@(X@w + y)")
    point = dict(v.counterexample.point)
    assert set(point) == {"n", "d", "entry"} and point["n"] != point["d"]
    assert v.counterexample.expected != v.counterexample.answer


def test_verdicts_are_deterministic():
    a = check_tensor("norm(X@w - y)**2", BASE, "w", "2*X.T@(X@w + y)")
    b = check_tensor("norm(X@w - y)**2", BASE, "w", "2*X.T@(X@w + y)")
    assert a.counterexample == b.counterexample and a.diagnosis == b.diagnosis


def test_where_declares_the_answers_own_names():
    v = check_tensor("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(S - Y)/n",
                     where=["S = softmax(X@W)"])
    assert v.verdict == "correct"
    v = check_tensor("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@G/n",
                     where=["S = softmax(X@W)", "G = S - Y"])
    assert v.verdict == "correct"


def test_a_tiny_constant_is_not_hidden_by_the_precision():
    v = check_tensor("w@w", "w:d", "w", "2*w + 1e-25")
    assert v.verdict == "incorrect"


def test_notation_detection():
    assert notation_of(r"\frac{1}{n} X^\top (Xw - y)") == "latex"
    assert notation_of("X.T @ (X @ w - y) / n") == "numpy"
    assert notation_of("def grad(w, X, y):\n    return X.T @ (X @ w - y)") == "numpy"
    assert notation_of("dW = X.T.dot(dscores)\nreturn dW") == "numpy"


def test_cli_check_with_shapes_json_and_exit_codes(capsys):
    args = ["check", "sum((X@w - y)**2)/n", "--shapes", BASE, "--wrt", "w", "--json"]
    code, out, err = run_cli(capsys, *args, "--answer", "2*X.T@(X@w - y)/n")
    assert code == 0, err
    data = json.loads(out)
    assert data["verdict"] == "correct" and data["answer_shape"] == "d" and data["expected_shape"] == "d"
    code, out, err = run_cli(capsys, *args, "--answer", "X.T@(X@w - y)/n")
    assert code == 1 and json.loads(out)["diagnosis"]["kind"] == "factor"
    code, out, err = run_cli(capsys, *args, "--answer", "X@(X@w - y)")
    assert code == 1 and json.loads(out)["diagnosis"]["kind"] == "shape"
    code, out, err = run_cli(capsys, *args, "--answer", "__import__('os')")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_an_undeclared_name_is_one_clear_error():
    from symbolic.errors import ParseError
    with pytest.raises(ParseError, match="S, which the loss does not have"):
        check_tensor("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(S - Y)/n")


def test_derive_names_need_no_declaring():
    v = check_tensor("-sum(Y*log(softmax(X@W)))/n", "X:n,d Y:n,k:onehot W:d,k", "W", "X.T@(P - Y)/n")
    assert v.verdict == "correct"
    v = check_tensor("sum((X@w - y)**2)/n", BASE, "w", "2*X.T@r/n")
    assert v.verdict == "correct"


def test_a_derivation_is_checked_line_by_line():
    from symbolic.tensor.chain import check_tensor_derivation
    chain = check_tensor_derivation("sum((X@w - y)**2)/n", BASE, "w",
                                    "dL/dw = 2*X.T@(X@w - y)/n = 2/n*(X.T@X@w - X.T@y) = 2/n*(X.T@X@w + X.T@y)")
    assert [s.verdict for s in chain.steps] == ["ok", "ok", "ok", "wrong"]
    assert chain.first_wrong_step == 3 and chain.steps[3].diagnosis.kind == "sign"
    assert chain.final_verdict == "incorrect"
    chain = check_tensor_derivation("sum((X@w - y)**2)/n", BASE, "w", "dL/dw = 2*X.T@(X@w - y)/n = 2/n*(X@X.T@w - X.T@y)")
    assert chain.steps[2].diagnosis.kind == "shape" and chain.first_wrong_step == 2


def test_grade_takes_shapes_and_where_columns(tmp_path, capsys):
    from tests.cli import run_cli
    rows = tmp_path / "answers.csv"
    rows.write_text(
        "student,loss,wrt,answer,notation,shapes,where\n"
        'ann,sum((X@w - y)**2)/n,w,2*X.T@(X@w - y)/n,,"X:n,d w:d y:n",\n'
        'bob,sum((X@w - y)**2)/n,w,X.T@(X@w - y)/n,,"X:n,d w:d y:n",\n'
        'cy,-sum(Y*log(softmax(X@W)))/n,W,X.T@(S - Y)/n,,"X:n,d Y:n,k:onehot W:d,k",S = softmax(X@W)\n'
        'dee,-sum(Y*log(softmax(X@W)))/n,W,X.T@(S - Y)/n,,"X:n,d Y:n,k:onehot W:d,k",\n'
        "eve,x**2,x,2*x,,,\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "grade", str(rows), "-o", str(tmp_path / "r.csv"))
    assert code == 0, err
    import csv
    report = {r["student"]: r for r in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8"))}
    assert report["ann"]["verdict"] == "correct" and report["cy"]["verdict"] == "correct"
    assert report["bob"]["verdict"] == "incorrect" and report["bob"]["diagnosis"] == "factor"
    assert report["dee"]["verdict"] == "error" and "--where" in report["dee"]["error"]
    assert report["eve"]["verdict"] == "correct"


@pytest.mark.parametrize("latex_loss,text_loss,shapes,wrt", [
    (r"\frac{1}{n}\|Xw - y\|_2^2 + \lambda \|w\|^2", "norm(X@w - y)**2/n + lambda*norm(w)**2", BASE, "w"),
    (r"-\frac{1}{n}\sum_{i=1}^n \log \sigma(y_i w^T x_i)", "-sum(log(sigmoid(y*(X@w))))/n", "X:n,d w:d y:n:pm1", "w"),
    (r"\operatorname{tr}(A X B)", "trace(A@X@B)", "A:k,n X:n,d B:d,k", "X"),
    (r"\log\det S", "logdet(S)", "S:d,d:spd", "S"),
])
def test_a_latex_loss_is_the_same_objective(latex_loss, text_loss, shapes, wrt):
    from symbolic.tensor.derivation import derive_text
    from symbolic.tensor.printing import text as printed
    a = derive_text(latex_loss, shapes, [wrt]).gradients[wrt]
    b = derive_text(text_loss, shapes, [wrt]).gradients[wrt]
    assert check_tensor(text_loss, shapes, wrt, printed(a)).verdict == "correct"
    assert a.shape == b.shape


BCE = "-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/n"


@pytest.mark.parametrize("answer,verdict,kind", [
    (r"\frac{\partial L}{\partial w_j} = \frac{1}{n}\sum_{i=1}^n (\sigma(w^T x_i) - y_i) x_{ij}", "correct", None),
    (r"\frac{\partial L}{\partial w_j} = \frac{1}{n}\sum_{i=1}^n (\sigma(w^T x^{(i)}) - y^{(i)}) x^{(i)}_j", "correct",
     None),
    (r"\frac{\partial L}{\partial w_j} = \frac{1}{n}\sum_{i=1}^n (y_i - \sigma(w^T x_i)) x_{ij}", "incorrect", "sign"),
    (r"\frac{\partial L}{\partial w_j} = \sum_{i=1}^n (\sigma(w^T x_i) - y_i) x_{ij}", "incorrect", "factor"),
])
def test_an_answer_for_one_component_is_read_as_the_vector(answer, verdict, kind):
    v = check_tensor(BCE, "X:n,d w:d y:n:binary", "w", answer)
    assert v.verdict == verdict and (v.diagnosis.kind if v.diagnosis else None) == kind


def test_a_component_form_with_two_indexed_factors_is_refused_not_judged():
    from symbolic.errors import ParseError
    with pytest.raises(ParseError, match="one component"):
        check_tensor(BCE, "X:n,d w:d y:n:binary", "w",
                     r"\frac{\partial L}{\partial w_j} = \frac{1}{n}\sum_{i=1}^n (\sigma(w^T x_i) - y_i) x_{ij} w_j")


def test_cs229_single_example_component_form():
    v = check_tensor("(y - sigmoid(theta@x))**2/2", "x:d theta:d", "theta",
                     r"\frac{\partial J}{\partial \theta_j} = -(y - \sigma(\theta^T x))\sigma(\theta^T x)"
                     r"(1 - \sigma(\theta^T x)) x_j")
    assert v.verdict == "correct"


def test_a_per_example_where_definition_is_the_vector_of_every_example():
    loss = "-w@w/(2*sigma**2) + sum(t*log(sigmoid(X@w)) + (1 - t)*log(1 - sigmoid(X@w)))"
    where = [r"P_n = \frac{1}{1 + \exp(-w^Tx_n)}"]
    right = check_tensor(loss, "X:N,D w:D t:N:binary", "w", r"-\frac{1}{\sigma^2} w + \sum_{n=1}^N x_n(t_n - P_n)",
                         where=where)
    wrong = check_tensor(loss, "X:N,D w:D t:N:binary", "w", r"-\frac{1}{\sigma^2} w + \sum_{n=1}^N x_n(P_n - t_n)",
                         where=where)
    assert right.verdict == "correct" and wrong.verdict == "incorrect"


def test_a_per_example_matrix_definition_is_read_where_it_is_summed():
    loss = "-n*logdet(Sigma)/2 - trace((X - outer(ones(n), mu))@inv(Sigma)@(X - outer(ones(n), mu)).T)/2"
    where = [r"S_i = (\mathbf{x}^{(i)} - \mu)(\mathbf{x}^{(i)} - \mu)^T"]
    shapes = "X:n,d mu:d Sigma:d,d:spd"
    right = r"\frac{1}{2} \left[ -n\Sigma^{-1} + \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1} \right]"
    assert check_tensor(loss, shapes, "Sigma", right, where=where).verdict == "correct"
    assert check_tensor(loss, shapes, "Sigma", right.replace("-n", "n"), where=where).verdict == "incorrect"


def test_an_undeclared_name_that_breaks_the_shapes_is_named_not_judged():
    from symbolic.errors import ParseError
    with pytest.raises(ParseError, match="uses q, which the loss does not have"):
        check_tensor("norm(X@w - y)**2", BASE, "w", "X.T @ (X @ q - y)")
    assert check_tensor("norm(X@w - y)**2", BASE, "w", "X @ (X @ w - y)").diagnosis.kind == "shape"
