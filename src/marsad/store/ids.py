"""`column IN (the values bound as one list)`, written for each database.

SQLite is given the list spread into one parameter per value (SQLAlchemy's expanding IN).
PostgreSQL is given the whole list as one array, `column = ANY(:ids)`: the statement's
text no longer depends on how many values there are, so its driver parses it once and
prepares it once per connection, and SQLAlchemy does not write out a placeholder per value
at every execution (a twentieth of an API worker's time on a page of 50; a fifth of a
save's on a store of 100,000 events, whose linking looks up hundreds of keys).
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, ColumnElement, Integer, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal


class IdsIn(ColumnElement[bool]):
    """True for the rows whose column is one of the values bound as `name` (ids or keys:
    the column's type is the array's)."""

    inherit_cache = True
    type = Boolean()
    # a condition in itself: without this, SQLite is given "(id IN (...)) = 1", which no
    # index serves (every page read the whole table)
    _is_implicitly_boolean = True
    _traverse_internals: ClassVar[list[tuple[str, Any]]] = [
        ("column", InternalTraversal.dp_clauseelement),
        ("name", InternalTraversal.dp_string),
    ]

    def __init__(self, column: ColumnElement[Any], name: str = "ids") -> None:
        self.column = column
        self.name = name


def ids_in(column: Any, name: str = "ids") -> IdsIn:
    return IdsIn(column, name)


@compiles(IdsIn)
def _spread(element: IdsIn, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.in_(bindparam(element.name, expanding=True)), **kw))


@compiles(IdsIn, "postgresql")
def _as_array(element: IdsIn, compiler: Any, **kw: Any) -> str:
    # ints are bound as bigint (engine.py): an integer column's array is one of bigints
    of = BigInteger() if isinstance(element.column.type, Integer) else element.column.type
    array = bindparam(element.name, type_=ARRAY(of))
    return str(compiler.process(element.column == any_(array), **kw))
