"""The base of every function symgrad defines itself: the class is the one home of everything about it.

A subclass sets the class attributes (names in text, LaTeX and unicode, arity, magnitude) and
implements what it can: ``fdiff`` (sympy's derivative), ``elementary`` (the same function in
sympy's own terms), ``mpmath_value`` (high precision), ``numpy_code``, ``jax_code`` and
``scalar_code`` (code from printed arguments).  ``info()`` turns all that into the
``FunctionInfo`` every parser, printer and backend reads; a method left unimplemented makes that
backend say so in one line (``UnsupportedFunction``) instead of crashing.
"""
from __future__ import annotations

from typing import ClassVar, Sequence

import sympy

from .info import FunctionInfo


class Function(sympy.Function):
    """A symgrad function: derivative, names, printing and every backend's code in one class."""

    #: the name users type and the str printer writes (``sigmoid``)
    name: ClassVar[str] = ""
    #: LaTeX for the function name (``\\sigma``)
    latex_name: ClassVar[str] = ""
    #: head in unicode text (default: ``name``)
    unicode_name: ClassVar[str] = ""
    #: name in readable generated Python (default: ``name``)
    python_name: ClassVar[str] = ""
    #: more spellings in typed text (``swish`` for silu)
    text_names: ClassVar[tuple[str, ...]] = ()
    #: more LaTeX operator names (``\operatorname{…}``), compared in lower case
    latex_names: ClassVar[tuple[str, ...]] = ()
    #: one line for help texts and documents
    description: ClassVar[str] = ""
    #: smallest and largest number of arguments a parser accepts
    arity: ClassVar[tuple[int, int]] = (1, 1)
    #: "bounded", "not_larger", "growing" or "" (see FunctionInfo.magnitude)
    magnitude: ClassVar[str] = ""
    #: the parse guard its numeric arguments pass ("" none)
    guard: ClassVar[str] = ""
    #: its derivative as a derivation step states it, (LaTeX, unicode); None: steps say "activation derivative"
    derivative_rule: ClassVar[tuple[str, str] | None] = None

    # -- what a subclass implements -------------------------------------------------------------
    def elementary(self) -> sympy.Expr:
        """This application rewritten with sympy's own functions (exp, Max, Heaviside, ...)."""
        raise NotImplementedError

    @classmethod
    def mpmath_value(cls, *values):
        """The value at mpmath numbers (raise ``Undefined`` where it has no real value)."""
        raise NotImplementedError

    def numpy_code(self, args: Sequence[str]) -> str:
        """Numerically stable numpy code, given the already printed arguments."""
        raise NotImplementedError

    def jax_code(self, args: Sequence[str]) -> str:
        """jax.numpy / jax.nn code, given the printed arguments."""
        raise NotImplementedError

    def scalar_code(self, args: Sequence[str]) -> str:
        """Scalar Python for the fused numba kernels (``math.``, ``_exp(x, pow2, t64)``)."""
        raise NotImplementedError

    def kink_arguments(self) -> tuple[sympy.Expr, ...]:
        """Where this application switches piece (the argument of a step); () for a smooth function."""
        return ()

    # -- the record everyone reads ----------------------------------------------------------------
    @classmethod
    def latex_commands(cls) -> tuple[str, ...]:
        """Control words naming it: ``\\tanh`` gives ``tanh`` (``\\operatorname{…}`` heads give none)."""
        word = cls.latex_name[1:]
        return (word,) if cls.latex_name.startswith("\\") and word.isalpha() and word != "sigma" else ()

    @classmethod
    def latex_operator_names(cls) -> tuple[str, ...]:
        """Names accepted inside ``\\operatorname{…}``: the class name, its LaTeX operator name, extras."""
        names = [cls.name.lower(), *(n.lower() for n in cls.latex_names)]
        head = cls.latex_name
        if head.startswith(r"\operatorname{") and head.endswith("}") and head.count("{") == 1:
            names.append(head[len(r"\operatorname{"):-1].lower())
        return tuple(dict.fromkeys(names))

    @classmethod
    def info(cls) -> FunctionInfo:
        """This class as a FunctionInfo; code fields are None where the class lacks that method."""
        cached = cls.__dict__.get("_info")
        if cached is not None:
            return cached

        def method(attribute: str):
            if getattr(cls, attribute) is getattr(Function, attribute):
                return None
            return lambda expr, args: getattr(expr, attribute)(list(args))

        mpmath_value = None if cls.mpmath_value.__func__ is Function.mpmath_value.__func__ else cls.mpmath_value
        record = FunctionInfo(
            name=cls.name, cls=cls, build=None, arity=cls.arity, latex=cls.latex_name,
            unicode=cls.unicode_name or cls.name, python=cls.python_name or cls.name,
            text_names=(cls.name, *cls.text_names) if cls.name else (),
            latex_commands=cls.latex_commands(), latex_operator_names=cls.latex_operator_names() if cls.name else (),
            mpmath=mpmath_value, numpy=method("numpy_code"), jax=method("jax_code"),
            scalar=method("scalar_code"), guard=cls.guard, magnitude=cls.magnitude, description=cls.description,
            kinks=None if cls.kink_arguments is Function.kink_arguments else (lambda expr: expr.kink_arguments()),
            derivative=cls.derivative_rule)
        setattr(cls, "_info", record)
        return record

    # -- printing -------------------------------------------------------------------------------
    def _sympystr(self, printer) -> str:
        return f"{self.name}({', '.join(printer._print(a) for a in self.args)})"

    def _latex(self, printer, exp=None) -> str:
        inner = ", ".join(printer._print(a) for a in self.args)
        head = self.latex_name if exp is None else f"{self.latex_name}^{{{exp}}}"
        return rf"{head}\!\left({inner}\right)"

    def _numpycode(self, printer) -> str:
        # parenthesized so that x/sigmoid(x) never prints as x/1/(...)
        from .printing import record_modules
        return "(" + record_modules(printer, self.numpy_code([printer._print(a) for a in self.args])) + ")"

    # -- evaluation -----------------------------------------------------------------------------
    def _eval_rewrite_as_elementary(self, *args, **hints):
        return self.func(*args).elementary()

    def _eval_evalf(self, prec):
        try:
            return self.elementary()._eval_evalf(prec)
        except NotImplementedError:
            return None
