"""YAML loading that keeps line numbers and rejects duplicate keys, for clear data errors."""

from __future__ import annotations

import contextlib
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


# libyaml when present: ~10x faster, and its messages are the ones every command prints
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Base: Any = SAFE_LOADER


class _StrictLoader(_Base):  # type: ignore[misc]
    """SafeLoader that reports duplicate keys (YAML would silently keep the last one): each is
    recorded with its line in `duplicates`, and the first value is kept so that loading goes
    on and the file's other problems are found in the same run."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        kept = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: SafeConstructor names it
                first = None
            if first is not None:
                self.duplicates.append(
                    (
                        key_node.start_mark.line + 1,
                        f"duplicate key {key!r} (first on line {first}): keep one of them",
                    )
                )
                continue
            with contextlib.suppress(TypeError):
                seen[key] = key_node.start_mark.line + 1
            kept.append((key_node, value_node))
        node.value = kept
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


def read_data(path: Path) -> str:
    """A data file's text; a missing or unreadable file raises DataError at its line 1."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, 1, "missing: the guide needs this file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(path, 1, f"cannot be read as UTF-8 text ({error})") from None


def yaml_error(path: Path, text: str, error: yaml.YAMLError) -> DataError:
    """A YAML syntax error, a duplicate key or a character YAML refuses as a DataError at the
    line the parser marks."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return DataError(path, line, f"invalid YAML: {error.problem or error}")
    if isinstance(error, yaml.reader.ReaderError):  # marks a character position, not a line
        line = text.count("\n", 0, error.position) + 1
        character = f"#x{error.character:04x}" if isinstance(error.character, int) else "?"
        return DataError(path, line, f"invalid YAML: {error.reason} (character {character})")
    return DataError(path, 1, f"invalid YAML: {error}")


def parse_yaml(path: Path) -> tuple[LoadedYaml, list[DataError]]:
    """The file loaded (each duplicate key's first value kept) and its duplicate keys; a
    missing or unreadable file and a syntax error raise DataError with the line."""
    text = read_data(path)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise yaml_error(path, text, error) from None
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _lines(node, (), lines)
    duplicates = [
        DataError(path, line, f"invalid YAML: {message}") for line, message in loader.duplicates
    ]
    return LoadedYaml(path, data, lines, tuple(text.splitlines())), duplicates


def load_yaml(path: Path) -> LoadedYaml:
    """Load a YAML file; a missing or unreadable file, syntax errors and duplicate keys raise
    DataError with the line."""
    loaded, duplicates = parse_yaml(path)
    if duplicates:
        raise duplicates[0]
    return loaded


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
    """Load a data file into its pydantic model: (the YAML, the model or None, every problem).
    With a duplicate key the model is None, and the problems are every duplicate and every
    problem of the model (loaded with the first of each duplicate's values)."""
    try:
        loaded, problems = parse_yaml(path)
    except DataError as error:
        return None, None, [error]
    try:
        validated = model.model_validate(loaded.data)
    except ValidationError as error:
        problems += model_errors(loaded, error, describe=describe, members=members)
        return loaded, None, problems
    return loaded, (None if problems else validated), problems
