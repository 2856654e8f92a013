"""Read a numeric CSV file (header row, then numbers) into a Dataset, or say in one line what is wrong.

Rows are counted as a spreadsheet counts them: the header is row 1, the first data row is row 2.
"""
from __future__ import annotations

import csv
import math
import os
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import DataError
from .dataset import Dataset

#: larger files are refused before reading: the course's data fits in memory many times over
MAX_BYTES = 200 * 10**6
#: the label column used when none is named
DEFAULT_TARGET = "y"
#: delimiters a spreadsheet may have used instead of commas (named in the hint)
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs"}


def _shown(cell: str, limit: int = 40) -> str:
    """The cell's text as it will appear in a message: quoted, escaped, shortened."""
    return repr(cell if len(cell) <= limit else cell[:limit] + "…")


def _number(cell: str, where: str) -> float:
    """The finite float written in ``cell`` (DataError naming ``where`` otherwise)."""
    text = cell.strip()
    if not text:
        raise DataError(f"{where} is empty")
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"{where}: {_shown(cell)} is not a number") from None
    if math.isnan(value):
        raise DataError(f"{where}: {_shown(cell)} is a missing value (NaN)")
    if math.isinf(value):
        raise DataError(f"{where}: {_shown(cell)} is infinite")
    return value


def _check_file(path: Path) -> None:
    """The file exists, is a file, and is not over the size limit."""
    if not path.exists():
        raise DataError(f"{path}: no such file")
    if not path.is_file():
        raise DataError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataError(f"{path}: file is {size / 10**6:.0f} MB, over the {MAX_BYTES // 10**6} MB limit")
    if size == 0:
        raise DataError(f"{path}: file is empty")


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each non-blank record; a record's row is the line it starts on."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            start = 1
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield start, cells
                start = reader.line_num + 1  # a quoted cell may span lines
    except UnicodeDecodeError as err:
        raise DataError(f"{path}: not UTF-8 text ({err.reason}); save it as a UTF-8 CSV") from None
    except csv.Error as err:
        raise DataError(f"{path}: row {reader.line_num}: {err}") from None


def _header(path: Path, row: int, cells: list[str]) -> list[str]:
    """The column names of the header row (DataError for empty or repeated names)."""
    names = [c.strip() for c in cells]
    if len(names) == 1:
        for delimiter, word in OTHER_DELIMITERS.items():
            if delimiter in names[0]:
                raise DataError(f"{path}: row {row} is one column {_shown(names[0])}; "
                                f"the file seems to separate cells with {word}, use commas")
    seen: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        if not name:
            raise DataError(f"{path}: row {row}, column {i}: empty column name")
        if name in seen:
            raise DataError(f"{path}: row {row}: duplicate column name {name!r} (columns {seen[name]} and {i})")
        seen[name] = i
    if all(_is_number(name) for name in names):
        raise DataError(f"{path}: row {row} holds numbers, not column names; add a header row")
    return names


def _is_number(text: str) -> bool:
    """Whether ``float`` reads ``text``."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def load_csv(path: str | os.PathLike, required: Sequence[str] = (), target: str | None = None) -> Dataset:
    """The numeric table in ``path``; ``target`` is the label column (default: ``y`` if present).

    Every column in ``required`` (and ``target`` when given) must be present.
    """
    path = Path(path)
    _check_file(path)
    records = _records(path)
    first = next(records, None)
    if first is None:
        raise DataError(f"{path}: file is empty")
    names = _header(path, *first)
    wanted = [*required, *([target] if target is not None else [])]
    for name in wanted:
        if name not in names:
            raise DataError(f"{path}: required column {name!r} missing (columns present: {', '.join(names)})")
    values: list[list[float]] = [[] for _ in names]
    for row, cells in records:
        if len(cells) != len(names):
            raise DataError(f"{path}: row {row} has {len(cells)} cells, header has {len(names)}")
        for column, name, cell in zip(values, names, cells):
            column.append(_number(cell, f"{path}: row {row}, column {name!r}"))
    if not values[0]:
        raise DataError(f"{path}: header only, no data rows")
    if target is None and DEFAULT_TARGET in names:
        target = DEFAULT_TARGET
    return Dataset(dict(zip(names, values)), target=target, name=path.stem)


__all__ = ["load_csv", "MAX_BYTES"]
