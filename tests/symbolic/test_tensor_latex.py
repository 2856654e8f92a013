r"""symbolic.tensor.latex: vector and matrix gradients as people write them in LaTeX, each read into the
same value as the numpy-meaning text of the same expression (at random sizes, all dims distinct, so a
lost transpose cannot hide), and hostile or ambiguous input refused with one clear error, fast.

The spellings follow public course notes and Q&A threads (found with the project's search tool):
[NCC] nvidia/Nemotron-CC-Math-v1 logistic-regression gradient pages (\nabla_{\mathbf{w}} L = \sum_i
(\sigma(\mathbf{w}^T\mathbf{x}_i) - y_i)\mathbf{x}_i, \mathbf{X}^T(\sigma(\mathbf{Xw}) - \mathbf{y}));
[SE452162] stats.stackexchange.com/questions/452162 (\textbf{y}\cdot, \mathbf{1} - \textbf{y});
[NNDL] Nielsen, Neural Networks and Deep Learning ch. 2, as quoted on math.techqa.club and
windmising.gitbook.io (\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l));
[RIDGE] ethann.netlify.app/notes/regularized-linear-regression (∇J(w)=2(X⊤Xw−X⊤y+λw)) and the UW
regression course page on Nemotron-CC (\nabla_w = -2H^T(y - Hw) + 2\lambda w, (y - Hw)^T(y - Hw));
[NUM] numerade ridge question (‖Y − Xw‖² + λ‖w‖²); [MSE4846993] math.stackexchange.com/questions/4846993
(softmax: X(S - Y)^T); [TRACE] scrapbox.io/takalab trace derivatives (\mathrm{tr}(XA), \mathrm{tr}\, AX^\top)
and math.techqa.club 2152983 ({\rm tr}, \log{\rm det}); [CS229] Ng's notes (x^{(i)}, y^{(i)}, \sum_{i=1}^m);
[DLAI] deeplearning.ai bracket layers (W^{[1]}); [BISHOP] ln|Σ| for log det; [COMP] compphysics.github.io
MachineLearning notes (\circ for the Hadamard product, f'(z)); [CS231N] cs231n notes (dW = X^T dscores).
"""
from __future__ import annotations

import time

import numpy as np
import pytest
import sympy

from symbolic.errors import ParseError, SymgradError, UnsafeInputError
from symbolic.tensor import ShapeError, parse, parse_objective, parse_shapes
from symbolic.tensor import tree as t
from symbolic.tensor.latex import Definition, latex_definition, latex_name, parse_latex
from symbolic.tensor.printing import latex, unicode
from tests.symbolic.test_tensor import OBJECTIVES, _random, _shapes, np_value

NET = "W1:h,d W2:k,h delta1:h delta2:k z1:h x:d a1:h"

#: (LaTeX, the same in text with numpy's meaning, extra shapes) — sources in the module docstring
SPELLINGS = [
    # logistic regression
    (r"\frac{1}{n} X^\top (\sigma(Xw) - y)", "X.T@(sigmoid(X@w) - y)/n", ""),  # issue 16
    (r"$\frac{1}{n}X^T(\sigma(Xw)-y)$", "X.T@(sigmoid(X@w) - y)/n", ""),
    (r"\frac{\partial L}{\partial \mathbf{w}} = \mathbf{X}^T (\sigma(\mathbf{Xw}) - \mathbf{y})",
     "X.T@(sigmoid(X@w) - y)", ""),  # [NCC]
    (r"\nabla_{\mathbf{w}} L = \sum_{i=1}^{n} (\sigma(\mathbf{w}^T \mathbf{x}_i) - y_i) \mathbf{x}_i",
     "X.T@(sigmoid(X@w) - y)", ""),  # [NCC]
    (r"\nabla L = -\sum_{i=1}^{n} (y_i - \sigma(\mathbf{w}^T \mathbf{x}_i)) \mathbf{x}_i",
     "X.T@(sigmoid(X@w) - y)", ""),  # [NCC]
    (r"\nabla J(w) = \frac{1}{m} \sum_{i=1}^m (\hat{y}_i - y_i) x_i", "X.T@(yhat - y)/m",
     "X:m,d y:m yhat:m"),  # [NCC] (a homework answer)
    (r"-\frac{1}{n}\sum_{i=1}^n y_i x_i \sigma(-y_i w^T x_i)", "-X.T@(y*sigmoid(-y*(X@w)))/n", ""),  # issue 16
    (r"\frac{1}{n} \sum_{i=1}^{n} -y_i x_i (1 - \sigma(y_i w^T x_i))", "-X.T@(y*(1 - sigmoid(y*(X@w))))/n", ""),
    (r"-\frac{1}{N} \sum_{n=1}^N (t_n - \sigma(w^T x_n)) x_n", "-X.T@(t - sigmoid(X@w))/N", "X:N,d t:N"),
    (r"\sum_{i=1}^n \left(\sigma(\mathbf{w}^\top\mathbf{x}_i) - y_i\right)\mathbf{x}_i + 2\lambda\mathbf{w}",
     "X.T@(sigmoid(X@w) - y) + 2*lambda*w", ""),
    (r"\frac{1}{n}X^{T}\left(\frac{1}{1+e^{-Xw}} - y\right)", "X.T@(1/(1 + exp(-X@w)) - y)/n", ""),
    ("Xᵀ(σ(Xw) − y)/n", "X.T@(sigmoid(X@w) - y)/n", ""),
    (r"-\textbf{y}\cdot \ln \textbf{s} - (\mathbf{1} - \textbf{y}) \cdot \ln(\mathbf{1} - \textbf{s})",
     "-y@log(s) - (1 - y)@log(1 - s)", "s:n:prob"),  # [SE452162]
    (r"\sum_i \log(1 + \exp(-y_i w^T x_i))", "sum(log(1 + exp(-y*(X@w))))", ""),
    (r"\sum_i \sigma(w^T x_i)", "sum(sigmoid(X@w))", ""),
    # least squares and ridge
    (r"\frac{2}{n}\mathbf{X}^{\mathsf T}(\mathbf{X}\mathbf{w}-\mathbf{y})", "2*X.T@(X@w - y)/n", ""),  # issue 16
    (r"2X^T(Xw-y) + 2\lambda w", "2*X.T@(X@w - y) + 2*lambda*w", ""),  # issue 16
    (r"\nabla J(w) = 2(X^\top X w - X^\top y + \lambda w)", "2*(X.T@X@w - X.T@y + lambda*w)", ""),  # [RIDGE]
    (r"\nabla_w = -2H^T(y - Hw) + 2\lambda w", "-2*H.T@(y - H@w) + 2*lambda*w", "H:n,d"),  # [RIDGE]
    (r"(y - Hw)^T(y - Hw) + \lambda w^T w", "(y - H@w)@(y - H@w) + lambda*w@w", "H:n,d"),  # [RIDGE]
    ("‖Y − Xw‖² + λ‖w‖²", "norm(Y - X@w)**2 + lambda*norm(w)**2", "Y:n"),  # [NUM]
    ("2Xᵀ(Xw − y) + 2λw", "2*X.T@(X@w - y) + 2*lambda*w", ""),
    (r"\|Xw - y\|_2^2", "norm(X@w - y)**2", ""),  # issue 16
    (r"\left\| \mathbf{X}\mathbf{w} - \mathbf{y} \right\|^2 + \lambda \|\mathbf{w}\|^2",
     "norm(X@w - y)**2 + lambda*norm(w)**2", ""),
    (r"\frac{1}{2n}\|Xw - y\|^2 + \lambda\|w\|_1", "norm(X@w - y)**2/(2*n) + lambda*sum(abs(w))", ""),
    (r"\lVert w \rVert^2", "w@w", ""),  # issue 16
    (r"||w||_2", "norm(w)", ""),
    (r"\|w\|_1", "sum(abs(w))", ""),
    (r"X^\top(Xw-y)/n", "X.T@(X@w - y)/n", ""),
    (r"1/n X^T(Xw-y)", "X.T@(X@w - y)/n", ""),
    (r"X^T X w - X^T y", "X.T@X@w - X.T@y", ""),
    (r"\mathbf{X}^{\intercal}\left(\mathbf{X}\mathbf{w} - \mathbf{y}\right)", "X.T@(X@w - y)", ""),
    (r"2X^\top (X\mathbf{w} - \mathbf{y})", "2*X.T@(X@w - y)", ""),
    (r"X^T \cdot (Xw - y)", "X.T@(X@w - y)", ""),
    (r"2 \cdot X^T (Xw - y)", "2*X.T@(X@w - y)", ""),
    (r"\frac{1}{n} \cdot X^T(Xw - y)", "X.T@(X@w - y)/n", ""),
    (r"(X^TX + \lambda I)^{-1}X^Ty", "inv(X.T@X + lambda*eye(d))@X.T@y", ""),
    (r"\frac{2}{N}\sum_{n=1}^{N} (\mathbf{w}^T\mathbf{x}_n - y_n)\mathbf{x}_n", "2*X.T@(X@w - y)/N", "X:N,d y:N"),
    (r"\sum_{i=1}^{n}\left(w^\top x^{(i)} - y^{(i)}\right)x^{(i)}", "X.T@(X@w - y)", ""),  # [CS229]
    (r"\sum_{i=1}^m (h^{(i)} - y^{(i)}) x^{(i)}", "X.T@(h - y)", "X:m,d y:m h:m"),  # [CS229], h(x^{(i)}) named h
    (r"\frac{1}{n}\sum_i (w^T x_i - y_i)^2 + \lambda \|w\|_2^2", "sum((X@w - y)**2)/n + lambda*w@w", ""),
    (r"\sum_{i=1}^n (y_i - w^T x_i)^2", "norm(y - X@w)**2", ""),
    (r"\sum_{i=1}^n y_i x_i", "X.T@y", ""),
    (r"\sum_{i=1}^n x_i", "sum(X, axis=0)", ""),
    (r"\sum_i x_i x_i^T", "X.T@X", ""),
    (r"\sum_{i=1}^n y_i x_i x_i^T", "X.T@diag(y)@X", ""),
    (r"\sum_i x_i^T A x_i", "sum((X@A)*X)", "A:d,d"),
    (r"\sum_i \|x_i - \mu\|^2", "sum((X - mu)**2)", "mu:d"),
    (r"\sum_{i=1}^{n} (y_i - \hat y_i)^2", "norm(y - yhat)**2", "yhat:n"),
    # networks: the lecture's columns convention and bracket layers
    (r"\delta^{(1)} x^T", "outer(delta1, x)", NET),  # issue 16
    (r"(W^{(2)})^T \delta^{(2)} \odot \sigma'(z^{(1)})", "(W2.T@delta2)*sigmoid(z1)*(1 - sigmoid(z1))", NET),
    (r"((W^{[2]})^\top \delta^{[2]}) \circ \sigma'(z^{[1]})", "(W2.T@delta2)*sigmoid(z1)*(1 - sigmoid(z1))",
     NET),  # [DLAI], [COMP]
    (r"\delta_2 a_1^T", "outer(delta2, a1)", NET),
    (r"W_2^T \delta_2 \odot \sigma'(z_1)", "(W2.T@delta2)*sigmoid(z1)*(1 - sigmoid(z1))", NET),
    (r"\frac{\partial J}{\partial W^{(1)}} = \delta^{(1)} x^{T}", "outer(delta1, x)", NET),
    ("δ⁽¹⁾xᵀ", "outer(delta1, x)", NET),
    ("W⁽²⁾ᵀδ⁽²⁾ ⊙ σ′(z⁽¹⁾)", "(W2.T@delta2)*sigmoid(z1)*(1 - sigmoid(z1))", NET),
    (r"\sigma(z) \odot (1 - \sigma(z))", "sigmoid(z)*(1 - sigmoid(z))", "z:h"),
    ("σ(z) ⊙ (1 − σ(z))", "sigmoid(z)*(1 - sigmoid(z))", "z:h"),
    (r"\operatorname{ReLU}(W^{(1)} x)", "relu(W1@x)", NET),
    (r"\tanh(W_1 x)", "tanh(W1@x)", NET),
    (r"\tanh'(W_1 x) \odot W_2^\top \delta_2", "(1 - tanh(W1@x)**2)*(W2.T@delta2)", NET),
    (r"\max(0, W_1 x)", "maximum(0, W1@x)", NET),
    # softmax regression
    (r"\frac{1}{n}\mathbf{X}^\top(\operatorname{softmax}(\mathbf{X}\mathbf{W}) - \mathbf{Y})",
     "X.T@(softmax(X@W) - Y)/n", "W:d,k Y:n,k:onehot"),
    (r"\frac{1}{m} X^T (\hat{Y} - Y)", "X.T@(Yhat - Y)/m", "X:m,d Y:m,k Yhat:m,k"),
    ("Xᵀ(Ŷ − Y)/n", "X.T@(Yhat - Y)/n", "Y:n,k Yhat:n,k"),
    (r"X(S - Y)^T", "X@(S - Y).T", "X:m,N S:k,N Y:k,N"),  # [MSE4846993]
    (r"\text{softmax}(XW)", "softmax(X@W)", "W:d,k"),
    (r"dW = X^T (P - Y)", "X.T@(P - Y)", "P:n,k Y:n,k"),  # [CS231N]
    # the matrix cookbook's forms
    (r"\operatorname{tr}(A X B)", "trace(A@X@B)", "A:m,n X:n,d B:d,m"),  # issue 16
    (r"\mathrm{tr}(X^\top A X)", "trace(X.T@A@X)", "A:n,n"),  # [TRACE]
    (r"\mathrm{tr}\, A X^\top", "trace(A@X.T)", "A:n,d"),  # [TRACE]
    (r"{\rm tr}(X^T X)", "trace(X.T@X)", ""),  # [TRACE]
    (r"\det(M)", "det(M)", "M:d,d"),
    (r"\log\det M", "logdet(M)", "M:d,d:spd"),  # issue 16
    (r"\log{\rm det}\, M", "logdet(M)", "M:d,d:spd"),  # [TRACE]
    (r"\ln|\Sigma|", "logdet(Sigma)", "Sigma:d,d:spd"),  # [BISHOP]
    (r"M^{-1}", "inv(M)", "M:d,d"),
    (r"M^{-T}", "inv(M).T", "M:d,d"),
    ("M⁻ᵀ", "inv(M).T", "M:d,d"),
    (r"-M^{-\top} A^T B^T M^{-\top}", "-inv(M).T@A.T@B.T@inv(M).T", "M:d,d A:m,d B:d,m"),
    (r"\det(M) M^{-T}", "det(M)*inv(M).T", "M:d,d"),
    (r"S^{-1}(x - \mu)", "inv(S)@(x - mu)", "S:d,d:spd x:d mu:d"),
    (r"x^T A x", "x@A@x", "x:d A:d,d"),
    (r"(A + A^T)x", "(A + A.T)@x", "x:d A:d,d"),
    (r"a b^T", "outer(a, b)", "a:n b:d"),
    (r"A^T B^T", "A.T@B.T", "A:m,n B:d,m"),
    (r"\|A\|_F^2", "norm(A)**2", "A:d,k"),
    (r"A^{\circ 2}", "A**2", "A:d,d"),
    # inner products, ones, diag, decorations, transposes
    (r"\langle u, v\rangle", "u@v", "u:d v:d"),  # issue 16
    ("⟨u, v⟩", "u@v", "u:d v:d"),
    (r"\langle A, B \rangle", "sum(A*B)", "A:d,k B:d,k"),
    (r"u \cdot v", "u@v", "u:d v:d"),
    (r"\mathbf{1}^\top (Xw - y)", "sum(X@w - y)", ""),
    (r"\mathbf{1}^T X \mathbf{1}", "sum(X)", ""),
    (r"\mathbf{1}_n^T y", "sum(y)", ""),
    (r"\operatorname{diag}(v) X", "diag(v)@X", "v:n"),
    (r"\operatorname{diag}(M)", "diag(M)", "M:d,d"),
    (r"\vec{w}^T \vec{x}", "w@x", "x:d"),
    (r"\boldsymbol{w}^\intercal \boldsymbol{x}", "w@x", "x:d"),
    (r"\bm{w}^{\top}\bm{x}", "w@x", "x:d"),
    (r"w'x", "w@x", "x:d"),
    (r"X{}^T y", "X.T@y", ""),
    (r"X^t y", "X.T@y", ""),
    (r"\hat y - y", "yhat - y", "yhat:n"),
    (r"\hat{Y} - Y", "Yhat - Y", "Yhat:n,k Y:n,k"),
    (r"\exp(Xw) \oslash (1 + \exp(Xw))", "exp(X@w)/(1 + exp(X@w))", ""),
    (r"e^{-Xw}", "exp(-X@w)", ""),
    (r"\sqrt{w^T w}", "sqrt(w@w)", ""),
    (r"\tanh^2(Xw)", "tanh(X@w)**2", ""),
    (r"X^\mathsf{T} y", "X.T@y", ""),
    (r"X^{\prime} y", "X.T@y", ""),
    (r"\sum_i x^T_i w \, x_i", "X.T@(X@w)", ""),
    (r"W^{(1)T} W^{(1)}", "W1.T@W1", NET),
    (r"\mathrm{ReLU}(W_1 x)", "relu(W1@x)", NET),
    (r"\operatorname{Tr}(X^\top X)", "trace(X.T@X)", ""),
    ("∑ᵢ (yᵢ − wᵀxᵢ)²", "norm(y - X@w)**2", ""),
    ("λ‖w‖₂² + 𝟏ᵀ(Xw − y)", "lambda*w@w + sum(X@w - y)", ""),
    (r"\frac{1}{n} \sum_{i=1}^{n} \left( \mathbf{w}^\top \mathbf{x}_i - y_i \right)^2", "mean((X@w - y)**2)", ""),
    (r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}} = \mathbf{X}^\top (\mathbf{P} - \mathbf{Y})", "X.T@(P - Y)",
     "P:n,k Y:n,k"),
    (r"\log \sum_j \exp(z_j)", "logsumexp(z)", "z:k"),
    (r"-\frac{2}{\sigma^2} X^T(y - Xw)", "-2*X.T@(y - X@w)/sigma**2", ""),
    (r"\frac{1}{n}\sum_{i=1}^n (x_i - \mu)(x_i - \mu)^T", "(X - mu).T@(X - mu)/n", "mu:d"),
    (r"\lambda \sum_{j=1}^d w_j^2", "lambda*w@w", ""),
    (r"\|Xw - y\|^2_2", "norm(X@w - y)**2", ""),
    (r"\sum_{i=1}^n \lambda w", "n*lambda*w", ""),
    (r"\nabla_{\mathrm x} \, f (\mathrm x) = \color{blue}{\left(\mathrm A + \mathrm A^\top\right) \mathrm x}",
     "(A + A.T)@x", "x:d A:d,d"),  # [CBJER] (tests/corpus/tensor_answers.py)
    (r"\lambda(w - v)", "lambda*(w - v)", "v:d"),
    (r"X^T X w + -X^T y", "X.T@X@w - X.T@y", ""),  # as printers write a negative term
    (r"-\sum_{i=1}^n x_i \left[q_i - \operatorname{softmax}(W^T x_i) \right]^T", "-X.T@(Q - softmax(X@W))",
     "W:d,k Q:n,k:onehot"),  # softmax regression, per example (tests/corpus/tensor_answers.py)
    (r"\sum_i \operatorname{logsumexp}(W^T x_i)", "sum(logsumexp(X@W))", "W:d,k"),
    (r"\sum_i \operatorname{softmax}(W x_i)", "sum(softmax(X@W.T), axis=0)", "W:h,d"),
    (r"\sum_i (\hat{y}_i - y_i) \mathbf{x}^{(i)}", "X.T@(yhat - y)", "yhat:n"),
    (r"-\sum_i \left[y_i \log \hat y_i + (1 - y_i)\log(1 - \hat y_i)\right]",
     "-sum(y*log(yhat) + (1 - y)*log(1 - yhat))", "yhat:n:prob"),
    (r"\frac{1}{n} \sum_{i=1}^n \sigma(w^T x_i)(1 - \sigma(w^T x_i)) x_i x_i^T",
     "X.T@diag(sigmoid(X@w)*(1 - sigmoid(X@w)))@X/n", ""),  # the logistic Hessian
    (r"\sum_{i=1}^{n} \max(0, 1 - y_i w^T x_i)", "sum(maximum(0, 1 - y*(X@w)))", ""),  # the hinge loss
    (r"\exp\{-Xw\}", "exp(-X@w)", ""),
    (r"1e-3 \, w + 10^{-3} w", "0.001*w + 0.001*w", ""),
    (r"\boldsymbol{\delta}^{(2)} \mathbf{a}^{(1)\top}", "outer(delta2, a1)", NET),
]


def _values(tree, shapes, seed):
    """The numpy value of ``tree`` at random sizes (all dims distinct and at least 2)."""
    rng = np.random.default_rng(seed)
    names = sorted({str(s) for sh in shapes.values() for s in sh.dims if isinstance(s, sympy.Symbol)})
    sizes = {sympy.Symbol(n, integer=True, positive=True): 2 + k for k, n in enumerate(names)}
    env = {}
    for name, sh in shapes.items():
        rows, cols = (int(sympy.sympify(x).subs(sizes)) for x in sh.dims)
        env[name] = _random(rows, cols, sh.domain, rng)
    for name in t.variables(tree):  # scalars need no shape: the same value in both readings, from the name
        env.setdefault(name, np.array([[0.3 + sum(map(ord, name)) % 7 / 10]]))
    return np_value(tree, env, sizes)


_shapes_of = _shapes  # the tensor tests' BASE (X:n,d w:d y:n) plus the extra entries


@pytest.mark.parametrize("written, text_form, extra", SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_latex_reads_as_the_text_form(written, text_form, extra):
    shapes = _shapes_of(extra)
    from_latex, from_text = parse_latex(written, shapes), parse(text_form, shapes)
    assert from_latex.shape == from_text.shape
    for seed in (1, 2):
        np.testing.assert_allclose(_values(from_latex, shapes, seed), _values(from_text, shapes, seed),
                                   rtol=1e-9, atol=1e-9, equal_nan=False)


def test_there_are_many_real_spellings():
    assert len(SPELLINGS) >= 60


@pytest.mark.parametrize("written, text_form, extra", [
    (r"\frac{1}{n} X^\top (\sigma(Xw) - y)", "X.T@(sigmoid(X@w) - y)/n", ""),
    (r"\sum_i x_i x_i^T", "X.T@X", ""),
    (r"\sum_{i=1}^n y_i x_i", "X.T@y", ""),
    (r"(W^{(2)})^T \delta^{(2)}", "W2.T@delta2", NET),
    (r"\delta^{(1)} x^T", "outer(delta1, x)", NET),
    (r"\sum_{i=1}^n (y_i - w^T x_i)^2", "sum((y - X@w)**2)", ""),
])
def test_textbook_trees_are_the_text_parsers_trees(written, text_form, extra):
    shapes = _shapes_of(extra)
    assert unicode(parse_latex(written, shapes)) == unicode(parse(text_form, shapes))


def test_indexed_sums_come_out_in_matrix_form():
    shapes = _shapes_of("")
    assert parse_latex(r"-\frac{1}{n}\sum_{i=1}^n y_i x_i \sigma(-y_i w^T x_i)", shapes) == \
        parse("-1/n*(X.T@(sigmoid(-(y*(X@w)))*y))", shapes)
    assert parse_latex(r"\sum_i \log(1 + \exp(-y_i w^T x_i))", shapes) == parse("sum(log(1 + exp(-(y*(X@w)))))", shapes)
    assert parse_latex(r"\sum_{i=1}^n x_i x_i^T", shapes) == parse("X.T@X", shapes)
    assert parse_latex(r"\sum_{i=1}^n y_i x_i", shapes) == parse("X.T@y", shapes)


def test_names_map_extra_identifiers():
    shapes = _shapes_of("W2:k,h z1:h")
    delta2 = parse("softmax(W2@sigmoid(z1)) - 1", shapes)
    got = parse_latex(r"(W^{(2)})^T \delta^{(2)}", shapes, {"delta2": delta2})
    assert unicode(got) == unicode(parse("W2.T@(softmax(W2@sigmoid(z1)) - 1)", shapes))


def test_defined_derivatives_are_names():
    """d2l's backprop section writes ∂J/∂o, ∂J/∂h as names of earlier results (d2l.ai, chapter_multilayer-
    perceptrons/backprop.html): they read through ``names`` under ``latex_name``'s key."""
    shapes = _shapes_of("x:d W1:h,d W2:q,h y:q")
    names = {}
    for definition in (r"\mathbf{z} = \mathbf{W}^{(1)} \mathbf{x}", r"\mathbf{h} = \sigma(\mathbf{z})",
                       r"\mathbf{o} = \mathbf{W}^{(2)} \mathbf{h}",
                       r"\frac{\partial J}{\partial \mathbf{o}} = \mathbf{o} - \mathbf{y}",
                       r"\frac{\partial J}{\partial \mathbf{h}} = {\mathbf{W}^{(2)}}^\top "
                       r"\frac{\partial J}{\partial \mathbf{o}}",
                       r"\frac{\partial J}{\partial \mathbf{z}} = \frac{\partial J}{\partial \mathbf{h}} \odot "
                       r"\sigma'\left(\mathbf{z}\right)"):
        left, right = definition.split(" = ", 1)
        names[latex_name(left)] = parse_latex(right, shapes, names)
    assert sorted(names) == ["dJ_dh", "dJ_do", "dJ_dz", "h", "o", "z"]
    got = parse_latex(r"\frac{\partial J}{\partial \mathbf{W}^{(1)}} = \frac{\partial J}{\partial \mathbf{z}} "
                      r"\mathbf{x}^\top", shapes, names)
    want = parse("outer((W2.T@(W2@sigmoid(W1@x) - y))*sigmoid(W1@x)*(1 - sigmoid(W1@x)), x)", shapes)
    assert got.shape == want.shape
    np.testing.assert_allclose(_values(got, shapes, 1), _values(want, shapes, 1), rtol=1e-9, equal_nan=False)


@pytest.mark.parametrize("written, name, parameter, body", [
    (r"\delta^{(2)} = \hat y - y", "delta2", None, r"\hat y - y"),
    (r"\phi(z) = \frac{1}{1 + e^{-z}}", "phi", "z", r"\frac{1}{1 + e^{-z}}"),
    (r"h_\theta(x) = g(\theta^T x)", "htheta", "x", r"g(\theta^T x)"),
    (r"\frac{\partial J}{\partial \mathbf{o}} = \mathbf{o} - \mathbf{y}", "dJ_do", None, r"\mathbf{o} - \mathbf{y}"),
    ("S(X) = softmax(X.T@W).T", "S", "X", "softmax(X.T@W).T"),
])
def test_latex_definitions(written, name, parameter, body):
    assert latex_definition(written) == Definition(name, parameter, body)


def test_defined_functions_apply_to_their_argument():
    """A student's own φ and CS229's h_θ(x) = g(θᵀx) (tests/corpus/tensor_answers.py: Ingenjoy's logistic.md,
    CS229 lecture notes 1), read with the functions their definitions give."""
    shapes = _shapes_of("")
    phi = latex_definition(r"\phi(z) = \frac{1}{1 + e^{-z}}")
    functions = {phi.name: (phi.parameter, phi.body)}
    got = parse_latex(r"- \sum_{i=1}^n \left[ y_i - \phi(w^T x_i) \right] x_i", shapes, functions=functions)
    want = parse("X.T@(sigmoid(X@w) - y)", shapes)
    np.testing.assert_allclose(_values(got, shapes, 1), _values(want, shapes, 1), rtol=1e-9, equal_nan=False)
    cs229 = _shapes_of("x:d theta:d y:1")
    functions = {d.name: (d.parameter, d.body) for d in map(latex_definition, (
        r"h_\theta(x) = g(\theta^T x)", r"g(z) = \frac{1}{1 + e^{-z}}"))}
    got = parse_latex(r"\left(y - h_\theta(x)\right) x", cs229, functions=functions)
    want = parse("(y - sigmoid(theta@x))*x", cs229)
    np.testing.assert_allclose(_values(got, cs229, 1), _values(want, cs229, 1), rtol=1e-9, equal_nan=False)
    with pytest.raises(UnsafeInputError, match="nest at most"):
        parse_latex("f(w)", shapes, functions={"f": ("z", "f(z)")})


def test_a_lone_identity_or_ones_takes_the_shape_asked_for():
    shapes = _shapes_of("M:d,d")
    d = shapes["M"].rows
    assert parse_latex(r"\frac{\partial}{\partial M}\mathrm{Tr}(M) = \mathbf{I}", shapes, shape=(d, d)) == t.Identity(d)
    assert parse_latex(r"2\mathbf{1}", shapes, shape=(d, sympy.Integer(1))) == parse("2*ones(d)", shapes)
    with pytest.raises(ParseError, match="size"):
        parse_latex("I", shapes)


def test_sigma_can_be_the_generic_sigma():
    shapes = _shapes_of("")
    assert parse_latex(r"\sigma(Xw)", shapes, sigma="sigma") == parse("sigma(X@w)", shapes)
    assert parse_latex(r"\sigma'(Xw)", shapes).order == 1


@pytest.mark.parametrize("case", OBJECTIVES, ids=[f"{c[0]}|{c[2]}" for c in OBJECTIVES])
def test_printed_latex_of_every_objective_reads_back(case):
    """The LaTeX the printer writes for each objective of the tensor table reads back to the same value."""
    loss, extra, _, _ = case
    shapes = _shapes(extra)
    objective = parse(loss, shapes)
    again = parse_latex(latex(objective), shapes)
    assert again.shape == objective.shape
    np.testing.assert_allclose(_values(again, shapes, 3), _values(objective, shapes, 3), rtol=1e-9, atol=1e-9,
                               equal_nan=False)


@pytest.mark.parametrize("written, name", [
    (r"\delta^{(2)}", "delta2"), ("δ⁽²⁾", "delta2"), (r"\hat y", "yhat"), (r"\hat{\mathbf{y}}", "yhat"),
    ("Ŷ", "Yhat"),
    ("W_1", "W1"), (r"\mathbf{W}^{[1]}", "W1"), (r"Z^{(1)}", "Z1"), ("dscores", "dscores"), (r"\lambda", "lambda"),
    (r"\frac{\partial J}{\partial \mathbf{o}}", "dJ_do"), (r"\frac{\partial \mathcal{L}}{\partial W^{(2)}}", "dL_dW2"),
])
def test_latex_names_for_where_definitions(written, name):
    assert latex_name(written) == name


@pytest.mark.parametrize("written", [r"x + y", r"\delta^{(2)T}", r"\input{x}", "__class__"])
def test_latex_name_refuses_anything_but_a_name(written):
    with pytest.raises(SymgradError):
        latex_name(written)


# ---- indexed sums against the body summed example by example -------------------------------------------

_BODY_ATOMS = ["x_i", "y_i", "w", "v", "A", "M", "u", r"\lambda", "2", "(w^T x_i)", "x_i^T"]
_BODY_FORMS = ["{} + {}", "{} - {}", "{} {}", "({})^T", "({}) \\odot ({})", "\\sigma({})", "\\|{}\\|^2", "({})^2",
               "{} \\cdot {}", "\\tanh({})", "\\frac{{{}}}{{2}}"]


def _body(rng, depth):
    if depth <= 0 or rng.random() < 0.3:
        return _BODY_ATOMS[rng.integers(len(_BODY_ATOMS))]
    form = _BODY_FORMS[rng.integers(len(_BODY_FORMS))]
    return form.format(*(_body(rng, depth - 1) for _ in range(form.count("{}"))))


def test_an_indexed_sum_equals_its_terms_added_example_by_example():
    """Random bodies in x_i, y_i: the matrix form of Σᵢ equals the body read for one example (x_i a plain vector)
    and evaluated at each row of X, added up; a body with no matrix form is refused, never misread."""
    shapes, single = _shapes_of("v:d A:d,d u:h M:h,d"), parse_shapes("w:d v:d A:d,d u:h M:h,d xe:d ye:1")
    sizes = {sympy.Symbol(s, integer=True, positive=True): v for s, v in (("n", 5), ("d", 3), ("h", 4))}
    rng = np.random.default_rng(7)
    env = {name: rng.normal(size=size) for name, size in (("X", (5, 3)), ("y", (5, 1)), ("w", (3, 1)), ("v", (3, 1)),
                                                          ("A", (3, 3)), ("u", (4, 1)), ("M", (4, 3)))}
    env["lambda"] = np.array([[0.7]])
    compared = 0
    for _ in range(400):
        body = _body(rng, int(rng.integers(1, 5)))
        if "_i" not in body:
            continue
        try:
            one = parse_latex(body.replace("x_i", "xe").replace("y_i", "ye"), single)
        except SymgradError:
            continue
        try:
            summed = parse_latex(r"\sum_{i=1}^n \left[" + body + r"\right]", shapes)
        except ParseError as error:
            assert "cannot read the indexed sum" in str(error) or "shape" in type(error).__name__.lower(), body
            continue
        want = sum(np_value(one, {**env, "xe": env["X"][i:i + 1].T, "ye": env["y"][i:i + 1]}, sizes) for i in range(5))
        np.testing.assert_allclose(np_value(summed, env, sizes), want, rtol=1e-9, atol=1e-9, err_msg=body,
                                   equal_nan=False)
        compared += 1
    assert compared >= 150


# ---- the project's corpus of real answers (tests/corpus/tensor_answers.py): never a wrong reading ---------

def _read_entry(entry):
    """The answer's tree the way a checker would read it: the loss's own names, then the where definitions."""
    shapes = parse_shapes(entry["shapes"])
    loss = parse_objective(entry["loss"], shapes)
    names = {n: v for n, v in t.variables(loss).items() if n not in shapes}
    functions = {}
    for definition in entry["where"]:
        try:
            d = latex_definition(definition)
        except SymgradError:
            d = None
        if d is not None and d.parameter:
            functions[d.name] = (d.parameter, d.body)
            continue
        left, right = (d.name, d.body) if d is not None else [side.strip() for side in definition.split("=", 1)]
        try:
            names[left] = parse_latex(right, shapes, names, functions=functions)
        except SymgradError:
            names[left] = parse(right, shapes)  # a definition in text syntax
    wrt = shapes.get(entry["wrt"])
    answer = parse_latex(entry["answer"], shapes, names, functions=functions,
                         shape=None if wrt is None else wrt.dims)
    return shapes, loss, answer


def test_corpus_latex_answers_read_to_their_true_value_or_not_at_all():
    """Every LaTeX answer of the corpus that reads: a correct one has the gradient's value, an incorrect one
    has another value or shape (chains, align blocks and per-example definitions S_i are left to the checker)."""
    from symbolic.tensor.engine import gradients
    from tests.corpus.tensor_answers import ANSWERS
    agreed = 0
    for entry in (e for e in ANSWERS if e["notation"] == "latex"):
        try:
            shapes, loss, answer = _read_entry(entry)
        except SymgradError:
            continue
        truth = gradients(loss, [entry["wrt"]])[entry["wrt"]]
        same = answer.shape == truth.shape and all(
            np.allclose(_values(answer, shapes, seed), _values(truth, shapes, seed), rtol=1e-7, atol=1e-9)
            for seed in (1, 2))
        assert same == (entry["verdict"] == "correct"), (entry["source"], entry["answer"])
        agreed += 1
    assert agreed >= 100


# ---- refusals: one clear error each, fast ----------------------------------------------------------------

@pytest.mark.parametrize("written, error, words", [
    (r"\input{/etc/passwd}", ParseError, r"\input at column 1"),
    (r"X^T(Xw - y) + \def\x{1}", ParseError, r"\def at column 15"),
    (r"\operatorname{foo}(Xw)", ParseError, "unknown operator name 'foo'"),
    (r"Xw + y^T", ShapeError, "(n) and yᵀ (1 × n)"),
    (r"X w^T", ShapeError, "X (n × d) and wᵀ (1 × d)"),
    (r"X^T(Xw - y) \odot w^T", ShapeError, "(d) and wᵀ (1 × d)"),
    (r"\langle w, y \rangle", ShapeError, "w (d) and y (n)"),
    (r"X * w", ParseError, "ambiguous"),
    (r"|Xw - y|", ParseError, "ambiguous"),
    (r"A^2", ParseError, "ambiguous"),
    (r"\|A\|_2", ParseError, "spectral"),
    (r"\frac{\partial L}{\partial w}", ParseError, "the derivative dL_dw at column 1 is not defined"),
    (r"\frac{\partial}{\partial w} w^T w", ParseError, "operator"),
    (r"-\sum_i (y_i - \phi(w^T x_i)) x_i", ParseError, "phi(…) at column 16: phi is neither a function"),
    (r"X^T(s(Xw) - y)", ParseError, "s(…) at column 5"),
    (r"a = b = c", ParseError, "chain"),
    (r"\mathbf{1}", ParseError, "size"),
    (r"x_i", ParseError, "not declared"),
    (r"w2", ParseError, "ambiguous product"),
    (r"X^T(\hat z - y)", ParseError, "\\hat{z} at column 5 (zhat) is not declared"),
    (r"\delta^{(3)} w^T", ParseError, "delta3 is not declared; declare it in --shapes (delta3:1 for a scalar)"),
    (r"W_3 x", ParseError, "W3 is not declared (W is)"),
    (r"X^T(\sigma(Xw) - y) + x", ParseError, "x at column 23 is not declared (X is)"),
    (r"\sum_{i=1}^n i \, y_i", ParseError, "the index i itself"),
    (r"-\sum_i y_i \log \hat y_i + (1 - y_i)\log(1 - \hat y_i)", ParseError, "y_i at column 34 is outside its sum"),
    ("", ParseError, "empty"),
    ("$x$ % comment", UnsafeInputError, "comment"),
    (r"X^T(Xw - y) & 2", ParseError, "one expression"),
    (r"\sum_i \sum_j x_i", ParseError, "sum inside a sum"),
    (r"\sum_i \det(x_i x_i^T)", ParseError, "cannot read the indexed sum"),
    (r"\sum_i \log \sum_j \exp(W x_i)_j", ParseError, "a sum inside a sum"),
    (r"\sum_i \operatorname{tr}(x_i x_i^T)", ParseError, "cannot read the indexed sum"),
    (r"\sum_i x_i \odot x_i^T", ShapeError, "cannot multiply entry by entry"),
    (r"\sum_{i=1}^n w_i", ParseError, "runs over n terms"),
    (r"\sum_{i=1}^{Q} x_i", ParseError, "dimension of --shapes"),
    (r"\frac{1}{0} w", ParseError, "division by zero"),
    (r"\sigma^{-1}(Xw)", ParseError, "positive whole power"),
    (r"\exp(A)", ParseError, "ambiguous"),
    (r"e^{A}", ParseError, "ambiguous"),
    (r"\log(A) + 1", ParseError, "ambiguous"),
    (r"q^T w", ParseError, "transposed but not declared"),
    (r"\sum_i x_i \, w_i", ParseError, "runs over n terms"),
    (r"\sum_i b_i x_i", ParseError, "cannot read the indexed sum"),
    ("w+" * 999 + "w", UnsafeInputError, "nested too deeply"),
    (r"10^{10^{10^{10}}}", UnsafeInputError, "exponent too large"),
    ("1" * 40 + "w", UnsafeInputError, "number too long"),
    ("(" * 400 + "w" + ")" * 400, UnsafeInputError, "nested"),
    (r"\sqrt " * 300 + "w", UnsafeInputError, "nested"),
    ("w+" * 2_500_000 + "w", UnsafeInputError, "too long"),
])
def test_refusals_are_one_clear_error(written, error, words):
    shapes = _shapes_of("A:d,d W:h,d yhat:n")
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        parse_latex(written, shapes)
    assert time.perf_counter() - started < 0.5
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, SymgradError)


def test_nabla_inside_an_expression_is_the_engines_gradient():
    from symbolic.tensor.latex import parse_latex as read
    from symbolic.tensor.shapes import parse_shapes as declare
    from symbolic.tensor.printing import unicode as show
    assert show(read(r"X^{\top} X \nabla_W(\operatorname{tr}(W W^{\top}))", declare("X:n,d W:d,k"))) == "XᵀX(2W)"
