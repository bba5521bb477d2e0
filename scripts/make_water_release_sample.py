"""Write the sample of the national automatic water-station release: data/samples/water-release.

    python scripts/make_water_release_sample.py        # writes the files, then checks them

Deterministic (a fixed seed): the same bytes on every run. Three daily exports (2025-07-01
… 07-03) of four sections, one sample every 4 hours, in the release's layout; **the values
are made up** and the section names are the county sample's. Each file shows one way the
release writes its header and its time:

* ``水质自动监测_20250701.csv``: 省份 and 流域 columns, full-width brackets (``pH（无量纲）``),
  溶解氧, 监测时间 as ``2025-07-01 04:00``;
* ``水质自动监测_20250702.csv``: no 省份/流域, half-width brackets, 溶氧量, 监测时间 as
  ``07-02 04:00`` (the year from the file's name);
* ``水质自动监测_20250703.csv``: full-width brackets, 溶氧量, 监测时间 as Excel serial numbers
  (``45841.1666666667``).

The published class (水质类别) is ecotarget's own class of the sample (pH, DO, CODMn, NH3-N,
TP; lake TP limits for 东湖湖心, a lake by the sample's targets file), written as Ⅰ–Ⅴ/劣Ⅴ or
in ASCII, then :data:`PLANTED` changes it on two samples: ``ecotarget water
data/samples/water-release --targets data/samples/water-release/targets.yaml
--compare-published`` must list exactly those. Besides: maintenance rows (站点情况 维护,
停运, values ``*`` or ``--``), samples with a ``*`` class, a value with a data flag (``0.61D``),
and one sample at 劣Ⅴ.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from ecotarget.standards.water import CLASS_NAMES, sample_classes  # noqa: E402

OUT = ROOT / "data" / "samples" / "water-release"
SECTIONS = (  # name, basin, lake
    ("上海塘金丝娘桥", "太湖流域", False),
    ("广陈塘山塘桥", "太湖流域", False),
    ("东湖湖心", "太湖流域", True),
    ("平湖塘东湖桥", "太湖流域", False),
)
DAYS = (dt.date(2025, 7, 1), dt.date(2025, 7, 2), dt.date(2025, 7, 3))
HOURS = (0, 4, 8, 12, 16, 20)
#: (section, day, hour) → how many classes the published class is off ecotarget's
PLANTED = {("广陈塘山塘桥", dt.date(2025, 7, 1), 8): -1,
           ("平湖塘东湖桥", dt.date(2025, 7, 3), 16): +1}
#: (section, day, hour) → 站点情况 other than 正常 (values not published)
NOT_NORMAL = {("上海塘金丝娘桥", dt.date(2025, 7, 2), 8): "维护",
              ("上海塘金丝娘桥", dt.date(2025, 7, 2), 12): "维护",
              ("东湖湖心", dt.date(2025, 7, 3), 0): "停运"}
#: samples published without a class
NO_CLASS = {("广陈塘山塘桥", dt.date(2025, 7, 2), 20), ("东湖湖心", dt.date(2025, 7, 1), 4)}
#: a value with a data flag: DO of this sample is written 0.61D and is missing
FLAGGED = ("平湖塘东湖桥", dt.date(2025, 7, 2), 4)
#: a sample at worse than V by NH3-N
WORST = ("平湖塘东湖桥", dt.date(2025, 7, 1), 20)
ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ", "劣V": "劣Ⅴ"}
ITEMS = ("temp", "ph", "do", "cond", "turb", "codmn", "nh3n", "tp", "tn", "chla", "algae")


def _headers(full_width: bool, do_name: str, province: bool) -> list[str]:
    left, right = ("（", "）") if full_width else ("(", ")")
    names = [f"水温{left}℃{right}", f"pH{left}无量纲{right}", f"{do_name}{left}mg/L{right}",
             f"电导率{left}μS/cm{right}", f"浊度{left}NTU{right}",
             f"高锰酸盐指数{left}mg/L{right}", f"氨氮{left}mg/L{right}",
             f"总磷{left}mg/L{right}", f"总氮{left}mg/L{right}", f"叶绿素α{left}mg/L{right}",
             f"藻密度{left}cells/L{right}"]
    head = ["省份", "流域"] if province else []
    return [*head, "断面名称", "监测时间", "水质类别", *names, "站点情况"]


def _values(rng: np.random.Generator, lake: bool) -> dict[str, float]:
    """One sample's made-up values, class II–III mostly."""
    return {
        "temp": round(float(rng.uniform(27, 31)), 1), "ph": round(float(rng.uniform(7.0, 8.2)), 2),
        "do": round(float(rng.uniform(5.2, 7.8)), 2), "cond": float(rng.integers(380, 620)),
        "turb": round(float(rng.uniform(8, 40)), 1),
        "codmn": round(float(rng.uniform(2.5, 5.6)), 1),
        "nh3n": round(float(rng.uniform(0.05, 0.9)), 3),
        "tp": round(float(rng.uniform(0.02, 0.06) if lake else rng.uniform(0.05, 0.19)), 3),
        "tn": round(float(rng.uniform(1.2, 2.8)), 2), "chla": round(float(rng.uniform(0.002, 0.03)), 4),
        "algae": float(rng.integers(200_000, 4_000_000)),
    }


def _time_text(day: dt.date, hour: int, form: str) -> str:
    moment = dt.datetime(day.year, day.month, day.day, hour)
    if form == "month_day":
        return f"{moment:%m-%d %H:%M}"
    if form == "serial":
        serial = (moment - dt.datetime(1899, 12, 30)) / dt.timedelta(days=1)
        return f"{serial:.10f}".rstrip("0").rstrip(".")
    return f"{moment:%Y-%m-%d %H:%M}"


def _number(value: float) -> str:
    return f"{value:.10g}"


def _rows(day: dt.date, rng: np.random.Generator, form: str, province: bool) -> list[list[str]]:
    rows = []
    for name, basin, lake in SECTIONS:
        for hour in HOURS:
            key = (name, day, hour)
            values = _values(rng, lake)
            if key == WORST:
                values["nh3n"] = 2.35
            cells = {item: _number(values[item]) for item in ITEMS}
            status = NOT_NORMAL.get(key, "正常")
            if key == FLAGGED:
                cells["do"] = "0.61D"
                values["do"] = float("nan")
            classes, _ = sample_classes({k: [values[k]] for k in ("ph", "do", "codmn", "nh3n",
                                                                  "tp")}, lake=lake)
            code = CLASS_NAMES[int(classes[0]) - 1 + PLANTED.get(key, 0)]
            # the release writes Roman numerals; some exports ASCII (every third sample here)
            published = ROMAN[code] if hour % 12 else code
            if key in NO_CLASS:
                published = "*"
            if status != "正常":
                published = "*"
                cells = {item: ("*" if status == "维护" else "--") for item in ITEMS}
            head = ["浙江省", basin] if province else []
            rows.append([*head, name, _time_text(day, hour, form), published,
                         *(cells[item] for item in ITEMS), status])
    return rows


def build() -> dict[str, str]:
    """File name → its text."""
    rng = np.random.default_rng(20250701)
    forms = (("datetime", True, "溶解氧", True), ("month_day", False, "溶氧量", False),
             ("serial", True, "溶氧量", False))
    files = {}
    for day, (form, full_width, do_name, province) in zip(DAYS, forms, strict=True):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_headers(full_width, do_name, province))
        writer.writerows(_rows(day, rng, form, province))
        files[f"水质自动监测_{day:%Y%m%d}.csv"] = out.getvalue()
    return files


def main() -> int:
    """Write the files (``--check``: only say whether they are up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    stale = []
    for name, text in build().items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
