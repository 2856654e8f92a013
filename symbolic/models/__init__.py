"""The lecture's models, losses and regularizers, ``objective()`` that puts them together, and
``build(spec)``, the one builder every front end calls."""
from __future__ import annotations

import sympy

from ..errors import DerivationError, ModelError
from ..indicator import Indicator
from ..names import index, indexed, symbol
from .builders import MODELS, linear_regression, logistic_regression, neuron, softmax_regression, two_layer_net
from .losses import LOSSES
from .objective import Model, Objective
from .records import TASKS, LossRecord, ModelRecord, Task
from .regularizers import REGULARIZERS
from .spec import MODEL_NAMES, ObjectiveSpec, build, parameter_names


def _pick(table: dict, name: str, what: str):
    try:
        return table[name]
    except KeyError:
        raise ModelError(f"unknown {what} {name!r} (choose from {', '.join(table)})") from None


def objective(model: Model, loss: str = "squared", reg: str = "none", empirical_risk: bool = False) -> Objective:
    """Model + loss + regularizer as one Objective.

    With ``empirical_risk`` the loss is the lecture's (1/n) Σ_i ℓ(y_i, ŷ_i) over indexed data
    x[i], y[i]; otherwise it is the loss of one example (x, y).  The regularizer λ‖w‖² or λ|w| is
    added once, on the weights only.
    """
    y = symbol("y")
    lam = symbol("lambda")
    record = _pick(LOSSES, loss, "loss")
    per_example = record(y, model.outputs)
    penalty = _pick(REGULARIZERS, reg, "regularizer")(lam, model.weights)
    hints = model.intermediates
    data: tuple = model.inputs + (y,)
    if empirical_risk:
        i = index("i")
        n = sympy.Symbol("n", integer=True, positive=True)
        to_indexed = {s: indexed(s.name)[i] for s in data}
        per_example = sympy.Sum(per_example.xreplace(to_indexed), (i, 1, n)) / n
        hints = tuple((symbol(name.name + "_i"), inner.xreplace(to_indexed)) for name, inner in hints)
        data = tuple(indexed(s.name) for s in data)
    constants = (lam,) if reg != "none" else ()
    identities = ()
    if record.labels == "classes" and not empirical_risk:
        k = len(model.outputs)  # the label is one of the k classes: the indicators sum to 1
        identities = ((Indicator(y, k), 1 - sympy.Add(*(Indicator(y, j) for j in range(1, k)))),)
    title = f"{model.name.replace('_', ' ')}, {loss.replace('_', ' ')} loss" + \
        ("" if reg == "none" else f", {reg.upper()} regularization") + (", empirical risk" if empirical_risk else "")
    return Objective(per_example + penalty, model.parameters, data, constants, title, hints, identities,
                     model.outputs, record.task, loss=record.name)


def neuron_objective(activation: str = "sigmoid") -> Objective:
    """The lecture's L(ω, b) = ½(y − σ(ωx + b))² + λω²."""
    return objective(neuron(activation), "squared", "l2")


def from_text(text: str, wrt: list[str]) -> Objective:
    """An Objective from a typed loss (parsed safely); ``wrt`` names its parameters.

    A name of indexed entries (``W`` in ``W[1,1]*x1 + W[1,2]*x2``) stands for each entry; a name that
    was written but cancels (``b`` in ``w*x - b + b``) is a parameter with derivative 0.
    """
    from ..latex_parse.loss import parse_loss
    formula = parse_loss(text)  # text or LaTeX
    expr = formula.expression
    params = parameters_of(expr, wrt, formula.written)
    taken = set(params)
    by_name = {s.name: s for s in expr.free_symbols}
    whole = {p.base.label for p in params if isinstance(p, sympy.Indexed)}
    whole = {b for b in whole if all(e in taken for e in expr.atoms(sympy.Indexed) if e.base.label == b)}
    data = tuple(s for _, s in sorted(by_name.items()) if s not in taken and s not in whole) + \
        tuple(b for b in sorted(expr.atoms(sympy.IndexedBase), key=str) if b.label not in whole)
    return Objective(expr, params, data, name="loss")


def parameters_of(expr: sympy.Expr, wrt, written=frozenset()) -> tuple[sympy.Expr, ...]:
    """The symbols (or indexed entries) that ``wrt`` names in ``expr``; DerivationError for a name it lacks.

    ``W`` names every entry W[1,1], W[1,2], … the expression has (in index order); an entry may be
    named directly (``W[1,2]``). A name in ``written`` (typed, then cancelled by sympy) becomes a
    plain symbol of its own.
    """
    by_name = {s.name: s for s in expr.free_symbols if isinstance(s, sympy.Symbol)}
    entries = {_squash(e.name): e for e in expr.atoms(sympy.Indexed)}
    bases = {str(b): b for b in expr.atoms(sympy.IndexedBase)}
    out: list[sympy.Expr] = []
    for name in wrt:
        key = _squash(name if isinstance(name, str) else str(name))
        key = _as_written(key, by_name, entries, bases)
        if key in bases:  # before the plain names: the base's label W is a free symbol too
            found = sorted((e for e in expr.atoms(sympy.Indexed) if e.base == bases[key]), key=_index_order)
            running = next((e for e in found if not all(i.is_Integer for i in e.indices)), None)
            if running is not None:
                raise DerivationError(f"{key} appears as {running} (indexed by a variable), so ∂L/∂{key} is not one "
                                      f"derivative; differentiate by a plain variable, or by entries like {key}[1]")
            chosen = found
        elif key in entries:
            chosen = [entries[key]]
        elif key in by_name:
            chosen = [by_name[key]]
        elif key in written:
            chosen = [symbol(key)]  # the user wrote it, sympy cancelled it: its derivative is 0
        else:
            known = ", ".join(sorted(set(by_name) | set(entries))) or "none"
            raise DerivationError(f"the loss has no variable {key!r} to differentiate by (its variables: {known})")
        out.extend(c for c in chosen if c not in out)
    return tuple(out)


def _as_written(key: str, *tables) -> str:
    """``w_1``, ``w_{1}``, ``\\omega`` as the loss's own name (w1, omega) when the loss has no name ``key`` itself."""
    if any(key in table for table in tables):
        return key
    plain = key.replace("\\", "").replace("{", "").replace("}", "")
    for candidate in (plain, plain.replace("_", "")):
        if any(candidate in table for table in tables):
            return candidate
    return key


def _squash(name: str) -> str:
    """``"W[1, 2]"`` and ``"W[1,2]"`` are one name."""
    return "".join(name.split())


def _index_order(entry: sympy.Indexed):
    return tuple(int(i) if i.is_Integer else 0 for i in entry.indices)


__all__ = ["build", "ObjectiveSpec", "parameter_names", "MODEL_NAMES", "from_text", "parameters_of",
           "MODELS", "LOSSES", "REGULARIZERS", "TASKS", "Task", "LossRecord", "ModelRecord", "Model", "Objective",
           "objective", "neuron_objective", "linear_regression", "logistic_regression", "softmax_regression",
           "neuron", "two_layer_net"]
