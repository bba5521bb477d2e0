"""Write the ranking samples in data/samples/rank: five counties' stations, January of two years.

    python scripts/make_rank_samples.py            # writes the files, then ranks them

Deterministic (a fixed seed): the same bytes on every run. **Synthetic data; the station
names are illustrative**, not the real stations of these counties.

* ``air/air-hourly-2024-01.csv`` and ``air/air-hourly-2025-01.csv``: station-hours
  ``时间,站点,PM2.5(μg/m³),…`` with end-of-hour labels (01:00 is the first hour of a day,
  00:00 of the next day its last), eight stations in five counties;
* ``regions.csv``: ``station,region``, the counties' stations.

Planted cases, each for one rule of ``ecotarget rank``:

* 海宁市's only station is down 2025-01-10 … 01-14 (no rows): 26 valid days of the 27
  January needs, so 海宁市 is listed unranked in January 2025;
* 嘉善县's station starts in 2025: no January 2024, so ``--by change`` lists it unranked;
* the other counties differ by a level factor, so their order is stable under every rule.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250131
OUT = Path("data/samples/rank")
HEADER = ("时间", "站点", "PM2.5(μg/m³)", "PM10(μg/m³)", "SO2(μg/m³)", "NO2(μg/m³)",
          "CO(mg/m³)", "O3(μg/m³)")
#: county → (its stations, level factor of the particulate and NO2 series)
COUNTIES = {
    "平湖市": (("平湖监测站", "当湖街道"), 1.00),
    "海盐县": (("海盐武原", "海盐秦山"), 0.92),
    "嘉善县": (("嘉善罗星",), 1.10),
    "桐乡市": (("桐乡振东", "桐乡城南"), 1.05),
    "海宁市": (("海宁硖石",), 0.97),
}
NEW_STATION = "嘉善罗星"  # no data before 2025
DOWN = ("海宁硖石", "2025-01-10", "2025-01-14")  # station, first and last day without rows
#: January centre of the daily PM2.5, per year: 2025 a little worse than 2024
PM25_CENTRE = {2024: 42.0, 2025: 47.0}


def station_hours(station: str, factor: float, year: int, rng: np.random.Generator
                  ) -> pd.DataFrame:
    """One station's January hours: a shared weather pattern times the county's level."""
    weather = np.random.default_rng(SEED + year)  # the same weather for every station
    days = 31
    daily = PM25_CENTRE[year] * np.exp(weather.normal(0, 0.35, days))
    hours = np.arange(1, days * 24 + 1)
    labels = pd.Timestamp(f"{year}-01-01") + pd.to_timedelta(hours, unit="h")
    day = (hours - 1) // 24
    hour = (hours - 1) % 24
    local = rng.normal(1.0, 0.08, len(hours)).clip(0.6, 1.5)
    pm25 = daily[day] * factor * local
    o3_curve = 35 + 45 * np.clip(np.sin((hour - 8) / 10 * np.pi), 0, None)
    frame = pd.DataFrame({
        "时间": labels.strftime("%Y-%m-%d %H:%M"), "站点": station,
        "pm25": np.round(pm25), "pm10": np.round(pm25 * 1.7 * local),
        "so2": np.round(rng.uniform(4, 9, len(hours))),
        "no2": np.round((30 + 12 * np.sin(hour / 24 * 2 * np.pi)) * factor * local),
        "co": np.round(0.6 + pm25 / 90, 1),
        "o3": np.round(o3_curve * rng.normal(1.0, 0.1, len(hours)).clip(0.7, 1.3)),
    })
    if station == DOWN[0] and year == 2025:
        first, last = pd.Timestamp(DOWN[1]), pd.Timestamp(DOWN[2])
        covered = labels - pd.Timedelta(hours=1)  # an end label covers the hour before it
        frame = frame[~((covered >= first) & (covered < last + pd.Timedelta(days=1)))]
    return frame


def year_file(year: int) -> pd.DataFrame:
    rng = np.random.default_rng(SEED * 10 + year)
    frames = [station_hours(station, factor, year, rng)
              for stations, factor in COUNTIES.values() for station in stations
              if not (station == NEW_STATION and year < 2025)]
    out = pd.concat(frames).sort_values(["时间", "站点"], kind="stable")
    out.columns = list(HEADER)
    return out


def write(root: Path) -> list[Path]:
    (root / OUT / "air").mkdir(parents=True, exist_ok=True)
    written = []
    for year in (2024, 2025):
        path = root / OUT / "air" / f"air-hourly-{year}-01.csv"
        year_file(year).to_csv(path, index=False, lineterminator="\n", float_format="%g")
        written.append(path)
    regions = root / OUT / "regions.csv"
    lines = ["station,region"] + [f"{s},{county}" for county, (stations, _) in COUNTIES.items()
                                  for s in stations]
    regions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written.append(regions)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    for path in write(args.root):
        print(f"wrote {path}")
    subprocess.run([sys.executable, "-m", "ecotarget", "rank", str(args.root / OUT / "air"),
                    "--regions", str(args.root / OUT / "regions.csv"), "--period", "2025-01",
                    "--by", "change"], check=False)


if __name__ == "__main__":
    main()
