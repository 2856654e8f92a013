"""numpy's functions and array methods as the notebook reader knows them: one ``np_<name>`` or
``method_<name>`` per allowed spelling (``np.dot``, ``x.sum(axis=0)``, ``np.where``, ``np.zeros_like`` …).

A mixin of ``numpy_expr.NumpyReader``: each handler reads its call's arguments with the reader and
builds the value with ``numpy_array``; a name without a handler is not numpy's to the reader.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import sympy

from ..errors import ParseError
from . import numpy_array as na
from . import tree as t
from .numpy_array import Array


# ---- values besides arrays: shapes, strings, tuples, None

@dataclass(frozen=True)
class Dims:
    """``X.shape``: a tuple of dims (``N, D = X.shape``, ``X.shape[0]``)."""

    dims: tuple


@dataclass(frozen=True)
class Text:
    """A string constant: a dict key (``grads['W1']``) or a dtype (``astype('float32')``)."""

    value: str


@dataclass(frozen=True)
class Many:
    """A tuple of values (``return loss, dW``; ``cache = (x, w)``)."""

    items: tuple


@dataclass(frozen=True)
class Namespace:
    """Read-only attributes: a method's ``self``, whose ``self.params['W1']`` are the declared tensors."""

    fields: dict


class _NoneType:
    def __repr__(self):
        return "None"


NONE = _NoneType()


def kind_of(value) -> str:
    return {Dims: "a shape", Text: "a string", Many: "a tuple", dict: "a dictionary"}.get(type(value), "None" if
                                                                                         value is NONE else "this")


#: float spellings of ``astype``
FLOATS = {"float", "float16", "float32", "float64", "double", "np.float16", "np.float32", "np.float64",
          "np.double", "numpy.float64", "numpy.float32", "int", "np.int32", "np.int64", "np.int_", "int32", "int64"}


def _raise(err):
    raise err


class NumpyCalls:
    """The handlers; ``NumpyReader`` supplies visit, array, fail and the argument helpers."""

    # ---- array methods
    def method_dot(self, a, node):
        self._keywords(node, ())
        (b,) = self._n_args(".dot", node, 1)
        return na.matmul(a, self.array(b), ".dot")

    def method_sum(self, a, node):
        axis, keep = self._reduction_args(node, [None, *node.args], ".sum")
        return na.total(a, axis, keep)

    def method_mean(self, a, node):
        axis, keep = self._reduction_args(node, [None, *node.args], ".mean")
        return na.mean(a, axis, keep)

    def method_max(self, a, node):
        axis, keep = self._reduction_args(node, [None, *node.args], ".max")
        return self._shift(a, axis, keep, node)

    def method_reshape(self, a, node):
        self._keywords(node, ())
        args = node.args[0].elts if len(node.args) == 1 and isinstance(node.args[0], (ast.Tuple, ast.List)) \
            else node.args
        return na.reshape(a, [self._dim(d) for d in args])

    def _dim(self, node):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and node.operand.value == 1:
            return -1
        value = self.array(node)
        if not na.is_const(value) or not (value.node.value.is_integer or value.node.value.is_Symbol or
                                          value.node.value.free_symbols):
            raise self.fail(ParseError, "a reshape size is -1, a whole number or a dim", node)
        return value.node.value

    def method_ravel(self, a, node):
        self._n_args(".ravel", node, 0)
        return na.flatten(a)

    method_flatten = method_ravel

    def method_squeeze(self, a, node):
        self._n_args(".squeeze", node, 0)
        return na.squeeze(a)

    def method_copy(self, a, node):
        self._n_args(".copy", node, 0)
        return a

    def method_transpose(self, a, node):
        self._n_args(".transpose", node, 0)
        return na.transpose(a)

    def method_astype(self, a, node):
        self._keywords(node, ())
        (arg,) = self._n_args(".astype", node, 1)
        spelled = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else \
            ast.get_source_segment(self.source, arg)
        if spelled not in FLOATS:
            raise self.fail(ParseError, f"astype({spelled}) is not supported (astype(float) is)", node)
        if spelled.replace("np.", "").replace("numpy.", "").startswith("int") and not a.boolean:
            raise self.fail(ParseError, "astype(int) of numbers rounds them: not supported", node)
        return Array(a.node, a.ndim)

    # ---- numpy functions (np.<name>)
    def _two(self, name, node):
        self._keywords(node, ())
        left, right = self._n_args(name, node, 2)
        return self.array(left), self.array(right)

    def _one(self, name, node, keywords=()):
        kw = self._keywords(node, keywords)
        (arg,) = self._n_args(name, node, 1)
        return (self.array(arg), kw) if keywords else self.array(arg)

    def np_dot(self, node):
        return na.matmul(*self._two("np.dot", node), "np.dot")

    def np_matmul(self, node):
        return na.matmul(*self._two("np.matmul", node), "@")

    def np_multiply(self, node):
        return na.mul(*self._two("np.multiply", node))

    def np_add(self, node):
        return na.add(*self._two("np.add", node))

    def np_subtract(self, node):
        return na.sub(*self._two("np.subtract", node))

    def np_divide(self, node):
        return na.div(*self._two("np.divide", node))

    np_true_divide = np_divide

    def np_power(self, node):
        return self.power(*self._two("np.power", node), node)

    def np_square(self, node):
        return na.power(self._one("np.square", node), 2)

    def np_sqrt(self, node):
        return na.power(self._one("np.sqrt", node), sympy.Rational(1, 2))

    def np_log1p(self, node):
        return na.function("log", na.add(na.const(1), self._one("np.log1p", node)))

    def np_expm1(self, node):
        return na.sub(na.function("exp", self._one("np.expm1", node)), na.const(1))

    def np_absolute(self, node):
        return na.function("abs", self._one("np.abs", node))

    np_abs = np_absolute

    def np_sum(self, node):
        axis, keep = self._reduction_args(node, node.args, "np.sum")
        return na.total(self.array(node.args[0]), axis, keep)

    def np_mean(self, node):
        axis, keep = self._reduction_args(node, node.args, "np.mean")
        return na.mean(self.array(node.args[0]), axis, keep)

    def np_max(self, node):
        axis, keep = self._reduction_args(node, node.args, "np.max")
        return self._shift(self.array(node.args[0]), axis, keep, node)

    np_amax = np_max

    def np_maximum(self, node):
        a, b = self._two("np.maximum", node)
        if na.is_const(a, 0):
            return na.function("relu", b)
        if na.is_const(b, 0):
            return na.function("relu", a)
        return na.add(a, na.function("relu", na.sub(b, a)))  # max(a, b) = a + relu(b − a), exactly

    def np_minimum(self, node):
        a, b = self._two("np.minimum", node)
        return na.sub(a, na.function("relu", na.sub(a, b)))  # min(a, b) = a − relu(a − b)

    def np_heaviside(self, node):
        x, h0 = self._two("np.heaviside", node)
        if not na.is_const(h0):
            raise self.fail(ParseError, "np.heaviside(x, h0) needs a number h0", node)
        step = na.function("step", x)
        if h0.node.value == 0:
            return step
        at_zero = na.sub(na.one_minus(step), na.function("step", na.neg(x)))  # 1 exactly where x = 0
        return na.add(step, na.mul(h0, at_zero))

    def np_where(self, node):
        self._keywords(node, ())
        cond, x, y = self._n_args("np.where", node, 3)
        return na.where(self.array(cond), self.array(x), self.array(y))

    def np_outer(self, node):
        return na.outer(*self._two("np.outer", node))

    def np_diag(self, node):
        return na.diag(self._one("np.diag", node))

    def np_trace(self, node):
        a = self._one("np.trace", node)
        return na.scalar(t.Trace(a.node)) if a.ndim == 2 else _raise(na.shape_error("np.trace needs a matrix, not", a))

    def np_det(self, node):
        a = self._one("np.linalg.det", node)
        return na.scalar(t.Det(a.node)) if a.ndim == 2 else _raise(na.shape_error("det needs a matrix, not", a))

    def np_inv(self, node):
        a = self._one("np.linalg.inv", node)
        return Array(t.Inverse(a.node), 2) if a.ndim == 2 else _raise(na.shape_error("inv needs a matrix, not", a))

    def np_norm(self, node):
        a, kw = self._one("np.linalg.norm", node, ("ord",))
        order = kw.get("ord")
        if order is not None and not (isinstance(order, ast.Constant) and order.value == 2 and a.ndim == 1):
            raise self.fail(ParseError, "np.linalg.norm(x) (2-norm, Frobenius of a matrix) or ord=2 of a vector", node)
        return na.scalar(t.Norm2(a.node))

    def np_logdet(self, node):
        a = self._one("logdet", node)
        return na.scalar(t.LogDet(a.node)) if a.ndim == 2 else _raise(na.shape_error("logdet needs a matrix, not", a))

    def _rowwise(self, name, node):
        """softmax / logsumexp of a vector, or of each row of a matrix (axis=1 or -1, as scipy.special writes it)."""
        a, kw = self._one(name, node, ("axis", "keepdims"))
        axis = kw.get("axis")
        value = None if axis is None else getattr(axis, "value", "?")
        if isinstance(axis, ast.UnaryOp) and isinstance(axis.op, ast.USub) and getattr(axis.operand, "value", 0) == 1:
            value = -1
        if a.ndim == 0 or (a.ndim == 1 and value not in (None, 0, -1)) or (a.ndim == 2 and value not in (None, 1, -1)):
            raise self.fail(ParseError, f"{name} of a vector, or of each row of a matrix (axis=1)", node)
        keep = kw.get("keepdims")
        return a, bool(getattr(keep, "value", False))

    def np_softmax(self, node):
        a, _ = self._rowwise("softmax", node)
        return Array(t.Softmax(a.node), a.ndim)

    def np_logsumexp(self, node):
        a, keep = self._rowwise("logsumexp", node)
        if a.ndim == 1:
            return na.scalar(t.LogSumExp(a.node))
        return Array(t.LogSumExp(a.node), 2 if keep else 1)

    def np_transpose(self, node):
        return na.transpose(self._one("np.transpose", node))

    def np_reshape(self, node):
        self._keywords(node, ())
        value, shape = self._n_args("np.reshape", node, 2)
        if not isinstance(shape, (ast.Tuple, ast.List, ast.Constant, ast.UnaryOp)):
            target = self.visit(shape)
            if isinstance(target, Dims):  # np.reshape(dx, x.shape)
                return na.reshape(self.array(value), list(target.dims))
        dims = shape.elts if isinstance(shape, (ast.Tuple, ast.List)) else [shape]
        return na.reshape(self.array(value), [self._dim(d) for d in dims])

    def np_expand_dims(self, node):
        """np.expand_dims(v, axis=0) is the row v[None, :]; axis=1 (or -1) the column v[:, None]."""
        kw = self._keywords(node, ("axis",))
        args = self._n_args("np.expand_dims", node, 1, 2)
        a = self.array(args[0])
        axis_node = kw.get("axis", args[1] if len(args) == 2 else None)
        axis = self._int(axis_node) if axis_node is not None else None
        if a.ndim != 1 or axis not in (0, 1, -1):
            raise self.fail(ParseError, "np.expand_dims of a vector with axis=0 or axis=1", node)
        return na.reshape(a, [1, -1] if axis == 0 else [-1, 1])

    def np_prod(self, node):
        """np.prod(x.shape): the number of entries, a product of dims."""
        self._keywords(node, ())
        (arg,) = self._n_args("np.prod", node, 1)
        value = self.visit(arg)
        if not isinstance(value, Dims):
            raise self.fail(ParseError, "np.prod is supported of a shape (np.prod(x.shape))", node)
        return na.const(sympy.Mul(*value.dims))

    def np_ravel(self, node):
        return na.flatten(self._one("np.ravel", node))

    def np_squeeze(self, node):
        return na.squeeze(self._one("np.squeeze", node))

    def np_copy(self, node):
        return self._one("np.copy", node)

    np_array = np_asarray = np_copy

    def _shape_of(self, node):
        value = self.visit(node)
        items = value.items if isinstance(value, Many) else (value,)
        if isinstance(value, Dims):
            if not 1 <= len(value.dims) <= 2:
                raise self.fail(ParseError, "a shape has one or two dims", node)
            return value.dims
        dims = []
        for item in items:
            if not (isinstance(item, Array) and na.is_const(item)) or item.node.value.is_number and \
                    not (item.node.value.is_integer and 1 <= item.node.value <= 10**6):
                raise self.fail(ParseError, "a shape is made of dims or whole numbers, e.g. (n, k)", node)
            dims.append(item.node.value)
        if not 1 <= len(dims) <= 2:
            raise self.fail(ParseError, "a shape has one or two dims", node)
        return tuple(dims)

    def _filled(self, cls, dims) -> Array:
        if len(dims) == 1:
            return Array(cls((dims[0], 1)), 1) if dims[0] != 1 else Array(t.Const(int(cls is t.Ones)), 1)
        shape = (dims[0], dims[1])
        if shape == (1, 1):
            return Array(t.Const(int(cls is t.Ones)), 2)
        return Array(cls(shape), 2)

    def np_zeros(self, node):
        shape = self._keywords(node, ("dtype", "shape")).get("shape")
        (shape,) = (shape,) if shape is not None and not node.args else self._n_args("np.zeros", node, 1)
        return self._filled(t.Zeros, self._shape_of(shape))

    def np_ones(self, node):
        shape = self._keywords(node, ("dtype", "shape")).get("shape")
        (shape,) = (shape,) if shape is not None and not node.args else self._n_args("np.ones", node, 1)
        return self._filled(t.Ones, self._shape_of(shape))

    def np_zeros_like(self, node):
        a, _ = self._one("np.zeros_like", node, ("dtype",))
        return Array(t.Const(0), 0) if a.ndim == 0 else self._filled(t.Zeros, a.shape)

    def np_ones_like(self, node):
        a, _ = self._one("np.ones_like", node, ("dtype",))
        return Array(t.Const(1), 0) if a.ndim == 0 else self._filled(t.Ones, a.shape)

    def np_eye(self, node):
        self._keywords(node, ("dtype",))
        (n,) = self._n_args("np.eye", node, 1)
        (size,) = self._shape_of(n)
        return Array(t.Identity(size), 2)

    np_identity = np_eye
