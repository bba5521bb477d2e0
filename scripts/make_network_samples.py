"""Write the national-network samples in data/samples/network: long (daily) and wide (hourly).

    python scripts/make_network_samples.py            # writes the files, then checks them

Deterministic (a fixed seed): the same bytes on every run. The files imitate the network's
hourly release as it is mirrored (docs/standards.md §1.6) for eight stations over three days;
**the station codes and names are illustrative**, not the network's real list (2001A and
2002A stand for Pinghu's two assessment stations).

* ``long/china_sites_20250101.csv … 20250103.csv``: ``date,hour,type,<station codes>``,
  hours 0…23 with end-of-hour labels (hour 0 of 2025-01-02 is the last hour of 01-01);
* ``wide/2025010210.csv … 2025010215.csv``: one file per hour, one row per station,
  ``timepoint, stationcode, positionname, area, …, co, co_24h``.

The published values are computed with ecotarget's own engine from what the network "has"
(the values in the files, plus a 2024-12-31 that no file holds, so the first hours' 24-h
means reach back beyond the files as real ones do), then a known set of disagreements is
planted (:data:`PLANTED_LONG`, :data:`PLANTED_WIDE`): ``ecotarget aqi --compare-published``
must report exactly those. The real-file quirks, each in one place:

* ``20250101``: CRLF line ends, two extra columns with empty names at the end;
* ``20250102``: LF, no final newline, hour 5 absent, station 2004A absent, some ``—``;
* ``20250103``: its last line (CO_24h at hour 23) cut short and no final newline;
* everywhere: empty fields for missing values; O3_8h/O3_8h_24h columns (never read);
* wide: ``—`` for missing; ``2025010212`` with ``T`` in its timepoints and CRLF;
  ``2025010213`` without station 1002A; ``2025010214`` with an extra empty-named column;
  ``2025010215`` ending in a truncated row without a final newline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from ecotarget.standards.aqi import hourly_aqi  # noqa: E402
from ecotarget.standards.averages import trailing_mean  # noqa: E402
from ecotarget.standards.rounding import round_half_even  # noqa: E402

SEED = 20250101
OUT = Path("data/samples/network")

#: (code, positionname, area, longitude, latitude): illustrative, not the network's list.
STATIONS = (
    ("1001A", "东城示例站", "北京市", 116.417, 39.929),
    ("1002A", "西城示例站", "北京市", 116.339, 39.929),
    ("1141A", "徐汇示例站", "上海市", 121.437, 31.188),
    ("1252A", "下沙示例站", "杭州市", 120.338, 30.309),
    ("2001A", "平湖监测站", "嘉兴市", 121.015, 30.677),
    ("2002A", "当湖街道", "嘉兴市", 121.031, 30.694),
    ("2003A", "嘉兴示例站", "嘉兴市", 120.755, 30.746),
    ("2004A", "海盐示例站", "嘉兴市", 120.946, 30.526),
)
CODES = tuple(s[0] for s in STATIONS)
POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")
# The long layout's types in the network's order, and the column each is written from.
TYPES = (("AQI", "aqi"), ("PM2.5", "pm25"), ("PM2.5_24h", "pm25_24h"), ("PM10", "pm10"),
         ("PM10_24h", "pm10_24h"), ("SO2", "so2"), ("SO2_24h", "so2_24h"), ("NO2", "no2"),
         ("NO2_24h", "no2_24h"), ("O3", "o3"), ("O3_24h", "o3_24h"), ("O3_8h", "o3_8h"),
         ("O3_8h_24h", "o3_8h_24h"), ("CO", "co"), ("CO_24h", "co_24h"))
ONE_DECIMAL = frozenset({"co", "co_24h"})

HIDDEN_DAY = "2024-12-31"  # the network has it, no file holds it
LONG_DAYS = ("2025-01-01", "2025-01-02", "2025-01-03")
WIDE_HOURS = tuple(pd.date_range("2025-01-02 10:00", "2025-01-02 15:00", freq="h"))
ABSENT_HOUR = pd.Timestamp("2025-01-02 05:00")  # not in 20250102: the network had nothing
ABSENT_STATION = ("2004A", "2025-01-02")  # no column in that day's file, no data that day
WIDE_ABSENT = ("1002A", pd.Timestamp("2025-01-02 13:00"))  # a row the mirror lost

#: (time label, station, published value, change): the disagreements planted in the long files.
PLANTED_LONG = (
    ("2025-01-02 10:00", "2001A", "AQI", +7),
    ("2025-01-02 18:00", "1141A", "AQI", -5),
    ("2025-01-03 08:00", "2003A", "AQI", +12),
    ("2025-01-02 20:00", "2002A", "PM2.5_24h", +3),
    ("2025-01-03 14:00", "1252A", "NO2_24h", -4),
)
#: The disagreement planted in the wide files.
PLANTED_WIDE = (("2025-01-02 12:00", "2001A", "AQI", +9),)
_COLUMN_OF = {"AQI": "aqi", "PM2.5_24h": "pm25_24h", "NO2_24h": "no2_24h"}


def simulate(rng: np.random.Generator) -> pd.DataFrame:
    """Hourly values of every station, 2024-12-31 00:00 … 2025-01-03 23:00 (end labels).

    January in the Yangtze delta: PM2.5 40–120 with an episode on 2025-01-02, NO2 with rush
    hours, O3 low with an afternoon peak, CO 0.4–1.5 mg/m³. About 3 % of cells missing.
    """
    times = pd.date_range(f"{HIDDEN_DAY} 00:00", f"{LONG_DAYS[-1]} 23:00", freq="h")
    clock = times.hour.to_numpy()
    episode = np.exp(-((times - pd.Timestamp("2025-01-02 14:00")) / pd.Timedelta(hours=10))
                     .to_numpy(dtype=float) ** 2)
    frames = []
    for k, code in enumerate(CODES):
        base = 26 + 3 * k
        wave = 1 + 0.25 * np.cos((clock - 8) / 24 * 2 * np.pi)
        noise = np.exp(np.cumsum(rng.normal(0, 0.06, len(times))))
        pm25 = base * wave * noise * (1 + 0.8 * episode)
        rush = 1 + 0.5 * (np.exp(-((clock - 8) ** 2) / 4) + np.exp(-((clock - 18) ** 2) / 4))
        frame = pd.DataFrame({
            "station": code, "time": times,
            "pm25": pm25,
            "pm10": pm25 * rng.uniform(1.3, 1.7, len(times)),
            "so2": rng.uniform(3, 12, len(times)),
            "no2": (22 + 3 * k) * rush * rng.uniform(0.85, 1.15, len(times)),
            "co": 0.35 + pm25 / 140 + rng.normal(0, 0.05, len(times)),
            "o3": 12 + 45 * np.exp(-((clock - 14) ** 2) / 10) * rng.uniform(0.7, 1.2, len(times)),
        })
        frames.append(frame)
    hours = pd.concat(frames, ignore_index=True)
    for name in POLLUTANTS:
        decimals = 1 if name == "co" else 0
        values = round_half_even(hours[name].to_numpy(), decimals)
        values[rng.random(len(values)) < 0.03] = np.nan  # an instrument out for an hour
        hours[name] = values
    absent = (hours["time"] == ABSENT_HOUR) | (
        (hours["station"] == ABSENT_STATION[0])
        & (hours["time"].dt.strftime("%Y-%m-%d") == ABSENT_STATION[1]))
    kept: pd.DataFrame = hours[~absent.to_numpy()].reset_index(drop=True)
    return kept


def published(hours: pd.DataFrame) -> pd.DataFrame:
    """The network's published values of each station-hour, by ecotarget's own rules."""
    number = hours["time"].to_numpy(dtype="datetime64[h]").astype(np.int64)
    stations = hours["station"].to_numpy()

    def mean(name: str, window: int = 24) -> np.ndarray:
        means = trailing_mean(hours[name].to_numpy(), stations, number, window)
        rounded: np.ndarray = round_half_even(means, 1 if name == "co" else 0)
        return rounded

    out = hours.copy()
    for name in ("pm25", "pm10", "so2", "no2", "co", "o3"):
        out[f"{name}_24h"] = mean(name)
    aqi = hourly_aqi(hours.assign(so2_24h=out["so2_24h"]))
    out["aqi"] = aqi["aqi"]
    out["primarypollutant"] = aqi["primary_pollutants"]
    out["quality"] = aqi["category"]
    # The O3 8-h columns as 2024+ files write them (§1.7): the 8-h mean, empty at hours 1–7
    # of the natural day, and its running maximum. Never read: written for realism only.
    o3_8h = mean("o3", 8)
    day_hour = ((hours["time"] - pd.Timedelta(hours=1)).dt.hour + 1).to_numpy()
    o3_8h[day_hour < 8] = np.nan
    out["o3_8h"] = o3_8h
    day = (hours["time"] - pd.Timedelta(hours=1)).dt.normalize()
    out["o3_8h_24h"] = pd.Series(o3_8h).groupby([hours["station"], day]).cummax().to_numpy()
    return out


def plant(values: pd.DataFrame, planted: tuple[tuple[str, str, str, int], ...]) -> pd.DataFrame:
    out = values.copy()
    for time, station, name, change in planted:
        at = (out["time"] == pd.Timestamp(time)) & (out["station"] == station)
        column = _COLUMN_OF[name]
        assert at.sum() == 1 and out.loc[at, column].notna().all(), (time, station, name)
        out.loc[at, column] = out.loc[at, column] + change
    return out


def _text(values: pd.Series, name: str, dash: np.ndarray | None = None) -> np.ndarray:
    """Cells as the network writes them: whole numbers, CO to 0.1, missing empty (or —)."""
    number = values.to_numpy(dtype=np.float64)
    form = "%.1f" if name in ONE_DECIMAL else "%.0f"
    cells = np.char.mod(form, np.nan_to_num(number)).astype(object)
    missing = "" if dash is None else np.where(dash, "—", "")
    return np.where(np.isnan(number), missing, cells)


def write_long(values: pd.DataFrame, day: str, path: Path, rng: np.random.Generator, *,
               newline: str = "\n", empty_columns: int = 0, final_newline: bool = True,
               dashes: bool = False, truncate_last: bool = False) -> None:
    """One day's long-format file: a line per hour present and type, a column per station."""
    rows = values[values["time"].dt.strftime("%Y-%m-%d") == day]
    codes = [c for c in CODES if c in set(rows["station"])]
    extra = [""] * empty_columns
    lines = [",".join(["date", "hour", "type", *codes, *extra])]
    for time, hour in rows.groupby("time", sort=True):
        hour = hour.set_index("station").reindex(codes)
        for label, column in TYPES:
            dash = rng.random(len(codes)) < 0.3 if dashes else None
            cells = _text(hour[column], column, dash)
            lines.append(",".join([time.strftime("%Y%m%d"), str(time.hour), label, *cells,
                                   *extra]))
    if truncate_last:
        last = lines[-1].split(",")
        lines[-1] = ",".join([*last[:5], last[5][:-1]])  # cut inside a station's value
    text = newline.join(lines) + (newline if final_newline else "")
    path.write_bytes(text.encode("utf-8"))


WIDE_HEADER = ("timepoint", "stationcode", "positionname", "area", "longitude", "latitude",
               "aqi", "primarypollutant", "quality", "pm2_5", "pm2_5_24h", "pm10", "pm10_24h",
               "so2", "so2_24h", "no2", "no2_24h", "o3", "o3_24h", "o3_8h", "o3_8h_24h", "co",
               "co_24h")
_WIDE_FROM = {"pm2_5": "pm25", "pm2_5_24h": "pm25_24h"}


def write_wide(values: pd.DataFrame, time: pd.Timestamp, path: Path, *, iso_t: bool = False,
               newline: str = "\n", empty_column: bool = False, absent: str | None = None,
               truncate_last: bool = False) -> None:
    """One hour's wide-format file: a row per station, "—" where a value is missing."""
    rows = values[(values["time"] == time) & (values["station"] != absent)]
    rows = rows.set_index("station").reindex([c for c in CODES if c in set(rows["station"])])
    info = {s[0]: s for s in STATIONS}
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S" if iso_t else "%Y-%m-%d %H:%M:%S")
    columns: list[np.ndarray] = []
    for name in WIDE_HEADER[6:]:
        source = _WIDE_FROM.get(name, name)
        if name in ("primarypollutant", "quality"):
            text = rows[source].fillna("").astype(str).to_numpy(dtype=object)
            columns.append(np.where(text == "", "—", text))
        else:
            columns.append(_text(rows[source], source, np.ones(len(rows), bool)))
    header = list(WIDE_HEADER) + ([""] if empty_column else [])
    lines = [",".join(header)]
    for i, code in enumerate(rows.index):
        _, name, area, lon, lat = info[code]
        cells = [stamp, code, name, area, f"{lon:.3f}", f"{lat:.3f}", *(c[i] for c in columns)]
        lines.append(",".join(cells + ([""] if empty_column else [])))
    if truncate_last:
        lines[-1] = lines[-1][: len(lines[-1]) // 2]
    content = newline.join(lines) + ("" if truncate_last else newline)
    path.write_bytes(content.encode("utf-8"))


def generate(root: Path) -> list[Path]:
    rng = np.random.default_rng(SEED)
    values = published(simulate(rng))
    # a few published cells missing (not compared); never a planted one
    planted_at = {(pd.Timestamp(t), s) for t, s, _, _ in (*PLANTED_LONG, *PLANTED_WIDE)}
    for name in ("aqi", "pm25_24h", "no2_24h"):
        drop = rng.random(len(values)) < 0.01
        keep = np.array([(t, s) in planted_at for t, s in zip(values["time"], values["station"],
                                                               strict=True)])
        values.loc[drop & ~keep, name] = np.nan
    long_dir, wide_dir = root / OUT / "long", root / OUT / "wide"
    long_dir.mkdir(parents=True, exist_ok=True)
    wide_dir.mkdir(parents=True, exist_ok=True)
    written = []
    long_values = plant(values, PLANTED_LONG)
    options: dict[str, dict[str, object]] = {
        "2025-01-01": {"newline": "\r\n", "empty_columns": 2},
        "2025-01-02": {"final_newline": False, "dashes": True},
        "2025-01-03": {"final_newline": False, "truncate_last": True},
    }
    for day in LONG_DAYS:
        path = long_dir / f"china_sites_{day.replace('-', '')}.csv"
        write_long(long_values, day, path, rng, **options[day])  # type: ignore[arg-type]
        written.append(path)
    wide_values = plant(values, PLANTED_WIDE)
    for time in WIDE_HOURS:
        path = wide_dir / f"{time:%Y%m%d%H}.csv"
        write_wide(wide_values, time, path, iso_t=time.hour == 12,
                   newline="\r\n" if time.hour == 12 else "\n",
                   empty_column=time.hour == 14,
                   absent=WIDE_ABSENT[0] if time == WIDE_ABSENT[1] else None,
                   truncate_last=time.hour == 15)
        written.append(path)
    return written


def check(root: Path) -> list[str]:
    """Problems with the written samples: the comparison must find exactly the planted."""
    from ecotarget.pipeline import validation_context
    from ecotarget.read import expand_paths, read_table
    from ecotarget.stations import select_stations
    from ecotarget.tables.published import compare_published
    from ecotarget.targets import load_targets
    from ecotarget.validate import validate_table

    spec = load_targets(str(ROOT / "config" / "targets.yaml")).spec
    problems = []
    for folder, planted in (("long", PLANTED_LONG), ("wide", PLANTED_WIDE)):
        tables = [validate_table(read_table(s), validation_context(spec))
                  for s in expand_paths([str(root / OUT / folder)])]
        tables = select_stations(tables, (), required=False).tables
        comparison = compare_published(tables)
        found = {(f"{r.time:%Y-%m-%d %H:%M}", r.station, r.value)
                 for r in comparison.disagreements.itertuples()}
        wanted = {(t, s, v) for t, s, v, _ in planted}
        if found != wanted:
            problems.append(f"{folder}: disagreements {sorted(found)} != planted {sorted(wanted)}")
        print(f"{folder}: {comparison.line()}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root to write into")
    args = parser.parse_args(argv)
    for path in generate(args.root):
        print(f"wrote {path.relative_to(args.root)} ({path.stat().st_size:,} bytes)")
    problems = check(args.root)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
