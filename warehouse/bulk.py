"""Many rows in one statement: inserts and updates of plain rows, and ``IN`` lists, written
so that on PostgreSQL the statement text is the same for any number of rows (one JSON or
array parameter: compiled and parsed once); SQLite keeps ``executemany`` and literal lists."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    SQLColumnExpression,
    Table,
    Text,
    any_,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    select,
    tuple_,
    update,
)
from sqlalchemy import cast as cast_to
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import TableValuedAlias

from warehouse.models.base import Base

SQLITE_BUSY_TIMEOUT_MS = 15_000


def insert_many(session: Session, model: type[Base], rows: Sequence[Mapping[str, object]]) -> None:
    """Insert ``rows`` (column values, the same keys in each) in one statement.

    PostgreSQL: ``INSERT … SELECT FROM json_populate_recordset(NULL::table, :rows)``: all rows
    travel as one JSON parameter (serialised by the C encoder, parsed by the server into the
    table's own column types) and the text is the same for any number of rows, so it is
    compiled and parsed once; a multi-row ``VALUES`` would be new text each time, and
    ``executemany`` one statement per row. Column defaults not given are evaluated once for
    the statement. Elsewhere ``executemany``.
    """
    if not rows:
        return
    table = cast(Table, model.__table__)
    names = list(rows[0])
    if session.get_bind().dialect.name == "postgresql":
        given = records_of(table, names, rows)
        session.execute(insert(table).from_select(names, select(*(given.c[n] for n in names))))
        return
    session.execute(insert(table), list(rows))


def insert_returning(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, object]], *returning: str
) -> list[tuple[Any, ...]]:
    """:func:`insert_many` that returns the columns named in ``returning`` of each new row
    (e.g. the key the mall gave and the id the database gave), in no particular order."""
    if not rows:
        return []
    table = cast(Table, model.__table__)
    names = list(rows[0])
    wanted = [table.c[n] for n in returning]
    if session.get_bind().dialect.name == "postgresql":
        given = records_of(table, names, rows)
        statement = insert(table).from_select(names, select(*(given.c[n] for n in names)))
        return [tuple(row) for row in session.execute(statement.returning(*wanted))]
    return [tuple(row) for row in session.execute(insert(table).returning(*wanted), list(rows))]


def records_of(
    table: Table, names: list[str], rows: Sequence[Mapping[str, object]]
) -> TableValuedAlias:
    """PostgreSQL: the rows as a set of the table's records, from one JSON parameter."""
    document = json.dumps([{n: r[n] for n in names} for r in rows], default=_json_scalar)
    return func.json_populate_recordset(
        literal_column(f"NULL::{table.name}"),
        cast_to(bindparam("many_rows", document, type_=Text), postgresql.JSON),
    ).table_valued(*names)


def _json_scalar(value: object) -> str:
    """Dates, times and decimals as PostgreSQL reads them back."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not a column value")


def among(
    session: Session, column: SQLColumnExpression[Any], values: Iterable[object]
) -> ColumnElement[bool]:
    """``column IN values``; PostgreSQL: ``column = ANY(:array)``, one statement text for any
    number of values (a long ``IN`` list is new text, parsed again, at every size)."""
    given = sorted(set(values))  # type: ignore[type-var]
    if session.get_bind().dialect.name != "postgresql":
        return column.in_(given)
    kind = ARRAY(Text) if given and isinstance(given[0], str) else ARRAY(BigInteger)
    return column == any_(bindparam(None, given, type_=kind))


def pairs_in(
    session: Session,
    left: SQLColumnExpression[int],
    right: SQLColumnExpression[int],
    pairs: Iterable[tuple[int, int]],
) -> ColumnElement[bool]:
    """``(left, right) IN pairs``. PostgreSQL: as ``EXISTS`` over two array parameters (a
    hashed semi-join, one statement text), not a list it would test row by row."""
    ordered = sorted(set(pairs))
    if session.get_bind().dialect.name != "postgresql":
        return tuple_(left, right).in_(ordered)
    given = (
        func.unnest(
            bindparam("pairs_left", [a for a, _ in ordered], type_=ARRAY(BigInteger)),
            bindparam("pairs_right", [b for _, b in ordered], type_=ARRAY(BigInteger)),
        )
        .table_valued("a", "b")
        .render_derived()
    )
    return exists().where(given.c.a == left, given.c.b == right)


def update_many(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, object]], *, key: str = "id"
) -> None:
    """Set columns of many rows, each found by ``key`` (every row names the same columns).

    PostgreSQL: one ``UPDATE … FROM unnest(arrays)``, the same text for any number of rows;
    elsewhere one statement per row (``executemany``).
    """
    if not rows:
        return
    table = cast(Table, model.__table__)
    names = list(rows[0])
    if session.get_bind().dialect.name == "postgresql":
        given = records_of(table, names, rows)
        session.execute(
            update(table)
            .where(table.c[key] == given.c[key])
            .values({n: given.c[n] for n in names if n != key})
        )
        return
    session.execute(
        update(table)
        .where(table.c[key] == bindparam(f"many_{key}"))
        .values({n: bindparam(f"many_{n}") for n in names if n != key}),
        [{f"many_{n}": r[n] for n in names} for r in rows],
    )
