"""Querysets whose SQL Django builds once per process; each run binds its own values to it.

Django builds and compiles a queryset's SQL every time it is evaluated. For a page row with its
image joined that is 0.7-1 ms of Python, several times what PostgreSQL or SQLite then needs to
run it. The few queries behind every page view keep one shape from request to request (a page
by its translation key, a post's related posts), so `CompiledQuery` compiles each shape once and
runs it with each call's values bound to the same SQL. The rows still go through Django's own
model iteration: `select_related`, deferred fields, converters and prefetches work as ever.

A value that changes from call to call is a `Param` in the queryset the builder returns.
Everything else (model, fields, joins, order, limits, and constants such as the memoized view
restrictions behind `.public()`) belongs to the shape: what changes it is passed as the shape
key, and the builder receives it.
"""

import copy
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Expression, F, IntegerField, Lookup, Q, QuerySet
from django.db.models.lookups import In
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
)
from django.db.models.sql.compiler import SQLCompiler


class Param(Expression):
    """A value bound when a `CompiledQuery` runs. Its field turns the value into what the
    database takes (a UUID is text on SQLite and a uuid on PostgreSQL); `bind` does instead."""

    def __init__(self, name: str, output_field, *, bind: Callable | None = None):
        super().__init__(output_field=output_field)
        self.name = name
        self.bind = bind

    def __repr__(self) -> str:
        return f"Param({self.name!r})"

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def database_value(self, value, connection):
        if value is None:
            # `= NULL` matches nothing, where Django would write `IS NULL` for a None.
            raise TypeError(f"{self!r} cannot be bound to None.")
        if self.bind is not None:
            return self.bind(value, connection)
        return self.output_field.get_db_prep_value(value, connection, prepared=False)


def like_prefix(value: str, connection) -> str:
    """The LIKE pattern of the strings that start with `value` (a `Param`'s `bind`)."""
    return connection.ops.prep_for_like_query(value) + "%"


class StartsWith(Lookup):
    """`field LIKE 'value%'` with the value bound at run time: `StartsWith(F("path"), param)`.

    Django's own `startswith` turns an expression on its right into `REPLACE(...) || '%'`,
    which no index serves; this writes the plain prefix match Django writes for a value.
    The `Param` needs `bind=like_prefix`.
    """

    lookup_name = "compiled_startswith"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        internal_type = self.lhs.output_field.get_internal_type()
        lhs_sql = connection.ops.lookup_cast("startswith", internal_type) % lhs_sql
        return f"{lhs_sql} {connection.operators['startswith'] % rhs_sql}", [
            *lhs_params,
            *rhs_params,
        ]


def descendants_of(name: str) -> Q:
    """Wagtail's `descendant_of(page)` for a page bound at run time: the values come from
    `descendant_values(name, page)`."""
    return Q(
        StartsWith(F("path"), Param(f"{name}_path", CharField(), bind=like_prefix)),
        depth__gte=Param(f"{name}_depth", IntegerField()),
    )


def descendant_values(name: str, page) -> dict:
    """The values `descendants_of(name)` binds for the pages under `page`."""
    return {f"{name}_path": page.path, f"{name}_depth": page.depth + 1}


def one_of(field: str, name: str, count: int) -> In:
    """`field IN (...)` of `count` values bound at run time: `list_values(name, values)`."""
    return In(F(field), [Param(f"{name}_{position}", IntegerField()) for position in range(count)])


def list_values(name: str, values) -> dict:
    """The values `one_of(field, name, len(values))` binds."""
    return {f"{name}_{position}": value for position, value in enumerate(values)}


class _BoundQuery:
    """The query as Django's iterables see it while one run is read: the compiled compiler,
    with this run's values bound; anything else comes from the built query."""

    def __init__(self, query, compiler: SQLCompiler):
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


@dataclass(frozen=True)
class _Statement:
    """A shape's SQL for one database, with the compiler that wrote it: it knows the columns
    and how rows become objects (`select`, `klass_info`, converters)."""

    queryset: QuerySet
    compiler: SQLCompiler
    sql: str
    params: tuple
    names: frozenset

    def rows(self, values: dict) -> list:
        if self.names != values.keys():
            raise TypeError(f"This query binds {sorted(self.names)}, not {sorted(values)}.")
        connection = connections[self.compiler.using]
        bound = [
            param.database_value(values[param.name], connection)
            if isinstance(param, Param)
            else param
            for param in self.params
        ]
        run = copy.copy(self.compiler)
        run.connection = connection  # this thread's connection
        run.as_sql = lambda *args, **kwargs: (self.sql, bound)
        queryset = self.queryset
        reader = queryset.__class__(model=queryset.model, using=run.using, hints=queryset._hints)
        reader._query = _BoundQuery(queryset.query, run)
        reader._iterable_class = queryset._iterable_class
        reader._fields = queryset._fields
        reader._prefetch_related_lookups = queryset._prefetch_related_lookups
        reader._known_related_objects = queryset._known_related_objects
        return list(reader)


class CompiledQuery:
    """`CompiledQuery(build)(*shape, **values)`: the rows of `build(*shape)`, a queryset with
    `Param` placeholders, with `values` bound to them by name.

    The queryset is built and compiled once per shape and database alias in each process (a
    shape is a few hashable values: a model, a count). `varies_with` returns what else the SQL
    depends on, such as the memoized view restrictions that `.public()` writes into it
    (`pagecache.restrictions.restricted_sections`). Only iteration is offered: the call
    returns the list of rows, as `list(queryset)` would. Prefetches go by name: a `Prefetch`
    queryset holding a `Param` is not bound.
    """

    # Shapes kept per query at most: a shape that depends on changing data (`varies_with`)
    # leaves old ones behind.
    MAX_SHAPES = 256

    def __init__(self, build: Callable[..., QuerySet], *, varies_with: Callable | None = None):
        self._build = build
        self._varies_with = varies_with
        self._querysets: dict[Hashable, QuerySet] = {}
        self._statements: dict[Hashable, _Statement | None] = {}
        self._lock = threading.Lock()  # one thread builds and compiles a shape

    def __call__(self, *shape, **values) -> list:
        varies = None if self._varies_with is None else self._varies_with()
        key = (shape, varies)
        queryset = self._querysets.get(key)
        statement = None
        if queryset is not None:
            alias = queryset.db  # the router's choice, as for any queryset
            statement = self._statements.get((key, alias), _MISSING)
        if queryset is None or statement is _MISSING:
            statement = self._prepare(shape, key)
        if statement is None:  # a query that can match nothing: Django does not run it either
            return []
        return statement.rows(values)

    def _prepare(self, shape, key) -> "_Statement | None":
        with self._lock:
            queryset = self._querysets.get(key)
            if queryset is None:
                queryset = self._build(*shape)
            alias = queryset.db
            statement = self._statements.get((key, alias), _MISSING)
            if statement is _MISSING:
                statement = self._compile_for(queryset, alias)
            # Kept only if what the SQL depends on did not change while it was built.
            if self._varies_with is None or self._varies_with() == key[1]:
                if len(self._querysets) >= self.MAX_SHAPES:
                    self._querysets.clear()
                    self._statements.clear()
                self._querysets[key] = queryset
                self._statements[key, alias] = statement
            return statement

    @staticmethod
    def _compile_for(queryset: QuerySet, alias: str) -> "_Statement | None":
        if queryset._iterable_class not in READABLE:
            raise TypeError(
                f"A compiled query reads rows or values, not {queryset._iterable_class}."
            )
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        if not sql:
            return None
        names = frozenset(param.name for param in params if isinstance(param, Param))
        return _Statement(queryset, compiler, sql, tuple(params), names)


_MISSING = object()
# The iterables that read the compiled statement's rows and run no query of their own.
READABLE = (ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable)
