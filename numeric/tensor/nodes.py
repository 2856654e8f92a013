"""Nodes the compiler adds to symbolic.tensor's tree: forms that only matter for computing, not for deriving.

``LogSoftmax(Z)`` is log softmax(Z) computed as Z − logsumexp(Z) (row by row for a matrix), finite at
any logits.  It is built by ``stable.stabilize`` and never differentiated: gradients come from the
objective as written (``symbolic.tensor.engine.gradients``) and are stabilized the same way.
"""
from __future__ import annotations

from dataclasses import field

from symbolic.tensor import tree as t


@t.node
class LogSoftmax(t.Node):
    """log softmax of a vector; of each row of a matrix."""
    arg: t.Node
    shape: tuple = field(init=False)

    def __post_init__(self):
        t._set_shape(self, self.arg.shape)
