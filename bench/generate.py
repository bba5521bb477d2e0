"""Deterministic hourly station data for benchmarks: N stations × one year.

Each station gets seasonal and diurnal cycles, noise, and realistic gaps (single missing
hours, whole missing hours across pollutants, and multi-day outages), from a fixed seed,
so a given (stations, year, seed) always writes the same bytes.

    python bench/generate.py --stations 200 --out bench/out/hourly-200.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ("pm25", "pm10", "so2", "no2", "co", "o3")


def station_hours(stations: int, year: int = 2025, seed: int = 20251) -> pd.DataFrame:
    """A frame with ``time station pm25 pm10 so2 no2 co o3`` (end-of-hour labels)."""
    rng = np.random.default_rng(seed)
    times = pd.date_range(f"{year}-01-01 01:00", f"{year + 1}-01-01 00:00", freq="h")
    hours = len(times)
    day_of_year = (np.arange(hours) // 24).astype(np.float64)
    clock = times.hour.to_numpy()
    winter = 0.5 + 0.5 * np.cos(2 * np.pi * (day_of_year + 10) / 365.0)  # 1 in January
    summer = 1.0 - winter
    afternoon = np.exp(-((clock - 15) % 24 - 0) ** 2 / 18.0)
    rush = np.exp(-((clock - 8) ** 2) / 4.0) + np.exp(-((clock - 19) ** 2) / 5.0)

    n = stations * hours
    station_scale = np.repeat(rng.uniform(0.7, 1.4, stations), hours)
    episode = np.tile(np.repeat(rng.gamma(2.0, 0.5, hours // 24 + 1), 24)[:hours], stations)

    def tile(x: np.ndarray) -> np.ndarray:
        return np.tile(x, stations)

    pm25 = station_scale * (18 + 45 * tile(winter)) * episode * rng.lognormal(0, 0.25, n)
    pm10 = pm25 * rng.uniform(1.3, 1.9, n)
    so2 = station_scale * (4 + 6 * tile(winter)) * rng.lognormal(0, 0.3, n)
    no2 = station_scale * (15 + 20 * tile(rush) + 10 * tile(winter)) * rng.lognormal(0, 0.3, n)
    co = (0.4 + 0.6 * tile(winter)) * rng.lognormal(0, 0.25, n)
    o3 = (20 + 160 * tile(summer * afternoon)) * rng.lognormal(0, 0.25, n)

    values = {
        "pm25": np.round(pm25), "pm10": np.round(pm10), "so2": np.round(so2),
        "no2": np.round(no2), "co": np.round(co, 1), "o3": np.round(o3),
    }
    # gaps: 2 % single cells, 1 % whole hours, and one 1-3 day outage per station in ten
    whole_hour = rng.random(n) < 0.01
    for name in COLUMNS:
        missing = whole_hour | (rng.random(n) < 0.02)
        values[name] = np.where(missing, np.nan, values[name])
    outage_stations = rng.choice(stations, size=max(1, stations // 10), replace=False)
    for s in outage_stations:
        start = int(rng.integers(0, hours - 72))
        length = int(rng.integers(24, 72))
        for name in COLUMNS:
            values[name][s * hours + start: s * hours + start + length] = np.nan

    codes = np.array([f"{1001 + i}A" for i in range(stations)])
    return pd.DataFrame({
        "time": np.tile(times.strftime("%Y-%m-%d %H:%M").to_numpy(), stations),
        "station": np.repeat(codes, hours),
        **values,
    })


def write(stations: int, out: Path, year: int = 2025, seed: int = 20251) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    frame = station_hours(stations, year, seed)
    tmp = out.with_suffix(".tmp")
    frame.to_csv(tmp, index=False, float_format="%g")
    tmp.replace(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=20251)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    path = write(args.stations, args.out, args.year, args.seed)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
