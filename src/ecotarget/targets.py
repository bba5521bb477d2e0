"""The targets file: strict pydantic models and a loader whose errors name file, line and field.

A targets file describes one plan: its year, region and issuing body, and one entry per
target with the plan's own words (``clause``), the metric that measures it, the comparison
(``op``) and the target value. Metric names are checked against the registry in
:mod:`ecotarget.metrics`, so a typo is refused with the list of known names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ecotarget.catalogue import Text
from ecotarget.errors import InvalidValue, TargetsFileError, os_reason
from ecotarget.registry import METRICS
from ecotarget.schemas import SectionInfo
from ecotarget.targets_problems import (
    ID_PATTERN,
    line_of,
    located,
    params_problem,
    quoted,
    settings_lang,
    where,
)

Op = Literal[">=", "<=", "==", "<", ">"]
OPS: tuple[str, ...] = (">=", "<=", "==", "<", ">")
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, "==": operator.eq, "<": operator.lt, ">": operator.gt,
}
Section = Literal["headline", "tasks", "milestones"]
#: No plan sets a figure beyond this; larger numbers (``.inf``, a 38-digit integer) are typos.
TARGET_LIMIT = 1e15
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")
#: The bundled targets file is 15 kB; a thousand targets would still be far below this.
TARGETS_FILE_LIMIT = 4 * 2**20
#: A targets file nests a few levels; far deeper nesting is not a targets file.
MAX_DEPTH = 50
PREVIOUS_YEAR = "previous_year"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Plan(_Strict):
    """The plan the targets come from."""

    year: int = Field(ge=2000, le=2100)
    region: str = Field(min_length=1)
    issuer: str = Field(min_length=1, description="issuing body, e.g. 嘉兴市生态环境局平湖分局")
    title: str | None = None
    # the English forms shown with --lang en (the Chinese ones stand in when absent)
    region_en: str | None = None
    title_en: str | None = None
    published: dt.date | None = None
    source: str | None = None


class AirSettings(_Strict):
    """Choices HJ 633 and HJ 663 leave open (docs/standards.md §1, §2), with their documented defaults."""

    standard: Literal["auto", "2012", "2026"] = "auto"
    o3_1h_in_daily_aqi: bool = True
    strict_valid_day: bool = False
    city_aggregation: Literal["hourly_first", "daily_first"] = "hourly_first"
    hour_label: Literal["end", "start"] = "end"


class WaterSettings(_Strict):
    """Choices the water assessment rules leave open (docs/standards.md §3, §5)."""

    below_detection_limit: Literal["half", "zero", "dl"] = "half"
    drinking_pass: Literal["every_round", "mean"] = "every_round"


class Settings(_Strict):
    #: the language of every output when --lang is not given
    lang: Literal["zh", "en"] = "zh"
    air: AirSettings = AirSettings()
    water: WaterSettings = WaterSettings()


class Target(_Strict):
    """One target of the plan."""

    id: str = Field(pattern=ID_PATTERN)
    section: Section
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    clause: str = Field(min_length=1, description="the plan's own words")
    metric: str
    params: dict[str, Any] = Field(default_factory=dict)
    op: Op
    target: float | str
    unit: str = ""
    # the unit's English name (件 → cases); None: the unit is the same in both languages
    unit_en: str | None = None
    due: dt.date | None = None
    stretch: bool = False
    note: str | None = None

    @field_validator("op", mode="before")
    @classmethod
    def _op_message(cls, value: object) -> object:
        if value not in OPS:
            raise InvalidValue(Text("spec.one_of", {"allowed": OPS, "value": quoted(value)}))
        return value

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in METRICS:
            closest = difflib.get_close_matches(value, list(METRICS), n=3, cutoff=0.6)
            raise InvalidValue(
                Text("spec.unknown_metric_closest", {"value": quoted(value), "closest": closest})
                if closest else
                Text("spec.unknown_metric", {"value": quoted(value), "known": sorted(METRICS)}))
        return value

    @field_validator("target", mode="before")
    @classmethod
    def _number_or_word(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidValue(Text("spec.target_word"))
        if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            value = float(value)  # YAML 1.1 reads 1e308 (no dot) as text: a number all the same
        if isinstance(value, int | float) and not (
                math.isfinite(value) and abs(value) <= TARGET_LIMIT):
            raise InvalidValue(Text("spec.target_size", {"limit": f"{TARGET_LIMIT:.0e}",
                                                         "value": quoted(value)}))
        return value

    @model_validator(mode="after")
    def _params_fit_metric(self) -> Target:
        try:
            METRICS[self.metric].params_model.model_validate(self.params)
        except ValidationError as exc:
            raise params_problem(exc) from exc
        if isinstance(self.target, str) and self.target != PREVIOUS_YEAR:
            scale = self.params.get("scale")
            if not scale or self.target not in scale:
                raise InvalidValue(Text("spec.not_on_scale", {"value": quoted(self.target)}))
        if self.metric == "ledger.milestone" and self.due is None:
            raise InvalidValue(Text("spec.milestone_due"))
        return self

    @property
    def is_previous_year(self) -> bool:
        return self.target == PREVIOUS_YEAR

    def params_as(self, model: type[BaseModel]) -> Any:
        return model.model_validate(self.params)

    @property
    def scale(self) -> list[str] | None:
        """The grades of a graded target, lowest first (``params.scale``), else None."""
        scale = self.params.get("scale")
        return list(scale) if scale else None

    @property
    def operator(self) -> Callable[[float, float], bool]:
        """The comparison of ``op`` as a function of (actual, goal), for numbers."""
        return OPERATORS[self.op]

    def passes(self, actual: float | str, goal: float | str | None = None) -> bool:
        """Whether ``actual`` satisfies ``op`` against ``goal`` (default: the target value).

        Grades compare by their rank on the target's scale; a grade off the scale, or a
        grade against a number, never passes.

        >>> share = Target(id="t", section="headline", name="n", name_en="n", clause="c",
        ...                metric="ledger.total", op=">=", target=80.0, params={"indicator": "x"})
        >>> share.passes(80.0), share.passes(79.9), share.passes(70.0, goal=65.0)
        (True, False, True)
        """
        goal = self.target if goal is None else goal
        scale = self.scale
        if scale and (isinstance(actual, str) or isinstance(goal, str)):
            rank = {grade: i for i, grade in enumerate(scale)}
            if actual not in rank or goal not in rank:
                return False
            return self.operator(rank[actual], rank[goal])
        if isinstance(actual, str) or isinstance(goal, str):
            return False
        return self.operator(actual, goal)

    def margin(self, actual: float | str | None, goal: float | str | None) -> float | None:
        """How far ``actual`` is on the good side of ``goal`` (negative: the bad side).

        For ``<=``/``<`` lower is better, so the sign turns; for ``==`` any distance is a
        shortfall. Grades give the number of steps on the scale; None when not comparable.

        >>> pm25 = Target(id="t", section="headline", name="n", name_en="n", clause="c",
        ...               metric="ledger.total", op="<=", target=30.0, params={"indicator": "x"})
        >>> pm25.margin(27.5, 30.0), pm25.margin(31.0, 30.0), pm25.margin(None, 30.0)
        (2.5, -1.0, None)
        """
        if not isinstance(actual, (int, float)) or not isinstance(goal, (int, float)):
            scale = self.scale
            if scale and actual in scale and goal in scale:
                steps = scale.index(actual) - scale.index(goal)
                return float(-steps if self.op in ("<=", "<") else steps)
            return None
        if math.isnan(actual):
            return None
        diff = float(actual) - float(goal)
        if self.op in ("<=", "<"):
            diff = -diff
        elif self.op == "==":
            diff = -abs(diff)
        return round(diff, 6)


class TargetsFile(_Strict):
    """The whole targets file."""

    plan: Plan
    settings: Settings = Settings()
    stations: list[str] = Field(default_factory=list)
    # region → its stations (or water sections), for `ecotarget rank`; optional
    regions: dict[str, list[str]] = Field(default_factory=dict)
    # water section name → level, waterbody, target class, where the data lack them
    sections: dict[str, SectionInfo] = Field(default_factory=dict)
    targets: list[Target] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> TargetsFile:
        seen: set[str] = set()
        for target in self.targets:
            if target.id in seen:
                raise InvalidValue(Text("spec.duplicate_id", {"id": quoted(target.id)}))
            seen.add(target.id)
        return self

    @field_validator("regions")
    @classmethod
    def _one_region_per_station(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        owner: dict[str, str] = {}
        for region, stations in value.items():
            for station in stations:
                if owner.get(station, region) != region:
                    raise InvalidValue(Text("spec.two_regions", {
                        "station": station, "first": owner[station], "second": region}))
                owner[station] = region
        return value

    def station_regions(self) -> dict[str, str]:
        """The ``regions:`` mapping turned round: station → region (empty without one)."""
        return {station: region for region, stations in self.regions.items()
                for station in stations}


@dataclass(frozen=True)
class LoadedTargets:
    """A validated targets file and where it came from."""

    path: str
    spec: TargetsFile


BUNDLED_NAME = "config/targets.yaml"


def default_targets_path(cwd: Path | None = None) -> Path:
    """Where the targets come from when ``--targets`` is not given.

    ``./config/targets.yaml`` when the command runs in a checkout, else the copy shipped
    inside the package (the same file, placed there when the wheel is built).
    """
    local = (cwd or Path.cwd()) / BUNDLED_NAME
    if local.is_file():
        return local
    bundled = resources.files("ecotarget").joinpath(BUNDLED_NAME)
    if bundled.is_file():
        return Path(str(bundled))
    # An editable install runs from the source tree, where the file sits beside src/.
    source_tree = Path(__file__).resolve().parents[2] / BUNDLED_NAME
    return source_tree


# libyaml's parser when PyYAML was built with it (ten times faster than the Python one)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_targets(path: str | Path | None = None) -> LoadedTargets:
    """Load and validate a targets file; every problem is reported with its YAML line.

    Raises :class:`TargetsFileError` listing ``file:line: field.path: message`` problems,
    each a catalogue Text, with the file's ``settings.lang`` when it could be read.
    """
    file = Path(path) if path is not None else default_targets_path()
    shown = str(path) if path is not None else _display_path(file)
    return _parsed(_read_text(file, shown), shown)


# The same text always gives the same frozen models, so a process that loads one file again
# (a library caller checking month after month, the test suite) parses it once: the YAML
# parse is most of the 10 ms a load takes. A file that fails raises anew each time.
@functools.lru_cache(maxsize=16)
def _parsed(text: str, shown: str) -> LoadedTargets:
    """:func:`load_targets` of a file's text, ``shown`` as its name in every message."""
    try:
        node = yaml.compose(text, Loader=_YAML_LOADER)
        problems = node_problems(node, shown)
        if problems:
            raise TargetsFileError(shown, problems, settings_lang(node))
        # the data from the same node tree: one parse, and the lines of each value kept
        data = _YAML_LOADER("").construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise _whole(shown, Text("spec.yaml_syntax", {"problem": problem}),
                     mark.line + 1 if mark is not None else None) from exc
    except RecursionError as exc:
        raise _whole(shown, Text("spec.too_deep", {"limit": MAX_DEPTH})) from exc
    if data is None:
        raise _whole(shown, Text("spec.empty"))
    if not isinstance(data, Mapping):
        raise _whole(shown, Text("spec.not_mapping"), 1)
    lang = settings_lang(node)
    duplicates = _duplicate_ids(data, node, shown)
    if duplicates:
        raise TargetsFileError(shown, duplicates, lang)
    try:
        spec = TargetsFile.model_validate(data)
    except ValidationError as exc:
        raise TargetsFileError(shown, located(exc, node, shown), lang) from exc
    return LoadedTargets(path=shown, spec=spec)


def _read_text(file: Path, shown: str) -> str:
    """The file's text: bounded, UTF-8, no binary data."""
    try:
        with file.open("rb") as stream:  # /dev/zero or a pipe: never read without end
            raw_bytes = stream.read(TARGETS_FILE_LIMIT + 1)
    except OSError as exc:
        raise _whole(shown, Text("spec.unreadable", {"reason": os_reason(exc)})) from exc
    if len(raw_bytes) > TARGETS_FILE_LIMIT:
        raise _whole(shown, Text("spec.too_large", {"limit": f"{TARGETS_FILE_LIMIT:,}"}))
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _whole(shown, Text("spec.not_utf8", {"offset": exc.start})) from exc
    if "\x00" in text:
        raise _whole(shown, Text("spec.binary"))
    return text


def _whole(shown: str, problem: Text, line: int | None = None) -> TargetsFileError:
    """The one problem of a file that could not be parsed (its language unknown: zh)."""
    return TargetsFileError(shown, [Text("spec.at", {"where": where(shown, line),
                                                     "problem": problem})])


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def node_problems(root: yaml.Node | None, shown: str) -> list[Text]:
    """What the YAML parser lets through silently or crashes on, each with its line: a key
    given twice in one mapping (the last would win), a date that does not exist
    (2025-02-29, 2025-13-01), nesting deeper than :data:`MAX_DEPTH`.

    >>> [p.render("en") for p in node_problems(yaml.compose("a: 1\\nb: {c: 2}\\na: 3\\n"), "t.yaml")]
    ["t.yaml:3: duplicate key 'a' (also on line 1): the last would silently win; keep one"]
    >>> [p.render("zh") for p in node_problems(yaml.compose("due: 2025-02-29\\n"), "t.yaml")]
    ["t.yaml:1：due：'2025-02-29' 不是日历上的日期（请写成年-月-日，如 2025-12-31）"]
    """
    problems: list[tuple[int, Text]] = []
    stack: list[tuple[yaml.Node, int, str]] = [(root, 0, "")] if root is not None else []
    while stack:  # no recursion: a hostile file may nest thousands of levels
        node, depth, key = stack.pop()
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            return [Text("spec.at", {"where": where(shown, line),
                                     "problem": Text("spec.too_deep", {"limit": MAX_DEPTH})})]
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value in node.value:
                name = str(key_node.value)
                key_line = key_node.start_mark.line + 1
                if name in first:
                    problems.append((key_line, Text("spec.at", {
                        "where": where(shown, key_line), "problem": Text(
                            "spec.duplicate_key", {"name": quoted(name), "first": first[name]})})))
                first.setdefault(name, key_line)
                stack.append((value, depth + 1, name))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1, key) for item in reversed(node.value))
        elif node.tag == _TIMESTAMP_TAG and not _is_date(str(node.value)):
            problems.append((line, Text("spec.located", {
                "where": where(shown, line), "path": key,
                "problem": Text("spec.not_calendar_date", {"value": quoted(str(node.value))})})))
    return [text for _, text in sorted(problems, key=lambda item: item[0])]


def _is_date(text: str) -> bool:
    try:
        _YAML_LOADER("").construct_yaml_timestamp(yaml.ScalarNode(_TIMESTAMP_TAG, text))
    except ValueError:
        return False
    return True


def _duplicate_ids(data: Any, root: yaml.Node | None, shown: str) -> list[Text]:
    """A target id given twice, at the line of the second, naming the first's line."""
    targets = data.get("targets") if isinstance(data, Mapping) else None
    if not isinstance(targets, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for index, target in enumerate(targets):
        if not isinstance(target, Mapping) or not isinstance(target.get("id"), str):
            continue
        line = line_of(root, ["targets", index, "id"]) or 0
        if target["id"] in first:
            problems.append(Text("spec.located", {
                "where": where(shown, line), "path": f"targets[{index}].id",
                "problem": Text("spec.duplicate_id_first", {
                    "id": quoted(target["id"]), "first": first[target["id"]]})}))
        first.setdefault(target["id"], line)
    return problems


def _display_path(file: Path) -> str:
    """``config/targets.yaml`` for the working directory's file, else ``bundled``: the copy
    shipped in the package, whose site-packages path means nothing to a reader."""
    if file == Path.cwd() / BUNDLED_NAME:
        return BUNDLED_NAME
    return "bundled"
