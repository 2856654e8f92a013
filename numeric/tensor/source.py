"""The program as readable numpy code (what ``CompiledTensor.source()`` prints, matrixcalculus.org style).

One line per step, shared subexpressions once, functions printed from the registry's numpy code.
Vectors are n × 1 columns; all-ones tensors are written as ``np.ones`` here, while the runner keeps
them as broadcast scalars.  The text is for reading: the runner never executes it.
"""
from __future__ import annotations

import keyword

import sympy


from .program import Program

_TEMPLATES = {
    "mul": "{0} * {1}", "scale": "{0} * {1}", "transpose": "{0}.T", "matmul": "{0} @ {1}",
    "norm": "np.linalg.norm({0})", "trace": "np.trace({0})", "det": "np.linalg.det({0})",
    "logdet": "np.linalg.slogdet({0})[1]", "inv": "np.linalg.inv({0})", "diag": "np.diag({0}[:, 0])",
    "diagonal": "np.diagonal({0})[:, None]", "softmax": "{1}_e / {1}_s",
}


def _python_name(name: str) -> str:
    return name + "_" if keyword.iskeyword(name) else name


def _dims_text(shape) -> str:
    return f"({', '.join(str(d) for d in shape)})"


def _function_code(function: str, order: int, argument: str) -> str:
    from sympy.printing.numpy import NumPyPrinter

    from symbolic.functions import FUNCTIONS
    from symbolic.functions.printing import printer_class
    u = sympy.Symbol(argument, real=True)
    expr = FUNCTIONS[function].constructor(u)
    if order:
        expr = sympy.diff(expr, u, order)
    printer = printer_class(NumPyPrinter, "numpy")({"fully_qualified_modules": True, "allow_unknown_functions": True})
    return printer.doprint(expr).replace("numpy.", "np.")


def numpy_source(program: Program, names: list[str], function_name: str = "objective") -> str:
    """``def objective(X, w, y, lambda_): … return <names>`` for the program's roots."""
    inputs = {name: _python_name(name) for name in program.inputs}
    text: dict[int, str] = {}
    lines: list[str] = []
    shown_dims: set[str] = set()
    for name, var in program.inputs.items():
        dims = [str(d) if isinstance(d, sympy.Symbol) and str(d) not in shown_dims else "_" for d in var.shape]
        if var.is_column:
            dims = dims[:1] + ["_"]
        if any(d != "_" for d in dims):
            lines.append(f"{', '.join(dims)} = {inputs[name]}.shape")
            shown_dims.update(d for d in dims if d != "_")
    outputs = dict(zip(program.roots, names))
    uses: dict[int, int] = {}
    for s in program.steps:
        for a in s.args:
            uses[a] = uses.get(a, 0) + 1
    for i, s in enumerate(program.steps):
        args = [text[a] for a in s.args]
        if s.op == "input":
            text[i] = inputs[s.attrs[0]]
            continue
        if s.op == "const":
            value = sympy.sympify(s.attrs[0])
            text[i] = str(value) if value.is_Atom else f"({value})"
            continue
        if s.op == "fill":
            code = f"np.{'ones' if s.attrs[0] else 'zeros'}({_dims_text(s.shape)})"
        elif s.op == "eye":
            code = f"np.eye({s.attrs[0]})"
        elif s.op == "add":
            code = args[0] if s.attrs[0] > 0 else f"-{args[0]}"
            code += "".join(f" {'+' if sign > 0 else '-'} {a}" for sign, a in zip(s.attrs[1:], args[1:]))
        elif s.op == "power":
            p = s.attrs[0]
            code = f"1 / {args[0]}" if p == -1 else f"np.sqrt({args[0]})" if p == sympy.Rational(1, 2) else \
                f"{args[0]}**{p if p.is_Integer else float(p)}"
        elif s.op == "f":
            code = _function_code(s.attrs[0], s.attrs[1], args[0])
        elif s.op == "sum":
            code = f"np.sum({args[0]})" if s.attrs[0] is None else \
                f"np.sum({args[0]}, axis={s.attrs[0]}, keepdims=True)" + (".T" if s.attrs[0] == 0 else "")
        elif s.op == "shifted_exp":
            base, axis = f"t{i}", s.attrs[0]
            lines.append(f"{base}_m = np.max({args[0]}, axis={axis}, keepdims=True)")
            lines.append(f"{base}_e = np.exp({args[0]} - {base}_m)")
            lines.append(f"{base}_s = np.sum({base}_e, axis={axis}, keepdims=True)")
            text[i] = base
            continue
        elif s.op == "logsumexp":
            code = f"({args[1]}_m + np.log({args[1]}_s))" + ("[0, 0]" if s.attrs[0] == 0 else "")
        else:
            code = _TEMPLATES[s.op].format(*args)
        if i in outputs:
            lines.append(f"{outputs[i]} = {code}")
            text[i] = outputs[i]
        elif uses.get(i, 0) > 1 or s.op in ("matmul", "f"):
            lines.append(f"t{i} = {code}")
            text[i] = f"t{i}"
        else:
            text[i] = f"({code})"
    for root, name in outputs.items():
        if text[root] != name:
            lines.append(f"{name} = {text[root]}")
    signature = ", ".join(inputs.values())
    body = "\n".join("    " + line for line in lines)
    return f"def {function_name}({signature}):\n{body}\n    return {', '.join(names)}\n"
