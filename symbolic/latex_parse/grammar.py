"""The LALR grammar over the lexer's tokens, and the one cached lark parser built from it.

Precedence, loosest first: ``+ −`` → products (``\\cdot``, ``/``, juxtaposition, left to right) →
powers and scripts. A ``\\sum`` is the last factor of its product and its body runs to the next
``+``/``−`` at its level. A function without parentheses (``\\sin x^2``, ``\\log \\sigma(z)``) takes the
next factor that does not start with a bracket: ``\\sin 2x`` is sin(2)·x, as in ``\\sin(2)x``.
"""
from __future__ import annotations

from functools import cache

from lark import Lark
from lark.lexer import Lexer

GRAMMAR = r"""
%declare NUMBER LETTER GREEK EULER FUNC FRAC SQRT SUM HAT INDICATOR PRIME LAYER
%declare PLUS MINUS MUL SLASH EQUALS REL COMMA CARET UNDERSCORE
%declare LPAR RPAR LBRACK RBRACK LCURLY RCURLY LBRACE RBRACE BAR_OPEN BAR_CLOSE

start: expr

?expr: term
     | term (PLUS term | MINUS term)+         -> chain

?term: product
     | MINUS term                             -> neg
     | PLUS term                              -> pos

?product: factor product_item*
        | factor product_item* MUL? sum_op    -> product
        | sum_op

product_item: MUL signed                      -> times
            | SLASH signed                    -> over
            | factor                          -> times

?signed: factor
       | MINUS signed                         -> neg
       | PLUS signed                          -> pos

sum_op: SUM sum_limits term
sum_limits: UNDERSCORE sum_lower (CARET arg)?
          | CARET arg UNDERSCORE sum_lower
sum_lower: LBRACE LETTER EQUALS expr RBRACE   -> lower_bound
         | LBRACE LETTER RBRACE               -> index_only
         | LETTER                             -> index_only

?factor: var
       | atom
       | atom CARET arg                       -> power
       | call
       | call CARET arg                       -> power
       | nopar_call

?atom: plain_atom
     | group

?plain_atom: NUMBER                           -> number
           | EULER                            -> euler
           | frac
           | sqrt
           | absolute
           | indicator

group: LPAR expr RPAR | LBRACK expr RBRACK | LCURLY expr RCURLY
absolute: BAR_OPEN expr BAR_CLOSE
frac: FRAC arg arg
sqrt: SQRT arg
    | SQRT LBRACK expr RBRACK arg
indicator: INDICATOR LBRACK cond RBRACK
         | INDICATOR LCURLY cond RCURLY
         | INDICATOR LPAR cond RPAR
         | INDICATOR UNDERSCORE LBRACE cond RBRACE
cond: expr EQUALS expr
    | expr REL expr

var: var_base script*
var_base: LETTER | GREEK | HAT name_arg
name_arg: LETTER | GREEK | LBRACE LETTER RBRACE | LBRACE GREEK RBRACE
script: UNDERSCORE sub                        -> subscript
      | CARET arg                             -> superscript
      | LAYER                                 -> layer
sub: sub_part | LBRACE sub_part (COMMA? sub_part)* RBRACE
?sub_part: NUMBER | LETTER | GREEK

call: head LPAR args RPAR
    | head LBRACK args RBRACK
    | head LCURLY args RCURLY
args: expr (COMMA expr)*
nopar_call: head nopar_arg
?nopar_arg: var
          | plain_atom
          | plain_atom CARET arg              -> power
          | call
          | call CARET arg                    -> power
          | nopar_call

head: FUNC head_sub? head_sup?
head_sub: UNDERSCORE sub
head_sup: PRIME+                              -> primes
        | CARET PRIME                         -> primes
        | CARET LBRACE PRIME+ RBRACE          -> primes
        | CARET arg                           -> head_power

?arg: LBRACE expr RBRACE                      -> braced
    | NUMBER                                  -> number
    | LETTER                                  -> letter
    | GREEK                                   -> letter
    | EULER                                   -> euler
"""


class TokenListLexer(Lexer):
    """Hands lark the token list that lexer.py and arrange.py already built."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, tokens):
        return iter(tokens)


@cache
def parser() -> Lark:
    """The LALR parser (built once; strict, so a grammar conflict fails loudly instead of guessing).

    Building the LALR tables costs ~0.15 s, most of a cold ``symgrad check``; lark keeps them in a
    file keyed by a hash of the grammar, options and lark version (a stale or broken file is rebuilt).
    """
    return Lark(GRAMMAR, parser="lalr", lexer=TokenListLexer, strict=True, maybe_placeholders=False,
                cache=_cache_file())


def _cache_file() -> str | bool:
    """Where lark keeps the parse tables: the user's cache folder (not the shared temp folder), or nowhere."""
    import os
    from pathlib import Path
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "symgrad"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return str(folder / "latex-grammar.lark")
