"""The targets file's validation errors as catalogue Texts, each located by file, line and the
field's YAML path (``t.yaml:10: targets[0].op: must be one of …``).

pydantic's messages are English; the types a user meets in a targets file (a missing or
unknown field, a value off a list, a number or date that is not one, a bound) are said by
the catalogue's ``spec.`` keys in the run's language, with the value written. The targets
file's own validators raise :class:`ecotarget.errors.InvalidValue`, which carries its Text.
Any other type keeps pydantic's English words, marked as such in Chinese (``spec.other``):
a rare error read in English is better than none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import ValidationError

from ecotarget.catalogue import Text
from ecotarget.errors import InvalidValue

#: a target's id: lower-case letters, digits and _, starting with a letter
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
#: the longest value quoted whole in a message; a longer one is shown cut
VALUE_SHOWN = 60

#: pydantic's error type → the catalogue key that says it, with the value written
_WITH_VALUE: dict[str, str] = {
    "float_parsing": "spec.not_number", "float_type": "spec.not_number",
    "int_parsing": "spec.not_whole", "int_type": "spec.not_whole",
    "int_from_float": "spec.not_whole", "finite_number": "spec.not_finite",
    "date_parsing": "spec.not_date", "date_from_datetime_parsing": "spec.not_date",
    "date_from_datetime_inexact": "spec.not_date", "date_type": "spec.not_date",
    "string_type": "spec.not_text", "bool_parsing": "spec.not_bool", "bool_type": "spec.not_bool",
}
#: types said without the value: what to write is the whole message
_WITHOUT_VALUE: dict[str, str] = {
    "missing": "spec.missing", "list_type": "spec.not_list", "dict_type": "spec.not_mapping_field",
    "model_type": "spec.not_mapping_field", "string_too_short": "spec.empty_text",
}
#: a bound's type → (its key, the context entry holding the bound)
_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than": ("spec.gt", "gt"), "greater_than_equal": ("spec.ge", "ge"),
    "less_than": ("spec.lt", "lt"), "less_than_equal": ("spec.le", "le"),
}
# pydantic adds union branch names such as "float" or "str" to the location
_INTERNAL_LOC = {"float", "str", "int", "function-after"}


def quoted(value: object) -> Text | str:
    """A value as written, quoted like Python shows it; a long one cut.

    >>> quoted("=>"), quoted(2.5)
    ("'=>'", '2.5')
    >>> quoted("x" * 100).render("en")
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (102 characters)"
    """
    text = repr(value)
    if len(text) <= VALUE_SHOWN:
        return text
    return Text("value.cut", {"start": text[:VALUE_SHOWN], "length": len(text)})


def allowed_values(expected: str) -> tuple[str, ...] | str:
    """The values of pydantic's ``literal_error`` context, one each, to list in a language.

    >>> allowed_values("'headline', 'tasks' or 'milestones'")
    ('headline', 'tasks', 'milestones')
    """
    values = tuple(re.findall(r"'([^']*)'", expected))
    return values or expected


def problem_text(error: Mapping[str, Any], *, in_params: bool = False) -> Text:
    """One pydantic error record as a catalogue Text (its location not included).

    ``in_params``: the record is of a metric's ``params`` model, whose unknown fields the
    README does not list one by one.

    >>> problem_text({"type": "literal_error", "input": "fr", "msg": "",
    ...               "ctx": {"expected": "'zh' or 'en'"}}).render("zh")
    "须为 zh、en 之一（写的是 'fr'）"
    >>> problem_text({"type": "greater_than_equal", "input": 1999, "msg": "",
    ...               "ctx": {"ge": 2000}}).render("en")
    'must be ≥ 2000 (got 1999)'
    >>> problem_text({"type": "url_parsing", "input": "x", "msg": "Input should be a URL"}
    ...              ).render("zh")
    '校验未通过（英文原文）：Input should be a URL'
    """
    kind, ctx = error["type"], error.get("ctx") or {}
    raised = ctx.get("error")
    if kind == "value_error" and isinstance(raised, InvalidValue):
        return raised.text
    value = quoted(error.get("input"))
    if kind == "extra_forbidden":
        return Text("spec.unknown_param" if in_params else "spec.unknown_field")
    if kind == "literal_error":
        return Text("spec.one_of", {"allowed": allowed_values(str(ctx.get("expected", ""))),
                                    "value": value})
    if kind in _WITH_VALUE:
        return Text(_WITH_VALUE[kind], {"value": value})
    if kind in _WITHOUT_VALUE:
        return Text(_WITHOUT_VALUE[kind])
    if kind in _BOUNDS:
        key, bound = _BOUNDS[kind]
        return Text(key, {"limit": ctx.get(bound), "value": value})
    if kind == "too_short":
        return Text("spec.too_few", {"min": ctx.get("min_length"),
                                     "count": ctx.get("actual_length")})
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return Text("spec.id_pattern", {"value": value})
    # any other type: pydantic's English text, marked as such in Chinese
    return Text("spec.other", {"text": str(error["msg"]).removeprefix("Value error, ")})


def params_problem(exc: ValidationError) -> InvalidValue:
    """A metric's ``params`` that do not validate: every field's problem, to raise from the
    target's validator at its ``params`` field."""
    parts = tuple(
        Text("spec.field", {"field": ".".join(str(p) for p in error["loc"]) or "params",
                            "problem": problem_text(error, in_params=True)})
        for error in exc.errors())
    return InvalidValue(Text("list.clauses", {"items": parts}), at="params")


def where(shown: str, line: int | None) -> str:
    """``file:line``, or the file alone when the line is unknown."""
    return f"{shown}:{line}" if line else shown


def located(exc: ValidationError, root: yaml.Node | None, shown: str) -> list[Text]:
    """Every problem of a targets file that did not validate, at its line and field."""
    problems = []
    for error in exc.errors():
        loc = [part for part in error["loc"]
               if not (isinstance(part, str) and part in _INTERNAL_LOC)]
        raised = (error.get("ctx") or {}).get("error")
        if isinstance(raised, InvalidValue) and raised.at:  # point at the field itself
            loc = [*loc, raised.at]
        problem = problem_text(error)
        path = path_text(loc)
        at = where(shown, line_of(root, loc))
        problems.append(Text("spec.located", {"where": at, "path": path, "problem": problem})
                        if path else Text("spec.at", {"where": at, "problem": problem}))
    return problems


def path_text(loc: list[Any]) -> str:
    """A field's YAML path as a reader writes it.

    >>> path_text(["targets", 3, "params", "scale"])
    'targets[3].params.scale'
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_of(root: yaml.Node | None, loc: list[Any]) -> int | None:
    """The line of the deepest key of ``loc`` that the file has (where a reader looks)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                break
            # point at the key's line, which is where a reader looks for the field
            key_node = next(k for k, v in node.value if v is match)
            node, line = match, key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def settings_lang(root: yaml.Node | None) -> str | None:
    """``settings.lang`` of a parsed targets file (``zh`` or ``en``), read from the nodes so
    that it is known even when the file does not validate; None when absent or another value.

    >>> settings_lang(yaml.compose("settings: {lang: en}\\ntargets: 3\\n"))
    'en'
    >>> settings_lang(yaml.compose("settings: {lang: fr}\\n")) is None
    True
    """
    settings = _child(root, "settings")
    lang = _child(settings, "lang")
    if isinstance(lang, yaml.ScalarNode) and lang.value in ("zh", "en"):
        return str(lang.value)
    return None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
