"""Write the air samples in data/samples: Pinghu's hourly station data and city-day rows.

    python scripts/make_air_samples.py            # writes the three files below
    python scripts/make_air_samples.py --check    # also prints the figures both routes give

Outputs (deterministic: a fixed seed, so the same bytes on every run):

* ``data/samples/air-hourly-2024.csv``: 2024-01-01 01:00 … 2025-01-01 00:00 (all of 2024,
  so that the 2025 outlook can project November–December from the year before);
* ``data/samples/air-hourly-2025.csv``: 2025-01-01 01:00 … 2025-11-01 00:00 (January–October);
* ``data/samples/daily/air-daily-2024-2025.csv``: the same months as city days, computed
  FROM the hourly files by ecotarget's own engine (read → validate → prepare_air), so
  ``ecotarget check data/samples/daily`` gives exactly the air figures of the hourly files.

The hourly files look like a county export: ``时间,站点,PM2.5(μg/m³),…`` with end-of-hour
labels (the CNEMC convention: 01:00 is the first hour of a day, 00:00 the last hour of the
day before), empty cells where a value is missing. Two stations; **their names are
illustrative**, not the real station list or codes of 平湖市.

The series are synthetic but shaped like Jiaxing's air: PM2.5 high in winter with a few
episodes above 75 µg/m³ (light-pollution days), low in summer; O3 peaking in the afternoon
and high May–September (some O3-driven non-good days); NO2 with rush-hour peaks; CO
0.4–1.2 mg/m³ to one decimal; SO2 3–10 µg/m³; rain days that wash PM and O3 out (the
excellent days). Gaps, so the validity rules show:

* random single cells and a few whole hours missing;
* 当湖街道 down for two days (2025-04-15 and 04-16: no rows at all; the city is 平湖监测站);
* PM2.5 only 15 hours at both stations on 2024-12-03, 2025-03-18 and 2025-07-22 (the day's
  PM2.5 is invalid under HJ 663 — fewer than 20 hours — and leaves the PM2.5 mean, while
  the day keeps an AQI from the other pollutants);
* both stations without data for all of 2025-09-03 (no AQI: the day leaves the good-day
  denominator, which counts valid days, not calendar days).

The seasonal constants were tuned (for this seed) so that both air targets of the 2025
plan are "at risk" as of 2025-10-31, which is the case the outlook exists for:

* good-day rate 89.8 % (272 good of 303 valid days; 2025-09-03 has no data) against
  ≥ 90: at most 5 more non-good days among the 61 left; November–December 2024 (60 of 61
  good) would lift the year to 91.2 %;
* PM2.5 mean 27 µg/m³ (26.70 over 301 days; two days lack 20 hours of PM2.5) against
  ≤ 26: the rest of the year must average at most 25.4 µg/m³; November–December 2024
  (36 µg/m³) would give 28.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

SEED = 20250508  # the plan's publication date
STATIONS = ("平湖监测站", "当湖街道")  # illustrative names, not the real station codes
HEADER = ("时间", "站点", "PM2.5(μg/m³)", "PM10(μg/m³)", "SO2(μg/m³)", "NO2(μg/m³)",
          "CO(mg/m³)", "O3(μg/m³)")
DAILY_HEADER = ("日期", "PM2.5(μg/m³)", "PM10(μg/m³)", "SO2(μg/m³)", "NO2(μg/m³)",
                "CO(mg/m³)", "臭氧1小时(μg/m³)", "臭氧8小时(μg/m³)")
POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")

# Monthly centres (January … December) of the city's daily PM2.5 and O3 max 8-h, roughly
# Jiaxing's seasonal shape: PM2.5 peaks in winter, O3 in late spring and early autumn.
PM25_MONTHLY = (46, 39, 32, 28, 25, 20, 18, 18, 19, 22, 32, 44)
O3_8H_MONTHLY = (74, 88, 109, 129, 151, 140, 129, 136, 144, 118, 92, 69)

#: Where the samples go, relative to the repository root.
HOURLY_2024 = Path("data/samples/air-hourly-2024.csv")
HOURLY_2025 = Path("data/samples/air-hourly-2025.csv")
DAILY = Path("data/samples/daily/air-daily-2024-2025.csv")

DOWN_STATION = ("当湖街道", "2025-04-15", "2025-04-16")  # station, first and last day down
PM25_SHORT_DAYS = ("2024-12-03", "2025-03-18", "2025-07-22")  # PM2.5 at 15 hours only
DARK_DAY = "2025-09-03"  # no data at either station


def _ar1(rng: np.random.Generator, n: int, phi: float, sigma: float) -> npt.NDArray[np.float64]:
    """A stationary AR(1) series: days are like their neighbours (weather persists)."""
    shocks = rng.normal(0.0, sigma * np.sqrt(1 - phi**2), n)
    out = np.empty(n)
    out[0] = rng.normal(0.0, sigma)
    for i in range(1, n):  # n is a few hundred days: a plain recursion is clearest
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _episodes(rng: np.random.Generator, days: pd.DatetimeIndex) -> npt.NDArray[np.float64]:
    """Multiplicative PM episodes (stagnant winter weather): 2-4 days ramping up and down."""
    factor = np.ones(len(days))
    winter = np.isin(days.month, (1, 2, 3, 11, 12))
    i = 0
    while i < len(days):
        if winter[i] and rng.random() < 0.07:
            length = int(rng.integers(2, 5))
            peak = rng.uniform(1.45, 2.1)
            shape = np.sin(np.linspace(0.4, np.pi - 0.4, length))
            end = min(len(days), i + length)
            factor[i:end] *= 1 + (peak - 1) * shape[: end - i]
            i += length + 3
        else:
            i += 1
    return factor


def city_days(rng: np.random.Generator, days: pd.DatetimeIndex) -> pd.DataFrame:
    """The regional daily drivers shared by both stations."""
    month = days.month.to_numpy() - 1
    pm = np.take(PM25_MONTHLY, month) * np.exp(_ar1(rng, len(days), 0.6, 0.33) - 0.05)
    pm *= _episodes(rng, days)
    o3 = np.take(O3_8H_MONTHLY, month) * np.exp(_ar1(rng, len(days), 0.5, 0.2) - 0.02)
    # Rain washes the air: on about a quarter of the days (fewer in the dry winter) both
    # PM and O3 drop, which gives the excellent (优) days a Jiaxing year has plenty of.
    rain_chance = np.where(np.isin(days.month, (12, 1, 2)), 0.15, 0.3)
    rain = rng.random(len(days)) < rain_chance
    pm *= np.where(rain, 0.5, 1.0)
    o3 *= np.where(rain, 0.55, 1.0)
    o3 = np.minimum(o3, 200.0)  # Jiaxing's worst O3 days peak near 250 µg/m³ in the hour
    no2 = (27 - 8 * np.sin(2 * np.pi * (days.day_of_year.to_numpy() - 80) / 366)) * np.exp(
        _ar1(rng, len(days), 0.5, 0.18))
    return pd.DataFrame({"date": days, "pm25": pm, "o3_8h": o3, "no2": no2})


def station_hours(rng: np.random.Generator, year_days: pd.DataFrame, station: str,
                  scale: dict[str, float]) -> pd.DataFrame:
    """Hourly values of one station: the day's drivers times diurnal shapes and noise."""
    n_days = len(year_days)
    hour = np.tile(np.arange(1, 25), n_days)  # hour 1 covers 00:00-01:00 (end label 01:00)
    clock = hour - 0.5  # the middle of the hour measured
    day = np.repeat(np.arange(n_days), 24)
    drivers = year_days.iloc[day].reset_index(drop=True)

    def noise(sigma: float) -> npt.NDArray[np.float64]:
        return np.exp(rng.normal(0.0, sigma, len(hour)))

    # PM: higher at night and in the morning inversion, lowest mid-afternoon.
    pm_shape = 1 + 0.18 * np.cos(2 * np.pi * (clock - 7) / 24)
    pm25 = drivers["pm25"].to_numpy() * scale["pm"] * pm_shape * noise(0.14)
    pm10 = pm25 * rng.uniform(1.45, 1.8, len(hour)) + rng.uniform(2, 10, len(hour))
    # O3: night background about a third of the afternoon peak, peak near 15:00. The max
    # 8-h mean of this shape is about 0.8 of the peak, so the peak is o3_8h / 0.8.
    peak = drivers["o3_8h"].to_numpy() * scale["o3"] / 0.8
    background = 0.35 * peak
    bell = np.exp(-(((clock - 14.5) / 3.6) ** 2))
    o3 = (background + (peak - background) * bell) * noise(0.08)
    # NO2: the two rush hours, titrated away in the photochemical afternoon.
    rush = 1 + 0.35 * np.exp(-(((clock - 8) / 1.6) ** 2)) + 0.45 * np.exp(
        -(((clock - 19.5) / 2.0) ** 2)) - 0.3 * bell
    no2 = drivers["no2"].to_numpy() * scale["no2"] * rush * noise(0.15)
    co = 0.32 + 0.011 * pm25 + rng.normal(0, 0.05, len(hour))
    so2 = rng.uniform(3, 10, len(hour)) * scale["so2"]

    frame = pd.DataFrame({
        "time": drivers["date"] + pd.to_timedelta(hour, unit="h"),
        "station": station,
        "pm25": np.round(pm25), "pm10": np.round(pm10), "so2": np.round(so2),
        "no2": np.round(no2), "co": np.round(np.clip(co, 0.3, 1.6), 1), "o3": np.round(o3),
    })
    frame["date"] = drivers["date"].to_numpy()
    return _gaps(rng, frame, station)


def _gaps(rng: np.random.Generator, frame: pd.DataFrame, station: str) -> pd.DataFrame:
    """Missing cells, missing hours, the two-day outage, short PM2.5 days and the dark day."""
    out = frame.copy()
    for name in POLLUTANTS:  # single cells: an analyser skipping an hour
        out.loc[rng.random(len(out)) < 0.004, name] = np.nan
    whole_hour = rng.random(len(out)) < 0.003  # transmission lost: the row is absent
    day = out["date"].dt.strftime("%Y-%m-%d")
    clock = out["time"].dt.hour
    short = day.isin(PM25_SHORT_DAYS) & ((clock >= 16) | (clock == 0))  # 9 of 24 hours
    out.loc[short, "pm25"] = np.nan
    absent = whole_hour | (day == DARK_DAY)
    name, first, last = DOWN_STATION
    if station == name:
        absent |= (day >= first) & (day <= last)
    kept: pd.DataFrame = out.loc[~absent.to_numpy()].drop(columns="date")
    return kept.reset_index(drop=True)


def generate() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hourly frames of 2024 and of January-October 2025 (``time station pm25 …``)."""
    rng = np.random.default_rng(SEED)
    days = pd.date_range("2024-01-01", "2025-10-31", freq="D")
    drivers = city_days(rng, days)
    scales = {
        "平湖监测站": {"pm": 1.0, "o3": 1.0, "no2": 1.0, "so2": 1.0},
        "当湖街道": {"pm": 1.06, "o3": 0.96, "no2": 1.12, "so2": 0.9},
    }
    frames = [station_hours(rng, drivers, s, scales[s]) for s in STATIONS]
    hourly = pd.concat(frames, ignore_index=True).sort_values(["time", "station"],
                                                              kind="stable")
    split = pd.Timestamp("2025-01-01 01:00")
    return (hourly[hourly["time"] < split].reset_index(drop=True),
            hourly[hourly["time"] >= split].reset_index(drop=True))


def _cells(values: pd.Series, decimals: int) -> pd.Series:
    text = values.map(lambda v: "" if pd.isna(v) else f"{v:.{decimals}f}")
    return text.astype(str)


def write_hourly(frame: pd.DataFrame, path: Path) -> None:
    """An export-like CSV: Chinese headers with units, end-of-hour labels, empty = missing."""
    out = pd.DataFrame({
        HEADER[0]: frame["time"].dt.strftime("%Y-%m-%d %H:%M"),
        HEADER[1]: frame["station"],
        **{h: _cells(frame[p], 1 if p == "co" else 0) for h, p in zip(HEADER[2:], POLLUTANTS,
                                                                       strict=True)},
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, lineterminator="\n")


def city_days_from_files(paths: list[Path]) -> pd.DataFrame:
    """City days exactly as ``ecotarget check`` builds them from these files."""
    from ecotarget.pipeline import CheckOptions, build_dataset, read_inputs
    from ecotarget.read import expand_paths
    from ecotarget.targets import load_targets

    spec = load_targets(ROOT / "config" / "targets.yaml").spec
    options = CheckOptions()
    tables = read_inputs(expand_paths([str(p) for p in paths]), spec, options)
    rejected = sum(t.rows_rejected for t in tables)
    if rejected:
        raise SystemExit(f"the generated hourly files have {rejected} rejected rows")
    data = build_dataset(tables, spec, options)
    if data.air_daily is None:
        raise SystemExit("the generated hourly files gave no city day")
    days: pd.DataFrame = data.air_daily
    return days


def write_daily(days: pd.DataFrame, path: Path) -> None:
    """City-day rows; a day with no valid value at all is left out (it has nothing to say)."""
    columns = ("pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max")
    keep = days[list(columns)].notna().any(axis=1)
    days = days[keep]
    out = pd.DataFrame({
        DAILY_HEADER[0]: days["date"].dt.strftime("%Y-%m-%d"),
        **{h: _cells(days[c], 1 if c == "co" else 0) for h, c in zip(DAILY_HEADER[1:], columns,
                                                                      strict=True)},
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, lineterminator="\n")


def figures(paths: list[str]) -> dict[str, object]:
    """The two air targets' results from ``ecotarget check`` on ``paths``."""
    from ecotarget.pipeline import check

    report = check(paths)
    out: dict[str, object] = {}
    for r in report.results:
        if r.metric.startswith("air."):
            out[r.id] = {"actual": r.actual, "status": r.status, "how": r.how,
                         "outlook": r.outlook, "reason": r.reason}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root to write into")
    parser.add_argument("--check", action="store_true",
                        help="print the air figures of the hourly and the daily route")
    args = parser.parse_args(argv)
    h2024, h2025 = generate()
    write_hourly(h2024, args.root / HOURLY_2024)
    write_hourly(h2025, args.root / HOURLY_2025)
    days = city_days_from_files([args.root / HOURLY_2024, args.root / HOURLY_2025])
    write_daily(days, args.root / DAILY)
    for path in (HOURLY_2024, HOURLY_2025, DAILY):
        size = (args.root / path).stat().st_size
        print(f"wrote {path} ({size / 1e6:.2f} MB)")
    if args.check:
        hourly = figures([str(args.root / HOURLY_2024), str(args.root / HOURLY_2025)])
        daily = figures([str(args.root / DAILY)])
        for name, result in hourly.items():
            print(f"{name}: hourly {result}")
            print(f"{name}: daily  {daily[name]}")
        if hourly != daily:
            print("the hourly and the daily route DISAGREE", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
