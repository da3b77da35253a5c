"""Safe YAML loading that remembers the line of every mapping and key, for file:line messages.

Beyond the safe loader, everything a data file never needs is refused at its own line with a code the interface
translates: aliases, type tags (``!!binary``, ``!!set``, ``!!omap``, ``!custom``), merge keys (``<<:``), complex keys
(``? [a, b]``), dates that do not exist (``2023-02-30``), numbers that are not plain decimals (YAML 1.1 reads
``32:53`` as 1973, ``0x7B5`` and ``0o3665`` too, ``1_973`` as 1973 and ``012`` as 10), numbers with more digits than any
figure has, texts longer than any quote, control characters written as escapes, and deep nesting.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .limits import MAX_NESTING, MAX_NUMBER_DIGITS, MAX_TEXT_CHARS
from .problems import Problem, shown_value
from .text_files import control_character, control_character_problem


# A plain decimal number as written: 1973, -5, 99.86, 0.5, 1.5e+3 (and YAML's .inf/.nan, which the models refuse
# as not a number). Everything else YAML 1.1 turns into a number is refused as not plain.
_PLAIN_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*|[0-9]*\.[0-9]*)(?:[eE][-+]?[0-9]+)?$")
_NOT_A_NUMBER_WORDS = re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$")
_MERGE_TAG = "tag:yaml.org,2002:merge"
# '*' or '!' at the start of a token: after a line start, a space, '[', '{' or ','
_ALIAS_OR_TAG_TOKEN = re.compile(r"(?<![^\s\[{,])[*!]")


class LineDict(dict):
    """A YAML mapping that knows where it and each of its keys stand in the file (1-based lines)."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]

    def line_of(self, key: str | None) -> int:
        return self.key_lines.get(key, self.line) if key is not None else self.line


class _Refused(yaml.MarkedYAMLError):
    """Something the data format does not allow, at the mark of the node that holds it."""

    def __init__(self, node: yaml.Node, message: str, code: str, **params: Any):
        super().__init__(problem=message, problem_mark=node.start_mark)
        self.code = code
        self.params = {name: str(value) for name, value in params.items()}


# libyaml's parser (when PyYAML was built with it) with the safe constructors: five times faster than the pure-Python
# one, which matters at national scale (705 district files); same marks, so the same line numbers.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    _depth = 0

    def construct_object(self, node, deep=False):
        # construction recurses once per level of nesting: counted here, so a deep document is a located problem and
        # never a RecursionError (libyaml alone lets 1,000 levels through)
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise _Refused(node, f"nested more than {MAX_NESTING} levels deep", "yaml_too_deep", limit=MAX_NESTING)
            return super().construct_object(node, deep=deep)
        finally:
            self._depth -= 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            # a merge key silently adds fields written elsewhere; no data file needs it
            raise _Refused(key_node, "merge keys (<<:) are not allowed; write each field out", "yaml_merge_key")
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicate_keys = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(key_node, "a key must be a plain name, not a list or a mapping", "yaml_complex_key")
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in mapping:
            mapping.duplicate_keys.append((str(key), key_line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_line
    return mapping


def _construct_number(base_constructor):
    def construct(loader: _LineLoader, node: yaml.ScalarNode):
        written = node.value.strip()
        if not (_PLAIN_DECIMAL.fullmatch(written) or _NOT_A_NUMBER_WORDS.fullmatch(written)):
            raise _Refused(node, f"'{shown_value(written, 20)}' is not a plain decimal number (25250, 99.86)",
                           "not_plain_number", value=shown_value(written, 20))
        digits = sum(character.isdigit() for character in node.value)
        if digits > MAX_NUMBER_DIGITS:
            raise _Refused(node, f"a number with {digits} digits; at most {MAX_NUMBER_DIGITS}", "too_many_digits",
                           value=shown_value(node.value, 20), limit=MAX_NUMBER_DIGITS)
        return base_constructor(loader, node)
    return construct


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2023-02-30 matches the date pattern but is no day of the calendar
        raise _Refused(node, f"'{node.value}' is not a date of the calendar", "bad_date", value=node.value) from None


def _construct_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    text = yaml.constructor.SafeConstructor.construct_yaml_str(loader, node)
    if len(text) > MAX_TEXT_CHARS:
        raise _Refused(node, f"a text of {len(text)} characters; at most {MAX_TEXT_CHARS}", "text_too_long",
                       value=len(text), limit=MAX_TEXT_CHARS)
    found = control_character(text)  # written as an escape ("\0", "\x01"): the raw text was clean
    if found is not None:
        raise _Refused(node, f"holds the control character U+{ord(found.group()):04X}", "control_character",
                       value=f"U+{ord(found.group()):04X}")
    return text


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_number(yaml.constructor.SafeConstructor.construct_yaml_int))
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_number(yaml.constructor.SafeConstructor.construct_yaml_float))
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)


def parse_yaml(text: str, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text with SafeLoader semantics (no arbitrary objects), keeping line numbers."""
    found = control_character(text)
    if found is not None:  # libyaml would report it at line 1, whatever its line
        return None, [control_character_problem(shown_as, text.count("\n", 0, found.start()) + 1, "yaml", found)]
    try:
        # an alias is written *name and a tag !name, each starting a token: only a text with such a token needs the
        # second, event-level pass (a quote's "1.973 hồ sơ!" does not)
        alias = tag = None
        if _ALIAS_OR_TAG_TOKEN.search(text):
            for event in yaml.parse(text, Loader=_LineLoader):
                if isinstance(event, yaml.AliasEvent):
                    alias = event
                    break
                if tag is None and getattr(event, "tag", None) is not None:
                    tag = event
        if alias is not None:
            # Aliases (*name) are never needed in data files; refused, they cannot build recursive or exponentially
            # large documents out of a small upload.
            return None, [Problem(shown_as, alias.start_mark.line + 1, "yaml", "aliases (*name) are not allowed",
                                  "yaml_alias")]
        if tag is not None:
            # A type tag (!!binary, !!set, !!omap, !!str, !custom) makes a value other than the plain text, number
            # or list the format has: a quote hidden as base64, a set where a list is expected.
            written = tag.tag.replace("tag:yaml.org,2002:", "!!")
            return None, [Problem(shown_as, tag.start_mark.line + 1, "yaml",
                                  f"YAML type tags ({shown_value(written, 40)}) are not allowed; write the plain value",
                                  "yaml_tag", {"value": shown_value(written, 40)})]
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from (C)SafeLoader
    except _Refused as refusal:
        return None, [Problem(shown_as, refusal.problem_mark.line + 1, "yaml", refusal.problem, refusal.code,
                              refusal.params)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        too_deep = "maximum nesting depth" in str(error.problem)  # libyaml's own cap, at 1,000 levels
        return None, [Problem(shown_as, line, "yaml", f"syntax error: {error.problem or error}",
                              "yaml_too_deep" if too_deep else "yaml_syntax", {"limit": MAX_NESTING} if too_deep else {})]
    except yaml.YAMLError as error:
        return None, [Problem(shown_as, 1, "yaml", f"syntax error: {error}", "yaml_syntax")]
    problems = [
        Problem(shown_as, line, key, "key appears twice in the same mapping", "duplicate_key")
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
