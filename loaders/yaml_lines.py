"""Safe YAML loading that remembers the line of every mapping and key, for file:line messages."""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem


class LineDict(dict):
    """A YAML mapping that knows where it and each of its keys stand in the file (1-based lines)."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]

    def line_of(self, key: str | None) -> int:
        return self.key_lines.get(key, self.line) if key is not None else self.line


# libyaml's parser (when PyYAML was built with it) with the safe constructors: five times faster than the pure-Python
# one, which matters at national scale (705 district files); same marks, so the same line numbers.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicate_keys = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            mapping.duplicate_keys.append((str(key), key_line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text with SafeLoader semantics (no arbitrary objects), keeping line numbers."""
    try:
        # an alias is written *name: only a text with a '*' needs the second, event-level pass
        alias = None if "*" not in text else next(
            (event for event in yaml.parse(text, Loader=_LineLoader) if isinstance(event, yaml.AliasEvent)), None)
        if alias is not None:
            # Aliases (*name) are never needed in data files; refused, they cannot build recursive or exponentially
            # large documents out of a small upload.
            return None, [Problem(shown_as, alias.start_mark.line + 1, "yaml", "aliases (*name) are not allowed",
                                  "yaml_alias")]
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from (C)SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(shown_as, line, "yaml", f"syntax error: {error.problem or error}")]
    except yaml.YAMLError as error:
        return None, [Problem(shown_as, 1, "yaml", f"syntax error: {error}")]
    problems = [
        Problem(shown_as, line, key, "key appears twice in the same mapping")
        for mapping in _mappings(document)
        for key, line in mapping.duplicate_keys
    ]
    return document, problems


def _mappings(node: Any):
    if isinstance(node, LineDict):
        yield node
        for value in node.values():
            yield from _mappings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _mappings(item)
