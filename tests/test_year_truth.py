"""Every status tells the truth about the year, and says why.

Each case runs the bundled samples (or a small edit of them) and states the expected
status, margins, pace, ``data_through`` and reason, worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import string

import pandas as pd
import pytest
from click.testing import CliRunner

from ecotarget.catalogue import CATALOGUE, LANGS, Text
from ecotarget.cli import cli
from ecotarget.metrics.ledger import exact_sum, input_decimals
from ecotarget.pipeline import CheckOptions, check
from ecotarget.report import Report, Result
from ecotarget.targets import load_targets
from tests.conftest import SAMPLES, TARGETS

TODAY = dt.date(2026, 1, 31)
NOVEMBER_ROW = "2025-11,危险废物利用量,1500,平湖市,\n"


def by_id(report: Report) -> dict[str, Result]:
    return {r.id: r for r in report.results}


@pytest.fixture(scope="module")
def samples() -> Report:
    return check([str(SAMPLES)], load_targets(TARGETS), CheckOptions(today=TODAY))


@pytest.fixture(scope="module")
def november(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The samples with one row appended to the ledger: November's hazardous waste used."""
    folder = tmp_path_factory.mktemp("november")
    for path in SAMPLES.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    with (folder / "ledger-2025.csv").open("a", encoding="utf-8") as ledger:
        ledger.write(NOVEMBER_ROW)
    return check([str(folder)], load_targets(TARGETS), CheckOptions(today=TODAY))


def run(*args: str):
    return CliRunner().invoke(cli, ["check", str(SAMPLES), "--targets", str(TARGETS), *args],
                              catch_exceptions=False)


# --- 1. a count or reduction on pace is on track, not met ----------------------------------

@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_a_count_on_pace_is_on_track_with_both_margins(samples: Report) -> None:
    # 78 of 90 by 31 October: pace 90 × 304/365 = 74.958… → 74.96; the year's margin
    # 78 − 90 = −12, the pace margin 78 − 74.96 = 3.04
    projects = by_id(samples)["air_projects"]
    assert projects.status == "on_track"
    assert (projects.margin, projects.pace_target, projects.pace_margin) == (-12.0, 74.96, 3.04)
    assert projects.data_through == dt.date(2025, 10, 31)
    assert projects.reason.render("en") == "on pace: 74.96 expected by 2025-10-31"
    assert projects.reason.render("zh") == "进度正常：截至 2025-10-31 应达 74.96"


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_reductions_on_pace_are_on_track_and_behind_pace_at_risk(samples: Report) -> None:
    # pace 100 % × 304/365 = 83.29 → 83.3 %; COD 88.0 (+4.7), NOx 70.0 (−13.3)
    results = by_id(samples)
    cod, nox = results["reduction_cod"], results["reduction_nox"]
    assert (cod.status, cod.margin, cod.pace_target, cod.pace_margin) == (
        "on_track", -12.0, 83.3, 4.7)
    assert (nox.status, nox.pace_margin) == ("at_risk", -13.3)
    # a count at its target is met, and a met result carries no pace
    feedback = results["central_inspection_feedback"]
    assert (feedback.status, feedback.pace_target) == ("met", None)


def test_milestones_not_yet_due_are_on_track(samples: Report) -> None:
    # as of 31 October: due 31 December is 61 days away (on track), 30 November 30 days
    # (at risk), 30 September is past (not met); 2025-05 done is met with its month
    results = by_id(samples)
    assert results["two_mountains_base"].status == "on_track"
    assert results["biodiversity_survey"].status == "at_risk"
    assert results["noise_zoning_plan"].status == "not_met"
    assert results["devzone_plan_eia"].reason.render("en") == "done 2025-05"
    # public_satisfaction: 88.9 in 2025-09 > 87.4 in 2024-09, met (the samples' quarterly
    # scores), so no target of the samples is without data
    assert results["public_satisfaction"].status == "met"
    assert samples.summary == {"met": 18, "on_track": 9, "at_risk": 6, "not_met": 2,
                               "insufficient_data": 1, "no_data": 0}


# --- 2. a milestone done before the period is done -----------------------------------------

def test_a_milestone_done_before_the_period_is_met() -> None:
    report = check([str(SAMPLES / "ledger-2025.csv")], load_targets(TARGETS),
                   CheckOptions(period=(dt.date(2025, 7, 1), dt.date(2025, 7, 31)), today=TODAY))
    eia = by_id(report)["devzone_plan_eia"]  # due 2025-06-30, done 2025-05
    assert (eia.status, eia.how.render("en"), eia.reason.render("zh")) == ("met", "done 2025-05",
                                                                "已完成（2025-05）")


# --- 3. one appended row: each target judged on its own data --------------------------------

@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_a_numerator_without_its_denominator_is_insufficient(november: Report) -> None:
    waste = by_id(november)["hazardous_waste_disposal"]
    # judged over Jan–Oct, the months both sides reach: 20,344.5 / 20,570.8 = 98.9 %
    assert waste.status == "insufficient_data" and waste.actual == 98.9
    assert waste.detail["numerator"] == 20344.5 and waste.detail["unmatched_months"] == ["2025-11"]
    assert waste.data_through == dt.date(2025, 10, 31) and waste.margin is None
    assert "2025-11" in waste.reason.render("en") and "2025-11" in waste.reason.render("zh")


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_other_targets_keep_their_own_last_day(november: Report) -> None:
    results = by_id(november)
    assert november.as_of == dt.date(2025, 11, 30)
    air = results["air_good_day_rate"]
    assert (air.status, air.actual, air.data_through) == ("at_risk", 89.8, dt.date(2025, 10, 31))
    # trainings end in October: pace 20 × 304/365 = 16.66, not 20 × 334/365 = 18.30
    trainings = results["trainings"]
    assert (trainings.status, trainings.pace_target) == ("at_risk", 16.66)
    # the ledger as a whole reaches November: the milestone due 30 November is overdue
    assert results["biodiversity_survey"].status == "not_met"
    warned = [w.render("en") for w in november.warnings]
    assert warned[0].startswith("the inputs end on different dates: ledger 2025-11, "
                                "air 2025-10-31")
    assert warned[1] == ("months reported on one side of a ratio only: "
                         "Hazardous waste utilised or disposed 2025-11")


# --- 4. contradictory options, 5. an empty period -----------------------------------------

def test_as_of_outside_the_period_is_refused() -> None:
    result = run("--period", "2025-10", "--as-of", "2025-06-30", "--lang", "en")
    assert result.exit_code == 2
    assert "--as-of 2025-06-30 lies outside --period 2025-10-01..2025-10-31" in result.stderr


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_a_period_without_data_says_so_once() -> None:
    result = run("--period", "2025-11", "--lang", "en", "--format", "json")
    lines = [line for line in result.stderr.splitlines() if "no data for any target" in line]
    assert lines == ["ecotarget: warning: no data for any target in 2025-11-01..2025-11-30 "
                     "(the data end 2025-10-31)"]


# --- 6. --as-of past the data ---------------------------------------------------------------

@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_as_of_past_the_ledger_is_insufficient_not_missed() -> None:
    report = check([str(SAMPLES)], load_targets(TARGETS),
                   CheckOptions(as_of=dt.date(2025, 12, 31), today=TODAY))
    results = by_id(report)
    waste = results["hazardous_waste_disposal"]
    assert waste.status == "insufficient_data"
    assert waste.reason.render("en") == "no 危险废物利用量、危险废物处置量 data after 2025-10"
    assert results["trainings"].status == "insufficient_data"
    # the air target names its own shortfall, which says more than "no air data after …"
    assert results["air_good_day_rate"].reason.render("en").startswith(
        "2025-11 has 0 valid days of 27 required; 2025-12 has 0")
    assert results["devzone_plan_eia"].status == "met"  # done stays done
    assert not any(r.status == "not_met" for r in report.results)


# --- 7. no negative zero; sums keep their decimals ------------------------------------------

@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_json_has_no_negative_zero_and_schema_2() -> None:
    result = run("--format", "json")
    assert "-0.0" not in result.stdout
    document = json.loads(result.stdout)
    assert document["schema_version"] == 2
    first = document["results"][0]
    assert {"pace_target", "pace_margin", "data_through", "reason", "reason_en"} <= set(first)
    assert first["data_through"] == "2025-10-31" and first["reason"] != first["reason_en"]


def test_sums_are_rounded_to_the_decimals_of_their_figures() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in binary; the figures have one decimal
    assert exact_sum(pd.Series([0.1, 0.2])) == 0.3
    assert input_decimals(pd.Series([1500.0, 20344.5, 0.25]).to_numpy()) == 2


# --- the reason wherever a person reads -----------------------------------------------------

@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_the_table_shows_why_under_each_result_not_met() -> None:
    result = CliRunner(env={"COLUMNS": "150"}).invoke(
        cli, ["check", str(SAMPLES), "--targets", str(TARGETS)], catch_exceptions=False)
    out = result.stdout
    assert "≥ 90 个 (进度 75)" in out and "→ 进度正常" in out
    assert "原因：上年缺少 2024-01、2024-02、2024-03" in out
    wide = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["check", str(SAMPLES), "--targets", str(TARGETS), "--lang", "en"],
        catch_exceptions=False).stdout
    assert "why" in wide.splitlines()[2] and "why:" not in wide  # a column, not lines


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_markdown_and_csv_carry_the_reason() -> None:
    markdown = run("--format", "markdown").stdout
    assert "| 原因 |" in markdown and "上年缺少 2024-01、2024-02、2024-03" in markdown
    csv_text = run("--format", "csv").stdout
    header = csv_text.splitlines()[0].split(",")
    assert header[-5:] == ["reason", "reason_en", "as_of", "period_start", "period_end"]
    assert "data_through" in header


# --- the catalogue ----------------------------------------------------------------------------

def test_every_catalogue_key_has_both_languages() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGS), key
        # how.none is the one text that says nothing: a measurement with no `how`
        assert key == "how.none" or all(texts[lang].strip() for lang in LANGS), key
        # the same placeholders in both languages, but for the texts that show a name given
        # in each language (name / name_en, zh / en)
        fields = [sorted(name for _, name, _, _ in string.Formatter().parse(texts[lang]) if name)
                  for lang in LANGS]
        assert fields[0] == fields[1] or key in ("warn.unmatched_item", "name.both"), key


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(KeyError):
        Text("reason.no_such_thing")
