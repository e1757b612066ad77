"""Typed files through one library (msgspec): a file is decoded into its model, a msgspec Struct, in one step;
the model is its schema, its reader and its writer. What msgspec finds wrong is read back here as a `Mistake`
(where in the file, and what), so each kind of file says it in its own words, on one line naming the file and
the field: the lesson file and the sections' parameters (lessons.params, lessons.config), the batch file, the
manifest and the store's entries (pipeline)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgspec

FINITE = msgspec.Meta(ge=-1.7976931348623157e308, le=1.7976931348623157e308)  # NaN and ±inf fail these bounds
_AT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\]|\[([^\]]*)\]")


@dataclass(frozen=True)
class Mistake:
    """Where a file's content is wrong and how: `path` leads to the field (keys and list indices from the file's
    top: ("sections", 0, "number")); `kind` is `unknown` (the object at `path` has a field its model does not,
    `name`), `missing` (the field at `path`, `name`, is required), `type` (the value at `path` is not a `name`:
    str, int, float, bool, array, object, null — or not within its bounds, `detail` says which), `range` (a
    number too large for a float) or `check` (a model's own check failed; `detail` is its message)."""

    path: tuple[str | int, ...]
    kind: str
    name: str = ""
    detail: str = ""

    @property
    def field(self) -> str:
        """The last named field on the path ('' at the top)."""
        return next((part for part in reversed(self.path) if isinstance(part, str)), "")

    def dotted(self) -> str:
        """The path as a reader writes it: `sections[0].number`."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


def mistake(error: msgspec.ValidationError) -> Mistake:
    """What msgspec's message says, as a Mistake."""
    message, at = str(error), "$"
    if " - at `" in message:
        message, _, at = message.rpartition(" - at `")
        at = at.removesuffix("`")
    path = _path(at)
    if found := re.fullmatch(r"Object contains unknown field `(.*)`", message, re.S):
        return Mistake(path, "unknown", found.group(1), message)
    if found := re.fullmatch(r"Object missing required field `(.*)`", message, re.S):
        return Mistake((*path, found.group(1)), "missing", found.group(1), message)
    if found := re.match(r"Expected `(\w+)", message):
        return Mistake(path, "type", found.group(1), message)
    if message.startswith("Invalid enum value"):
        return Mistake(path, "type", "enum", message)
    if message == "Number out of range":
        return Mistake(path, "range", "float", message)
    return Mistake(path, "check", "", message)


def _path(at: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for name, index, quoted, other in _AT.findall(at.removeprefix("$")):
        if other == "...":
            continue  # a value of a mapping: msgspec does not say which key; the mapping is the field
        if index:
            parts.append(int(index))
        else:
            parts.append(name or (quoted[1:-1] if quoted else other))
    return tuple(parts)


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value the file holds at `path` (None where there is none)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def type_at(model: type, path: tuple[str | int, ...]) -> msgspec.inspect.Type | None:
    """The model's type of the field at `path` (a list's items for an index; an optional field's non-null
    type), None when the model has no such field."""
    kind: msgspec.inspect.Type = msgspec.inspect.type_info(model)
    for part in path:
        kind = _present(kind)
        if isinstance(part, int) and isinstance(kind, (msgspec.inspect.VarTupleType, msgspec.inspect.ListType)):
            kind = kind.item_type
        elif isinstance(part, int) and isinstance(kind, msgspec.inspect.TupleType) and part < len(kind.item_types):
            kind = kind.item_types[part]
        elif isinstance(kind, (msgspec.inspect.StructType, msgspec.inspect.DataclassType)):
            fields = {f.encode_name: f.type for f in kind.fields}
            if part not in fields:
                return None
            kind = fields[part]
        elif isinstance(kind, msgspec.inspect.DictType):
            kind = kind.value_type
        else:
            return None
    return _present(kind)


def _present(kind: msgspec.inspect.Type) -> msgspec.inspect.Type:
    if isinstance(kind, msgspec.inspect.UnionType):
        others = [t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)]
        if len(others) == 1:
            return others[0]
    return kind
