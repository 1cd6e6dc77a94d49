"""YAML loading that keeps line numbers and rejects duplicate keys, for clear data errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
Location = tuple[str | int, ...]
# `be: Powiat office  # untranslated`: a text copied for a partly translated language
# (`python -m guide new-lang`) that still waits for its translator.
UNTRANSLATED = re.compile(r"\s#\s*untranslated\s*$")


@dataclass(eq=False)  # not frozen: raising sets __traceback__ on the instance
class DataError(Exception):
    """One problem in a data or content file, with where it is and how to fix it."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


class _StrictLoader(_Base):  # type: ignore[misc]
    """SafeLoader that refuses duplicate keys (YAML would silently keep the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {seen[key]}): keep one of them",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date-shaped value that is no real day (2026-02-30) is a marked error, not a crash."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({error})", node.start_mark
            ) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def _lines(node: yaml.Node, here: Location, into: dict[Location, int]) -> None:
    into[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _lines(value_node, (*here, key_node.value), into)
            into[(*here, key_node.value)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*here, index), into)


@dataclass(frozen=True)
class LoadedYaml:
    path: Path
    data: Any
    lines: dict[Location, int]
    text: tuple[str, ...] = ()  # the file's lines

    def untranslated(self, location: Location) -> bool:
        """Whether the value at `location` carries the `# untranslated` comment on its line."""
        line = self.lines.get(location)
        return line is not None and bool(UNTRANSLATED.search(self.text[line - 1]))

    def line_of(self, location: Location) -> int:
        """The line of the deepest known part of `location` (1 when nothing matches)."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1


def load_yaml(path: Path) -> LoadedYaml:
    """Load a YAML file; syntax errors and duplicate keys raise DataError with the line."""
    text = path.read_text(encoding="utf-8")
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise DataError(path, line, f"invalid YAML: {error.problem or error}") from None
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _lines(node, (), lines)
    return LoadedYaml(path, data, lines, tuple(text.splitlines()))


def _dotted(loaded: LoadedYaml, location: Location) -> str:
    field = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in location)
    return field.replace(".[", "[") or "(top level)"


def model_errors(
    loaded: LoadedYaml,
    error: ValidationError,
    *,
    describe: Callable[[LoadedYaml, Location], str] = _dotted,
    members: tuple[str, ...] = (),
) -> list[DataError]:
    """The one mapping of a pydantic ValidationError to DataErrors (file:line, field, value).

    `members` names the models of a union in order; pydantic reports a union under every
    member, so only the first member's errors are kept and the member names are dropped."""
    found = []
    for problem in error.errors():
        if any(str(part) in members[1:] for part in problem["loc"]):
            continue
        location = tuple(
            part
            for part in problem["loc"]
            if part not in members and not str(part).startswith(("function-", "constrained-"))
        )
        message = str(problem["msg"]).removeprefix("Value error, ")
        value = problem.get("input")
        hidden = isinstance(value, dict | list) or repr(value) in message or str(value) in message
        shown = "" if hidden else f" (value: {value!r})"
        found.append(
            DataError(
                loaded.path,
                loaded.line_of(location),
                f"{describe(loaded, location)}: {message}{shown}",
            )
        )
    return found


def first(validated: tuple[T | None, list[DataError]]) -> T:
    """The model of a validate_* function, or its first problem raised (the build's loaders)."""
    model, problems = validated
    if problems or model is None:
        raise problems[0]
    return model


def load_model(
    path: Path,
    model: type[M],
    *,
    describe: Callable[[LoadedYaml, Location], str] = _dotted,
    members: tuple[str, ...] = (),
) -> tuple[LoadedYaml | None, M | None, list[DataError]]:
    """Load a data file into its pydantic model: (the YAML, the model or None, every problem)."""
    try:
        loaded = load_yaml(path)
    except DataError as error:
        return None, None, [error]
    try:
        return loaded, model.model_validate(loaded.data), []
    except ValidationError as error:
        return loaded, None, model_errors(loaded, error, describe=describe, members=members)
