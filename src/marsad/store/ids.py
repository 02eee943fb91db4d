"""`column IN (the ids bound as one list)`, written for each database.

SQLite is given the list spread into one parameter per id (SQLAlchemy's expanding IN).
PostgreSQL is given the whole list as one array, `column = ANY(:ids)`: the statement's
text no longer depends on how many ids there are, so its driver prepares it once per
connection, and SQLAlchemy does not write out a placeholder per id at every execution (a
twentieth of an API worker's time on a page of 50).
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal


class IdsIn(ColumnElement[bool]):
    """True for the rows whose column is one of the integers bound as `name`."""

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
    array = bindparam(element.name, type_=ARRAY(BigInteger()))
    return str(compiler.process(element.column == any_(array), **kw))
