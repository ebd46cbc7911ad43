"""Typed records for the report model: validated on construction, on assignment and on load.

The report model was written with pydantic. Importing pydantic and building its fifteen models
cost about 140 ms and 20 MB on every start of the editor and of ``giedit export`` — a third of
the start-up — while the model uses only a small part of it: keyword construction with defaults,
validation of the types it declares (on load, construction and assignment, unknown keys
refused), ``model_dump``, ``model_validate`` and ``model_copy``. ``Record`` gives that API on
plain Python classes, with pydantic's lax conversions where a file may carry them (``"5"`` for a
count, ``"2025-01-01"`` for a date, a member's value for an enum), and a ``ValidationError`` that
names the place of the first problem (``errors()[0]["loc"]``) as the loader's messages need.

Validators are built from the type hints the first time a class is validated, not at import.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import inspect
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Self

Loc = tuple[str | int, ...]
Check = Callable[[Any, Loc], Any]
_MISSING: Any = object()


class ValidationError(ValueError):
    """A value that does not fit its field: ``errors()`` gives its place and kind as pydantic did."""

    def __init__(self, loc: Loc, kind: str, message: str) -> None:
        super().__init__(f"{'.'.join(map(str, loc)) or 'value'}: {message}")
        self.loc, self.kind, self.message = loc, kind, message

    def errors(self) -> list[dict[str, Any]]:
        return [{"loc": self.loc, "type": self.kind, "msg": self.message}]


@dataclass(frozen=True)
class Before:
    """``Annotated[T, Before(f)]``: ``f`` rewrites the raw value before ``T`` is checked."""

    func: Callable[[Any], Any]


@dataclass(frozen=True)
class _Field:
    default: Any = _MISSING
    default_factory: Callable[[], Any] | None = None

    def value(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default


def Field(default: Any = _MISSING, *, default_factory: Callable[[], Any] | None = None) -> Any:
    """A field's default, or a factory for a fresh mutable default (``Field(default_factory=list)``)."""
    return _Field(default, default_factory)


class Record:
    """Base class: annotate fields, give defaults; ``frozen=True`` for an immutable, hashable record."""

    _fields: typing.ClassVar[dict[str, _Field]] = {}
    _frozen: typing.ClassVar[bool] = False
    _checks: typing.ClassVar[dict[str, Check] | None] = None

    def __init_subclass__(cls, frozen: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls._fields)
        for name in inspect.get_annotations(cls):
            if name.startswith("_"):
                continue
            default = cls.__dict__.get(name, _MISSING)
            fields[name] = default if isinstance(default, _Field) else _Field(default)
            if isinstance(default, _Field):
                delattr(cls, name)
        cls._fields, cls._frozen, cls._checks = fields, frozen or cls._frozen, None
        if cls._frozen:
            cls.__hash__ = lambda self: hash(tuple(self.__dict__.values()))  # type: ignore[method-assign]

    def __init__(self, **data: Any) -> None:
        self.__dict__.update(self._validated(data, ()))

    @classmethod
    def _validated(cls, data: dict[str, Any], loc: Loc) -> dict[str, Any]:
        checks = cls._checks if cls._checks is not None else cls._build_checks()
        for key in data:
            if key not in checks:
                raise ValidationError((*loc, key), "extra_forbidden", "Extra inputs are not permitted")
        out = {}
        for name, spec in cls._fields.items():
            if name in data:
                out[name] = checks[name](data[name], (*loc, name))
            elif spec.default is _MISSING and spec.default_factory is None:
                raise ValidationError((*loc, name), "missing", "Field required")
            else:
                out[name] = spec.value()
        return out

    @classmethod
    def _build_checks(cls) -> dict[str, Check]:
        hints = typing.get_type_hints(cls, include_extras=True)
        cls._checks = {name: _check_for(hints[name]) for name in cls._fields}
        return cls._checks

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise ValidationError((name,), "frozen_instance", "Instance is frozen")
        checks = self._checks if self._checks is not None else self._build_checks()
        if name not in checks:
            raise ValidationError((name,), "no_such_attribute", "Object has no such field")
        self.__dict__[name] = checks[name](value, (name,))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # mutable records are not hashable; frozen ones are

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        if self._frozen:
            return self
        made = object.__new__(type(self))
        made.__dict__.update({k: _deep(v) for k, v in self.__dict__.items()})
        return made

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from a ``dict`` as read from JSON (or the record itself)."""
        return typing.cast(Self, _record(cls)(data, ()))

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """A record from values taken as they are, unchecked (the rules' robustness tests build
        reports no file could hold); fields not given take their defaults."""
        made = cls.__new__(cls)
        for name, spec in cls._fields.items():
            if name in values or spec.default is not _MISSING or spec.default_factory is not None:
                made.__dict__[name] = values[name] if name in values else spec.value()
        return made

    def model_dump(self, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """The record as plain ``dict``/``list`` values; ``"json"``: enums and dates as text too."""
        return {k: _dump(v, mode == "json") for k, v in self.__dict__.items()}

    def model_copy(self, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (``deep``: of everything inside too) with ``update``'s fields replaced as given."""
        made = self.__deepcopy__() if deep else copy.copy(self)
        if update:
            made.__dict__.update(update)
        return made


def _deep(value: Any) -> Any:
    """A deep copy of a field's value. Fields hold only records, lists, dicts and immutable
    scalars (text, numbers, enums, dates), so this is all ``copy.deepcopy`` needs to do; it is
    several times faster, and the undo stack copies every paragraph of a part on each keystroke."""
    if isinstance(value, Record):
        return value.__deepcopy__()
    if type(value) is list:
        return [_deep(v) for v in value]
    if type(value) is dict:
        return {k: _deep(v) for k, v in value.items()}
    return value


def _dump(value: Any, json: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump("json" if json else "python")
    if isinstance(value, list):
        return [_dump(v, json) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, json) for k, v in value.items()}
    if json and isinstance(value, enum.Enum):
        return value.value
    if json and isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- validators, one per declared type ---------------------------------------------------------


def _fail(loc: Loc, kind: str, message: str) -> ValidationError:
    return ValidationError(loc, kind, message)


def _check_for(tp: Any) -> Check:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        inner = _check_for(args[0])
        befores = [a.func for a in args[1:] if isinstance(a, Before)]

        def annotated(v: Any, loc: Loc) -> Any:
            for f in befores:
                v = f(v)
            return inner(v, loc)

        return annotated
    if origin in (types.UnionType, typing.Union):
        return _union(args)
    if origin is Literal:
        return _literal(args)
    if origin is list:
        return _list(_check_for(args[0]))
    if origin is dict:
        return _dict(_check_for(args[0]), _check_for(args[1]))
    if isinstance(tp, type) and issubclass(tp, Record):
        return _record(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    plain = {int: _int, float: _float, str: _str, bool: _bool, dt.date: _date, type(None): _none}
    if tp in plain:
        return plain[tp]
    raise TypeError(f"no validator for {tp!r}")


def _none(v: Any, loc: Loc) -> None:
    if v is not None:
        raise _fail(loc, "none_required", "Input should be None")


def _str(v: Any, loc: Loc) -> str:
    if not isinstance(v, str):
        raise _fail(loc, "string_type", "Input should be a valid string")
    return v.value if isinstance(v, enum.Enum) else v


def _int(v: Any, loc: Loc) -> int:
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        try:
            number = float(v.strip()) if "." in v else int(v.strip())
        except ValueError:
            raise _fail(loc, "int_parsing", "Input should be a valid integer") from None
        if isinstance(number, int) or number.is_integer():
            return int(number)
    raise _fail(loc, "int_type", "Input should be a valid integer")


def _float(v: Any, loc: Loc) -> float:
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.strip())
        except ValueError:
            pass
    raise _fail(loc, "float_parsing", "Input should be a valid number")


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def _bool(v: Any, loc: Loc) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and v in (0, 1):
        return bool(v)
    if isinstance(v, str) and v.strip().lower() in _TRUE | _FALSE:
        return v.strip().lower() in _TRUE
    raise _fail(loc, "bool_parsing", "Input should be a valid boolean")


def _date(v: Any, loc: Loc) -> dt.date:
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.date()
    elif isinstance(v, dt.date):
        return v
    elif isinstance(v, str) and len(v) == 10:
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            pass
    raise _fail(loc, "date_parsing", "Input should be a valid date")


def _enum(kind: type[enum.Enum]) -> Check:
    def check(v: Any, loc: Loc) -> enum.Enum:
        try:
            return kind(v)
        except ValueError:
            raise _fail(loc, "enum", f"Input should be one of {[m.value for m in kind]}") from None

    return check


def _literal(allowed: tuple[Any, ...]) -> Check:
    def check(v: Any, loc: Loc) -> Any:
        if type(v) in (str, int, bool) and v in allowed:
            return v
        raise _fail(loc, "literal_error", f"Input should be one of {list(allowed)}")

    return check


def _list(item: Check) -> Check:
    def check(v: Any, loc: Loc) -> list[Any]:
        if not isinstance(v, (list, tuple, set, frozenset)):
            raise _fail(loc, "list_type", "Input should be a valid list")
        return [item(x, (*loc, i)) for i, x in enumerate(v)]

    return check


def _dict(key: Check, value: Check) -> Check:
    def check(v: Any, loc: Loc) -> dict[Any, Any]:
        if not isinstance(v, dict):
            raise _fail(loc, "dict_type", "Input should be a valid dictionary")
        return {key(k, (*loc, k)): value(x, (*loc, k)) for k, x in v.items()}

    return check


def _record(kind: type[Record]) -> Check:
    def check(v: Any, loc: Loc) -> Record:
        if isinstance(v, kind):
            return v
        if not isinstance(v, dict):
            raise _fail(loc, "model_type", f"Input should be a valid dictionary or {kind.__name__}")
        made = kind.__new__(kind)
        made.__dict__.update(kind._validated(v, loc))
        return made

    return check


def _union(members: tuple[Any, ...]) -> Check:
    """Pydantic's smart mode: a value of exactly a member's type stays as it is; otherwise the
    first member that accepts it, in declaration order (``"5"`` for ``int | None`` is 5)."""
    exact = {m for m in members if m in (int, float, str, bool, type(None))}
    checks = [_check_for(m) for m in members]

    def check(v: Any, loc: Loc) -> Any:
        if type(v) in exact:
            return v
        for c in checks:
            try:
                return c(v, loc)
            except ValidationError:
                continue
        raise _fail(loc, "union", "Input matches none of the allowed types")

    return check
