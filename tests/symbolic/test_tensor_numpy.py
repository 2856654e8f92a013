"""The numpy notation: notebook gradient code read into typed trees with numpy's exact meaning.

Every case checks numpy's shape of the result and that its tree has the same values as an
independently written expected tree (the text notation, or the engine's own gradient), entry by
entry at random non-square sizes: exactly where the values are rational, to 30 digits otherwise.
Spellings are copied from public notebooks and solutions (sources in the comments).
"""
from __future__ import annotations

import random
import time

import pytest
import sympy

from symbolic.errors import ParseError, UnsafeInputError
from symbolic.tensor import tree as t
from symbolic.tensor.engine import gradients
from symbolic.tensor.evaluate import value
from symbolic.tensor.numpy_expr import parse_numpy, read_numpy
from symbolic.tensor.parse import parse, parse_objective
from symbolic.tensor.program import parse_program, read_program
from symbolic.tensor.shapes import ShapeError, parse_shapes

SIZES = ((5, 3, 4, 2, 6), (3, 6, 2, 5, 4))  # distinct dims, so no lost transpose can hide


def _entry(r: random.Random, domain):
    if domain == "pos":
        return sympy.Rational(r.randint(1, 9), r.randint(1, 4))
    if domain == "binary":
        return sympy.Integer(r.randint(0, 1))
    return sympy.Rational(r.choice((-1, 1)) * r.randint(1, 9), r.randint(1, 5))


def _env(trees, shapes, sizes, seed, exact=True):
    r = random.Random(seed)
    env = {}
    for name, var in sorted({k: v for tr in trees for k, v in t.variables(tr).items()}.items()):
        rows, cols = (int(sympy.sympify(d).xreplace(sizes)) for d in var.shape)
        domain = shapes[name].domain if name in shapes else None
        if domain == "onehot":
            m = sympy.zeros(rows, cols)
            for i in range(rows):
                m[i, r.randrange(cols)] = 1
            env[name] = m
        else:
            env[name] = sympy.Matrix(rows, cols, lambda i, j: _entry(r, domain) if exact else
                                     sympy.Float(_entry(r, domain), 50))
    return env


def assert_same_values(got: t.Node, expected: t.Node, shapes, exact: bool = True) -> None:
    """Equal entry by entry at two random non-square sizes (a real check: it fails on any difference);
    ``exact=False`` draws 50-digit floats instead of rationals (for long chains of tanh and log)."""
    dims = sorted({d for s in shapes.values() for x in s.dims for d in sympy.sympify(x).free_symbols}, key=str)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    for k, chosen in enumerate(SIZES):
        sizes = dict(zip(dims, [sympy.Integer(c) for c in chosen]))
        env = _env([got, expected], shapes, sizes, seed=k, exact=exact)
        a, b = value(got, env, sizes), value(expected, env, sizes)
        assert a.shape == b.shape
        for x, y in zip(a, b):
            gap = x - y
            if gap.is_Rational:
                assert gap == 0, (x, y)
            else:
                assert abs(sympy.N(gap, 40)) < 1e-25, (sympy.N(x), sympy.N(y))


LINEAR = "X:n,d w:d y:n"
LOGISTIC = "X:n,d w:d y:n:binary"
SOFTMAX = "X:n,d W:d,k Y:n,k:onehot P:n,k b:k"
VECTORS = "z:n g:n u:n v:d A:d,d X:n,d w:d W:d,k"

#: (shapes, numpy answer, expected in the text notation, numpy's shape of the answer)
EXPRESSIONS = [
    # linear regression: the brief's spellings; EPFL ML least_squares_gradient (n = len(y); e = y - tx @ w)
    (LINEAR, "X.T.dot(X.dot(w) - y)", "X.T@(X@w - y)", "(d,)"),
    (LINEAR, "X.T @ (X @ w - y) / n", "X.T@(X@w - y)/n", "(d,)"),
    (LINEAR, "-(X.T @ (y - (X @ w))) / len(y)", "X.T@(X@w - y)/n", "(d,)"),
    # compute_gradient_mse (a students' project): -(np.transpose(tx).dot(value_error)) / (y.shape[0])
    (LINEAR, "-(np.transpose(X).dot(y - X.dot(w))) / (y.shape[0])", "X.T@(X@w - y)/n", "(d,)"),
    (LINEAR, "2 * X.T.dot(X.dot(w) - y) / X.shape[0]", "2*X.T@(X@w - y)/n", "(d,)"),
    # Cqsi/pml logisticRegression/gradient.py shape: (1/m) * X.T @ (…)
    (LINEAR, "(1/n) * X.T @ (X @ w - y)", "X.T@(X@w - y)/n", "(d,)"),
    (LINEAR, "np.dot(X.T, np.dot(X, w) - y) / n + 2 * lam * w", "X.T@(X@w - y)/n + 2*lam*w", "(d,)"),
    (LINEAR, "X.T.dot(X).dot(w) - X.T.dot(y)", "X.T@X@w - X.T@y", "(d,)"),
    (LINEAR, "(X @ w - y) @ X", "X.T@(X@w - y)", "(d,)"),  # 1-D @ 2-D is Xᵀr in numpy
    (LINEAR, "np.mean((X @ w - y)[:, None] * X, axis=0)", "X.T@(X@w - y)/n", "(d,)"),
    (LINEAR, "((X.dot(w) - y).reshape(-1, 1) * X).sum(axis=0)", "X.T@(X@w - y)", "(d,)"),
    (LINEAR, "X.T @ (X @ w - y) / n + lam * w", "X.T@(X@w - y)/n + lam*w", "(d,)"),
    (LINEAR, "X.T @ (X @ w - y) / n + 2 * lambda_ * w", "X.T@(X@w - y)/n + 2*lambda*w", "(d,)"),  # EPFL lambda_
    (LINEAR, "np.matmul(X.T, np.matmul(X, w) - y)", "X.T@(X@w - y)", "(d,)"),
    (LINEAR, "(X @ w - y).T @ X", "X.T@(X@w - y)", "(d,)"),  # .T of a 1-D array changes nothing in numpy
    (LINEAR, "w.T @ w + np.dot(w, w)", "2*w@w", "()"),
    (LINEAR, "X.reshape(X.shape[0], -1) @ w", "X@w", "(n,)"),  # cs231n affine_forward's x.reshape(N, -1)
    # logistic regression: felixsimard/comp551-p2 GradientGiven.py (np.dot(x.T, yh - y)/N), EPFL tx.T @ (s - y)
    (LOGISTIC, "np.dot(X.T, sigmoid(np.dot(X, w)) - y) / n", "X.T@(sigmoid(X@w) - y)/n", "(d,)"),
    (LOGISTIC, "X.T @ (1/(1+np.exp(-X @ w)) - y) / n", "X.T@(sigmoid(X@w) - y)/n", "(d,)"),
    (LOGISTIC, "X.T.dot(scipy.special.expit(X.dot(w)) - y)", "X.T@(sigmoid(X@w) - y)", "(d,)"),
    (LOGISTIC, "np.mean((1 / (1 + np.exp(-X.dot(w))) - y)[:, np.newaxis] * X, axis=0)",
     "X.T@(sigmoid(X@w) - y)/n", "(d,)"),
    # softmax regression (cs231n softmax_loss_vectorized): np.dot(X.T, P - Y), keepdims normalisation
    (SOFTMAX, "np.dot(X.T, P - Y)", "X.T@(P - Y)", "(d, k)"),
    (SOFTMAX, "X.T.dot(np.exp(X.dot(W)) / np.sum(np.exp(X.dot(W)), axis=1, keepdims=True) - Y) / n",
     "X.T@(softmax(X@W) - Y)/n", "(d, k)"),
    (SOFTMAX, "X.T @ (np.exp(X@W - np.max(X@W, axis=1, keepdims=True)) / "
              "np.exp(X@W - np.max(X@W, axis=1, keepdims=True)).sum(axis=1, keepdims=True) - Y)",
     "X.T@(softmax(X@W) - Y)", "(d, k)"),
    # cubhe/CS231n: np.max(scores, axis=1).reshape(-1, 1) as the shift
    (SOFTMAX, "X.T.dot(np.exp(X.dot(W) - np.max(X.dot(W), axis=1).reshape(-1, 1)) / "
              "np.sum(np.exp(X.dot(W) - np.max(X.dot(W), axis=1).reshape(-1, 1)), axis=1).reshape((-1, 1)))",
     "X.T@softmax(X@W)", "(d, k)"),
    (SOFTMAX, "(P - Y).T.dot(X)", "(P - Y).T@X", "(k, d)"),  # dscores.T.dot(X): the transposed layout
    (SOFTMAX, "P[np.arange(n), y]", "sum(P*Y, axis=1)", "(n,)"),
    (SOFTMAX, "P[range(X.shape[0]), y]", "sum(P*Y, axis=1)", "(n,)"),
    (SOFTMAX, "lam * W", "lam*W", "(d, k)"),
    (SOFTMAX, "reg * W", "reg*W", "(d, k)"),
    (SOFTMAX, "0.5 * reg * np.sum(W * W)", "reg*sum(W*W)/2", "()"),
    # reductions, keepdims and axis=-1
    (SOFTMAX, "np.sum(P, axis=0)", "sum(P, axis=0)", "(k,)"),
    (SOFTMAX, "P.sum(axis=1)", "sum(P, axis=1)", "(n,)"),
    (SOFTMAX, "np.sum(P, axis=1, keepdims=True)", "sum(P, axis=1)", "(n, 1)"),
    (SOFTMAX, "P.sum(axis=0, keepdims=True)", "sum(P, axis=0).T", "(1, k)"),
    (SOFTMAX, "P.sum(axis=-1)", "sum(P, axis=1)", "(n,)"),
    (SOFTMAX, "np.mean(P, axis=0)", "sum(P, axis=0)/n", "(k,)"),
    (SOFTMAX, "P.mean()", "sum(P)/(n*k)", "()"),
    # broadcasting, numpy's way: a column (n, 1) spreads along the columns, a 1-D (k,) along the rows
    (SOFTMAX, "P / np.sum(P, axis=1, keepdims=True)", "P * (sum(P, axis=1)@ones((1, k)))**-1", "(n, k)"),
    (SOFTMAX, "P / P.sum(axis=1)[:, None]", "P * (sum(P, axis=1)@ones((1, k)))**-1", "(n, k)"),
    (SOFTMAX, "P - P.mean(axis=0)", "P - ones(n)@(sum(P, axis=0)/n).T", "(n, k)"),
    (SOFTMAX, "X @ W + b", "X@W + ones(n)@b.T", "(n, k)"),
    (SOFTMAX, "np.maximum(0, X.dot(W) + b)", "relu(X@W + ones(n)@b.T)", "(n, k)"),
    (VECTORS, "z - z[:, None]", "ones(n)@z.T - z@ones(n).T", "(n, n)"),  # (n,) with (n, 1): an n × n matrix
    (VECTORS, "g + np.ones((n, 1))", "ones(n)@g.T + ones((n, n))", "(n, n)"),
    # ReLU and its derivative, every spelling of the mask
    (VECTORS, "np.maximum(0, z)", "relu(z)", "(n,)"),
    (VECTORS, "np.maximum(z, 0)", "relu(z)", "(n,)"),
    (VECTORS, "(z > 0) * 1.0", "step(z)", "(n,)"),
    (VECTORS, "(z > 0).astype(float)", "step(z)", "(n,)"),
    (VECTORS, "(z > 0).astype('float32') * g", "g*step(z)", "(n,)"),
    (VECTORS, "np.where(z > 0, g, 0)", "g*step(z)", "(n,)"),
    (VECTORS, "np.where(z <= 0, 0, g)", "g*step(z)", "(n,)"),
    (VECTORS, "np.heaviside(z, 0)", "step(z)", "(n,)"),
    (VECTORS, "g * np.heaviside(z, 0.5)", "g*step(z)", "(n,)"),  # the same away from z = 0
    (VECTORS, "g * (z > 0)", "g*step(z)", "(n,)"),
    (VECTORS, "np.where(z > 0, g, 0.01 * g)", "g*step(z) + 0.01*g*(1 - step(z))", "(n,)"),
    (VECTORS, "np.minimum(z, 0)", "z - relu(z)", "(n,)"),
    (VECTORS, "np.maximum(z, g)", "z + relu(g - z)", "(n,)"),
    # activations' derivatives as notebooks write them
    (VECTORS, "g * (1 - np.tanh(z)**2)", "g*(1 - tanh(z)**2)", "(n,)"),
    (VECTORS, "1/(1+np.exp(-z)) * (1 - 1/(1+np.exp(-z)))", "sigmoid(z)*(1 - sigmoid(z))", "(n,)"),
    (VECTORS, "np.log1p(np.exp(z))", "log(1 + exp(z))", "(n,)"),
    (VECTORS, "np.square(z).sum()", "sum(z**2)", "()"),
    (VECTORS, "np.sqrt(np.sum(z ** 2))", "norm(z)", "()"),
    # vectors and matrices
    (VECTORS, "np.outer(u, v)", "u@v.T", "(n, d)"),
    (VECTORS, "np.diag(z)", "diag(z)", "(n, n)"),
    (VECTORS, "np.diag(A)", "diag(A)", "(d,)"),
    (VECTORS, "np.linalg.norm(w)**2", "w@w", "()"),
    (VECTORS, "2*lam*w", "2*lam*w", "(d,)"),
    (VECTORS, "np.eye(d) @ w", "w", "(d,)"),
    (VECTORS, "np.ones(n) @ X", "X.T@ones(n)", "(d,)"),
    (VECTORS, "(A + A.T) @ w", "A@w + A.T@w", "(d,)"),
    (VECTORS, "w @ A @ w", "w@A@w", "()"),
    (VECTORS, "np.linalg.inv(A).T", "inv(A).T", "(d, d)"),
    (VECTORS, "np.trace(A) + np.linalg.det(A)", "trace(A) + det(A)", "()"),
    (VECTORS, "z.mean()", "sum(z)/n", "()"),
    (VECTORS, "X.shape[0] + len(z) + X.shape[-1]", "2*n + d", "()"),
    (VECTORS, "np.transpose(X) @ z", "X.T@z", "(d,)"),
    (VECTORS, "z[None, :] @ X", "z.T@X", "(1, d)"),  # a row vector stays a row
    (VECTORS, "z.reshape(-1, 1).ravel()", "z", "(n,)"),
    (VECTORS, "z[:, np.newaxis].squeeze() + z[:, None].flatten()", "2*z", "(n,)"),
    (VECTORS, "np.reshape(z, (n, 1)).reshape(-1)", "z", "(n,)"),
    (VECTORS, "np.zeros_like(W) + np.ones_like(W)", "ones((d, k))", "(d, k)"),
    (VECTORS, "np.outer(z, np.ones(d)) * X", "(z@ones(d).T)*X", "(n, d)"),
]


@pytest.mark.parametrize("shapes, answer, expected, numpy_shape", EXPRESSIONS,
                         ids=[e[1][:50] for e in EXPRESSIONS])
def test_numpy_expression_means_what_numpy_computes(shapes, answer, expected, numpy_shape):
    declared = parse_shapes(shapes)
    got, _ = read_numpy(answer, declared)
    assert got.describe() == numpy_shape
    assert_same_values(got.node, parse(expected, declared), declared)


def test_parse_numpy_is_the_tree_and_notes_the_outer_broadcast():
    declared = parse_shapes(VECTORS)
    assert parse_numpy("X.T @ z", declared) == t.MatMul(t.Transpose(t.Var("X", declared["X"].dims)),
                                                       t.Var("z", declared["z"].dims))
    _, notes = read_numpy("z - z[:, None]", declared)
    assert any("broadcast to a matrix" in n for n in notes)
    _, notes = read_numpy("z - g", declared)
    assert notes == ()


def test_a_wrong_spelling_gives_different_values():
    """The value check can fail: a dropped transpose or a lost keepdims is caught."""
    declared = parse_shapes(SOFTMAX)
    got = parse_numpy("P / np.sum(P, axis=0, keepdims=True)", declared)
    with pytest.raises(AssertionError):
        assert_same_values(got, parse("P * (sum(P, axis=1)@ones((1, k)))**-1", declared), declared)


@pytest.mark.parametrize("answer, message", [
    ("X + y", "cannot broadcast"),              # (n, d) + (n,): numpy refuses
    ("X @ X", "inner sizes"),
    ("X.dot(y)", "inner sizes"),
    ("w @ 2", "@ needs arrays"),
    ("X ^ 2", "exclusive or"),
    ("X[0]", "single entries"),
    ("X[:, 0]", "single entries"),
    ("np.random.randn(3)", "unknown function"),
    ("np.random.power(X, 2)", "unknown function 'np.random.power'"),
    ("X.reshape(-1)", "vec"),
    ("np.diag(X)", "square"),
    ("(X > 0) + (X > 1)", "boolean"),
    ("X[np.arange(n), y]", "one-hot"),
    ("np.linalg.norm(X, ord=2)", "norm"),
    ("X.astype(int)", "rounds"),
    ("w[:, None, None]", "not supported"),
])
def test_numpy_refusals_are_one_clear_error(answer, message):
    declared = parse_shapes(LINEAR)
    with pytest.raises(ParseError) as err:
        parse_numpy(answer, declared)
    assert message in str(err.value)
    assert "column" in str(err.value)


@pytest.mark.parametrize("answer, message", [
    ("__import__('os').system('ls')", "not allowed"),
    ("open('/etc/passwd').read()", "not allowed"),
    ("exec('1')", "not allowed"),
    ("eval('1')", "not allowed"),
    ("X.__class__", "not allowed: attribute .__class__"),
    ("X.T.__class__.__bases__", "not allowed"),
    ("(lambda: 1)()", "not allowed"),
    ("[x for x in X]", "not allowed"),
    ("w ** 10**9", "exponent too large"),
    ("w ** (2 ** 2000)", "exponent too large"),
    ("(" * 400 + "w" + ")" * 400, "nested too deeply"),
    ("w" + " + w" * 5000, "too long"),
    ("w" * (5 * 2**20), "too long"),
    ("1e400 * w", "out of range"),
])
def test_unsafe_numpy_input_is_refused_quickly(answer, message):
    declared = parse_shapes(LINEAR)
    start = time.perf_counter()
    with pytest.raises(UnsafeInputError) as err:
        parse_numpy(answer, declared)
    assert message in str(err.value)
    assert time.perf_counter() - start < 1.0


# ---- whole functions (--answer-file) --------------------------------------------------------------

def engine_gradient(loss: str, shapes, wrt: str) -> t.Node:
    return gradients(parse_objective(loss, shapes), [wrt])[wrt]


SOFTMAX_LOSS = "-sum(Y*log(softmax(X@W)))/N + reg/2*sum(W*W)"
SOFTMAX_SHAPES = "X:N,D W:D,C Y:N,C:onehot"

# the structure of many cs231n softmax_loss_vectorized solutions (one posted in the code corpus uses
# adjusted_scores = scores - np.max(scores, axis=1, keepdims=True) and probs[np.arange(num_train), y])
SOFTMAX_KEEPDIMS = '''
import numpy as np
from random import shuffle

def softmax_loss_vectorized(W, X, y, reg):
    """
    Softmax loss function, vectorized version.

    Inputs and outputs are the same as softmax_loss_naive.
    """
    # Initialize the loss and gradient to zero.
    loss = 0.0
    dW = np.zeros_like(W)

    scores = np.dot(X, W)

    # to prevent numerical instability
    adjusted_scores = scores - np.max(scores, axis=1, keepdims=True)
    probs = np.exp(adjusted_scores) / np.sum(np.exp(adjusted_scores), axis=1, keepdims=True)

    dummy = 1e-14  # just to avoid dividing by zero
    num_train = X.shape[0]
    loss = -np.sum(np.log(probs[np.arange(num_train), y] + dummy)) / num_train
    loss += 0.5 * reg * np.sum(W * W)

    d_scores = probs.copy()
    d_scores[np.arange(num_train), y] -= 1
    d_scores /= num_train
    dW = X.T.dot(d_scores)
    dW += reg * W
    return loss, dW
'''

# cubhe/CS231n old_code/softmax.py (typos fixed): shift by .reshape(-1, 1), range(...) and list(y)
SOFTMAX_RESHAPE = '''
def softmax_loss_vectorized(W,X,y,reg):
    loss=0.0
    dW=np.zeros_like(W)
    num_classes=W.shape[1]
    num_train=X.shape[0]
    scores=X.dot(W)
    shift_scores=scores-np.max(scores,axis=1).reshape(-1,1)
    softmax_output=np.exp(shift_scores)/np.sum(np.exp(shift_scores),axis=1).reshape((-1,1))
    loss=-np.sum(np.log(softmax_output[range(num_train),list(y)]))
    loss/=num_train
    loss+=0.5*reg*np.sum(W*W)
    dS=softmax_output.copy()
    dS[range(num_train),list(y)]+=-1
    dW=(X.T).dot(dS)
    dW=dW/num_train+reg*W
    return loss,dW
'''

# in place: scores -= max, and dscores aliasing probs (cs231n two_layer_net style)
SOFTMAX_INPLACE = '''
def softmax_loss_vectorized(W, X, y, reg):
    N, D = X.shape
    scores = X @ W
    scores -= scores.max(axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    probs = exp_scores / exp_scores.sum(axis=1, keepdims=True)
    dscores = probs
    dscores[range(N), y] -= 1
    dW = X.T @ dscores / N + reg * W
    return probs, dW
'''

SVM_LOSS = "sum(relu(X@W - sum(X@W*Y, axis=1)@ones((1, C)) + 1)*(ones((N, C)) - Y))/N + reg/2*sum(W*W)"

# broartem/snippets numpy-ml.md svm_loss_vectorized, with the usual X.T.dot(indicator) for the gradient
SVM = '''
def svm_loss_vectorized(W, X, y, reg):
  num_classes = W.shape[1]
  num_train = X.shape[0]
  num_dims = W.shape[0]

  scores = X.dot(W)
  correct_class_scores = scores[np.arange(num_train), y]

  margin = np.maximum(0, scores - np.reshape(correct_class_scores, (num_train, 1)) + 1)
  margin[np.arange(num_train), y] = 0

  indicator = (margin > 0).astype("float32")
  indicator_sums = np.sum(indicator, axis=1)
  indicator[np.arange(num_train), y] = -indicator_sums

  loss = np.sum(margin) / num_train + 0.5 * reg * np.sum(W * W)
  dW = X.T.dot(indicator) / num_train + reg * W

  return loss, dW
'''

# ybucla/CodeManage-style mask writes: ds[margins > 0] = 1 on a zeros array
SVM_MASK = '''
def svm_loss_vectorized(W, X, y, reg):
  loss = 0.0
  dW = np.zeros(W.shape) # initialize the gradient as zero
  num_train = X.shape[0]
  scores = X.dot(W)
  margins = np.maximum(0, scores - scores[np.arange(num_train), y][:, np.newaxis] + 1)
  margins[np.arange(num_train), y] = 0
  ds = np.zeros(margins.shape)
  ds[margins > 0] = 1
  ds[np.arange(num_train), y] = -np.sum(margins > 0, axis=1)
  dW = np.dot(X.T, ds)
  dW /= num_train
  dW += reg * W
  return loss, dW
'''

TWO_LAYER_LOSS = "-sum(Y*log(softmax(relu(X@W1 + ones(N)@b1.T)@W2 + ones(N)@b2.T)))/N + " \
                 "reg/2*(sum(W1*W1) + sum(W2*W2))"
TWO_LAYER_SHAPES = "X:N,D W1:D,H b1:H W2:H,C b2:C Y:N,C:onehot"

# the cs231n two_layer_net / neural-networks-case-study backward pass, with a grads dictionary
TWO_LAYER = '''
import numpy as np

def loss(X, W1, b1, W2, b2, y=None, reg=0.0):
    N, D = X.shape
    hidden_layer = np.maximum(0, np.dot(X, W1) + b1)  # note, ReLU activation
    scores = np.dot(hidden_layer, W2) + b2
    if y is None:
        return scores
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    correct_logprobs = -np.log(probs[range(N), y])
    data_loss = np.sum(correct_logprobs) / N
    reg_loss = 0.5 * reg * np.sum(W1 * W1) + 0.5 * reg * np.sum(W2 * W2)
    loss = data_loss + reg_loss
    grads = {}
    dscores = probs
    dscores[range(N), y] -= 1
    dscores /= N
    grads['W2'] = np.dot(hidden_layer.T, dscores)
    grads['b2'] = np.sum(dscores, axis=0)
    dhidden = np.dot(dscores, W2.T)
    dhidden[hidden_layer <= 0] = 0
    grads['W1'] = np.dot(X.T, dhidden)
    grads['b1'] = np.sum(dhidden, axis=0)
    grads['W2'] += reg * W2
    grads['W1'] += reg * W1
    return loss, grads
'''

# the same as cs231n's TwoLayerNet.loss method: the weights come from self.params
TWO_LAYER_METHOD = TWO_LAYER.replace("def loss(X, W1, b1, W2, b2, y=None, reg=0.0):", """def loss(self, X, y=None, reg=0.0):
    W1, b1 = self.params['W1'], self.params['b1']
    W2, b2 = self.params['W2'], self.params['b2']""")

# xjtuwgt/PytorchBERT HarvardPytorch/warmup.py (the PyTorch tutorial's numpy warm-up), one step, no loop
WARMUP = '''
h = x.dot(w1)
h_relu  = np.maximum(h, 0)
y_pred = h_relu.dot(w2)

loss = np.square(y_pred - y).sum()

grad_y_pred = 2.0*(y_pred - y)
grad_w2 = h_relu.T.dot(grad_y_pred)
grad_h_trlu = grad_y_pred.dot(w2.T)
grad_h = grad_h_trlu.copy()
grad_h[h < 0] = 0
grad_w1 = x.T.dot(grad_h)
'''
WARMUP_SHAPES = "x:N,Din y:N,Dout w1:Din,H w2:H,Dout"
WARMUP_LOSS = "sum((relu(x@w1)@w2 - y)**2)"

# Cqsi/pml logisticRegression/gradient.py with its sigmoid helper written out
LOGISTIC_HELPER = '''
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def gradient(theta, X, y):
    m = len(y)
    return ((1/m) * X.T @ (sigmoid(X @ theta) - y))
'''

# felixsimard/comp551-p2 GradientGiven.py, the lambda written as a function and self.w as a parameter
LOGISTIC_NAMED = '''
import numpy as np

def logistic(z):
    return 1./ (1 + np.exp(-z))       #logistic function

def gradient(w, x, y):
    N,D = x.shape
    yh = logistic(np.dot(x, w))    # predictions  size N
    grad = np.dot(x.T, yh - y)/N        # divide by N because cost is mean over N points
    return grad                         # size D
'''

# EPFL ML project helpers: least_squares_gradient(y, tx, w)
LEAST_SQUARES = '''
def least_squares_gradient(y, tx, w):
    """Compute the least squares gradient."""
    n = len(y)
    e = y - (tx @ w)
    return -(tx.T @ e) / n
'''

RIDGE = '''
def grad(w, X, y, lam):
    n = X.shape[0]
    r = X @ w - y
    g = X.T @ r
    g /= n
    g += 2 * lam * w
    return g
'''

AFFINE_BACKWARD = '''
def affine_backward(dout, x, w, b):
    dx, dw, db = None, None, None
    dx = dout.dot(w.T)
    dw = x.T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db
'''
AFFINE_SHAPES = "dout:N,M x:N,D w:D,M b:M"

RELU_BACKWARD_COPY = '''
def relu_backward(dout, x):
    dx = dout.copy()
    dx[x <= 0] = 0
    return dx
'''

RELU_BACKWARD_ALIAS = '''
def relu_backward(dout, x):
    dx, x = None, x
    dx = dout
    dx[x <= 0] = 0
    return dx
'''

ALIASED = '''
def f(W, X):
    a = X.dot(W)
    b = a
    b += 1          # numpy changes a as well
    return a
'''

PROGRAMS = [
    (SOFTMAX_KEEPDIMS, SOFTMAX_SHAPES, "W", ("loss", SOFTMAX_LOSS), "(D, C)"),
    (SOFTMAX_RESHAPE, SOFTMAX_SHAPES, "W", ("loss", SOFTMAX_LOSS), "(D, C)"),
    (SOFTMAX_INPLACE, SOFTMAX_SHAPES, "W", ("loss", SOFTMAX_LOSS), "(D, C)"),
    (SVM, SOFTMAX_SHAPES, "W", ("loss", SVM_LOSS), "(D, C)"),
    (SVM_MASK, SOFTMAX_SHAPES, "W", ("loss", SVM_LOSS), "(D, C)"),
    (TWO_LAYER, TWO_LAYER_SHAPES, "W1", ("loss", TWO_LAYER_LOSS), "(D, H)"),
    (TWO_LAYER, TWO_LAYER_SHAPES, "b1", ("loss", TWO_LAYER_LOSS), "(H,)"),
    (TWO_LAYER, TWO_LAYER_SHAPES, "W2", ("loss", TWO_LAYER_LOSS), "(H, C)"),
    (TWO_LAYER, TWO_LAYER_SHAPES, "b2", ("loss", TWO_LAYER_LOSS), "(C,)"),
    (TWO_LAYER_METHOD, TWO_LAYER_SHAPES, "W1", ("loss", TWO_LAYER_LOSS), "(D, H)"),
    (TWO_LAYER_METHOD, TWO_LAYER_SHAPES, "b2", ("loss", TWO_LAYER_LOSS), "(C,)"),
    (WARMUP, WARMUP_SHAPES, "w1", ("loss", WARMUP_LOSS), "(Din, H)"),
    (WARMUP, WARMUP_SHAPES, "w2", ("loss", WARMUP_LOSS), "(H, Dout)"),
    (LOGISTIC_HELPER, "X:n,d theta:d y:n:binary", "theta", ("text", "X.T@(sigmoid(X@theta) - y)/n"), "(d,)"),
    (LOGISTIC_NAMED, "x:N,D w:D y:N:binary", "w", ("text", "x.T@(sigmoid(x@w) - y)/N"), "(D,)"),
    (LEAST_SQUARES, "tx:n,d w:d y:n", "w", ("loss", "sum((tx@w - y)**2)/(2*n)"), "(d,)"),
    (RIDGE, LINEAR, "w", ("loss", "sum((X@w - y)**2)/(2*n) + lam*w@w"), "(d,)"),
    (AFFINE_BACKWARD, AFFINE_SHAPES, "w", ("text", "x.T@dout"), "(D, M)"),
    (AFFINE_BACKWARD, AFFINE_SHAPES, "x", ("text", "dout@w.T"), "(N, D)"),
    (AFFINE_BACKWARD, AFFINE_SHAPES, "b", ("text", "sum(dout, axis=0)"), "(M,)"),
    (RELU_BACKWARD_COPY, "dout:N,M x:N,M", None, ("text", "dout*step(x)"), "(N, M)"),
    (RELU_BACKWARD_ALIAS, "dout:N,M x:N,M", None, ("text", "dout*step(x)"), "(N, M)"),
    (ALIASED, "W:D,C X:N,D", None, ("text", "X@W + ones((N, C))"), "(N, C)"),
]


@pytest.mark.parametrize("source, shapes, wrt, expected, numpy_shape", PROGRAMS,
                         ids=[f"{p[0].split('def ')[-1].split('(')[0].strip()[:30] or 'cell'}-{p[2]}"
                              for p in PROGRAMS])
def test_gradient_function_means_what_numpy_computes(source, shapes, wrt, expected, numpy_shape):
    declared = parse_shapes(shapes)
    program = read_program(source, declared, wrt)
    assert program.shape == numpy_shape
    kind, text = expected
    truth = engine_gradient(text, declared, wrt) if kind == "loss" else parse(text, declared)
    assert_same_values(program.gradient, truth, declared)
    assert parse_program(source, declared, wrt) == program.gradient


def test_the_program_reports_its_choice_and_its_names():
    declared = parse_shapes(SOFTMAX_SHAPES)
    program = read_program(SOFTMAX_KEEPDIMS, declared, "W")
    assert program.function == "softmax_loss_vectorized"
    assert program.returned == "dW, the 2nd of 2 returned values"
    names = dict(program.bound)
    assert {"scores", "probs", "d_scores", "dW", "num_train"} <= set(names)
    assert names["scores"].shape == (declared["X"].rows, declared["W"].cols)
    assert any("max1" in n for n in program.notes)
    two = read_program(TWO_LAYER, parse_shapes(TWO_LAYER_SHAPES), "b2")
    assert two.returned == "the entry 'b2' of the returned dictionary"
    cell = read_program(WARMUP, parse_shapes(WARMUP_SHAPES), "w1")
    assert cell.function is None and cell.returned == "the name grad_w1"


def test_a_wrong_function_reads_as_wrong():
    """The reading is faithful, so a real mistake (a dropped 1/N, a lost transpose) shows in the values."""
    declared = parse_shapes(SOFTMAX_SHAPES)
    truth = engine_gradient(SOFTMAX_LOSS, declared, "W")
    slip = read_program(SOFTMAX_KEEPDIMS.replace("    d_scores /= num_train\n", ""), declared, "W")
    with pytest.raises(AssertionError):
        assert_same_values(slip.gradient, truth, declared)
    wrong_axis = read_program(SOFTMAX_INPLACE.replace("scores.max(axis=1", "scores.max(axis=0"), declared, "W")
    with pytest.raises(AssertionError):  # a column shift does not cancel in a row softmax
        assert_same_values(wrong_axis.gradient, truth, declared)


def test_column_gradient_of_a_vector_is_noted():
    declared = parse_shapes(LINEAR)
    program = read_program("def g(w, X, y):\n    return (X.T @ (X @ w - y)).reshape(-1, 1)\n", declared, "w")
    assert program.shape == "(d, 1)"
    assert "the gradient is 2-D (d, 1); w is 1-D (d,) in numpy" in program.notes


def test_label_idiom_without_one_hot_is_one_clear_error():
    declared = parse_shapes("X:N,D W:D,C")
    source = "def f(W, X, y):\n    d = X.dot(W)\n    d[np.arange(X.shape[0]), y] -= 1\n    return X.T.dot(d)\n"
    with pytest.raises(ParseError, match=r"declare the one-hot labels.*Y:N,C:onehot.*\(line 3"):
        read_program(source, declared, "W")


def test_an_unreadable_loss_line_does_not_matter_unless_needed():
    declared = parse_shapes(LINEAR)
    source = "def f(w, X, y):\n    acc = np.mean(X == y)\n    dw = X.T @ (X @ w - y)\n    return acc, dw\n"
    assert read_program(source, declared, "w").shape == "(d,)"
    needed = "def f(w, X, y):\n    r = X[0]\n    return X.T @ r\n"
    with pytest.raises(ParseError, match=r"single entries.*\(line 2"):
        read_program(needed, declared, "w")


@pytest.mark.parametrize("source, message", [
    ("import os\ndef f(w):\n    return w\n", "importing os (line 1)"),
    ("from os import system\n", "importing from os (line 1)"),
    ("def f(w):\n    return __import__('os')\n", "(line 2)"),
    ("def f(w):\n    x = open('/etc/passwd')\n    return w\n", "calling open() (line 2)"),
    ("def f(w):\n    exec('w = 1')\n    return w\n", "calling exec() (line 2)"),
    ("def f(w, X):\n    return X.__class__\n", "attribute .__class__ (line 2)"),
    ("def f(w, X):\n    g = 0\n    for i in range(3):\n        g += w\n    return g\n", "a for loop (line 3)"),
    ("def f(w):\n    while True:\n        pass\n    return w\n", "a while loop (line 2)"),
    ("def f(w):\n    s = lambda z: 1 / (1 + np.exp(-z))\n    return s(w)\n", "a lambda (line 2)"),
    ("def f(w):\n    return [v for v in w]\n", "a list comprehension (line 2)"),
    ("def f(w, X):\n    X.T = w\n    return w\n", "writing an attribute (line 2)"),
    ("def f(w):\n    w[0] = 1\n    return w\n", "single entries"),
    ("def f(w):\n    global g\n    return w\n", "global (line 2)"),
    ("def f(*args):\n    return 1\n", "*args"),
    ("class A:\n    pass\n", "a class (line 1)"),
    ("def f(w):\n    return f(w)\n", "recursion"),
    ("def f(w):\n    if w > 0:\n        return w\n    return -w\n", "an if statement"),
    ("def f(w):\n" + "    w = w + 1\n" * 250 + "    return w\n", "at most 200 statements"),
    ("def f(w):\n    a = w\n" + "    a = a + a\n" * 40 + "    return a\n", "too large"),
    ("def f(w):\n    return " + "(" * 400 + "w" + ")" * 400 + "\n", "nested too deeply"),
    ("def f(w):\n    return w ** 10**9\n", "exponent too large"),
    ("w" * (5 * 2**20), "too long"),
])
def test_program_refusals_are_one_clear_error_quickly(source, message):
    declared = parse_shapes(LINEAR)
    start = time.perf_counter()
    with pytest.raises(ParseError) as err:
        read_program(source, declared, "w")
    assert message in str(err.value), str(err.value)
    assert time.perf_counter() - start < 1.0


def test_tuple_return_is_ambiguous_without_a_name():
    declared = parse_shapes("A:n,d B:n,d")
    source = "def f(A, B):\n    return A * 2, B * 3\n"
    with pytest.raises(ParseError, match="name the gradient"):
        read_program(source, declared, "C")


def test_a_shape_error_names_the_shapes_and_the_line():
    declared = parse_shapes(LINEAR)
    with pytest.raises(ShapeError, match=r"X \(n, d\).*y \(n,\).*line 2"):
        read_program("def f(w, X, y):\n    return X + y\n", declared, "w")


# deeplearning.ai's column layout (examples are columns, b1 an (n_h, 1) column), as in its
# "Planar data classification with one hidden layer" backward_propagation
NG_BACKWARD = '''
def backward_propagation(W1, b1, W2, b2, X, Y):
    m = X.shape[1]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1/(1+np.exp(-Z2))
    dZ2 = A2 - Y
    dW2 = 1/m * np.dot(dZ2, A1.T)
    db2 = 1/m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
    dW1 = 1/m * np.dot(dZ1, X.T)
    db1 = 1/m * np.sum(dZ1, axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
'''
NG_LOSS = "-sum(Y*log(sigmoid(W2@tanh(W1@X + b1@ones(m).T) + b2)) + (1 - Y)*log(1 - sigmoid(W2@tanh(W1@X + " \
          "b1@ones(m).T) + b2)))/m"


@pytest.mark.parametrize("wrt, numpy_shape", [("W1", "(nh, nx)"), ("b1", "(nh, 1)"), ("W2", "(1, nh)")])
def test_a_declared_two_d_column_broadcasts_along_the_examples(wrt, numpy_shape):
    """With a shape that says it is 2-D (an ``ndim`` on the declaration), b1 (n_h, 1) is a column."""
    from dataclasses import dataclass

    from symbolic.tensor.shapes import Shape

    @dataclass(frozen=True)
    class TwoD(Shape):
        ndim: int = 2

    declared = parse_shapes("X:nx,m W1:nh,nx b1:nh,1 W2:1,nh Y:1,m:binary")
    declared["b1"] = TwoD(declared["b1"].rows, declared["b1"].cols)
    program = read_program(NG_BACKWARD, declared, wrt)
    assert program.shape == numpy_shape and program.notes == ()
    assert_same_values(program.gradient, engine_gradient(NG_LOSS, declared, wrt), declared, exact=False)
    with pytest.raises(ShapeError, match="cannot broadcast"):  # read as 1-D (nh,), numpy would refuse W1 X + b1
        read_program(NG_BACKWARD, parse_shapes("X:nx,m W1:nh,nx b1:nh W2:1,nh Y:1,m"), wrt)


def test_print_is_skipped_and_chained_names_share_one_array():
    declared = parse_shapes(LINEAR)
    source = ("def f(w, X, y):\n    print('shapes', X.shape, w.shape)\n    a = b = X @ w - y\n"
              "    b -= y\n    return X.T @ a\n")
    assert_same_values(read_program(source, declared, "w").gradient, parse("X.T@(X@w - 2*y)", declared), declared)
    with pytest.raises(UnsafeInputError, match="print"):
        read_program("def f(w):\n    return w + print(w)\n", declared, "w")


def test_a_scalar_helper_with_branches_through_np_vectorize_reads_entry_by_entry():
    from symbolic.tensor.answer import check_tensor
    cell = ("def sign(x):\n    if x > 0:\n        return 1\n    elif x == 0:\n        return 0\n    else:\n"
            "        return -1\nvec_sign = np.vectorize(sign)\ndw = 2*X.T@(X@w - y) + lam*vec_sign(w)\n")
    v = check_tensor("norm(X@w - y)**2 + lam*sum(abs(w))", "X:n,d w:d y:n", "w", cell)
    assert v.verdict == "correct"
    wrong = check_tensor("norm(X@w - y)**2 + lam*sum(abs(w))", "X:n,d w:d y:n", "w",
                         cell.replace("return -1", "return 1"))
    assert wrong.verdict == "incorrect"


def test_equality_of_labels_is_their_mask_and_of_reals_refused_or_zero():
    from symbolic.tensor.answer import check_tensor
    v = check_tensor("-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))", "X:n,d w:d y:n:binary", "w",
                     "X.T @ (sigmoid(X @ w) - (y == 1))")
    assert v.verdict == "correct"
