"""Peak memory of ``ecotarget validate`` and ``check`` against the size of their input.

The bound: peak memory for any input within 3× its size plus the interpreter. Each command
runs in a fresh child process; its peak resident memory is the child's ``ru_maxrss``
(``resource.getrusage(RUSAGE_CHILDREN)`` in a measuring process that runs only that
child), the median of ``--repeat`` runs (3): a peak moves by a few MiB from run to run.
The interpreter's share is the peak of the same command on a tiny input of the same kind
(Python, pandas and pyarrow loaded, nothing read); the ratio is (peak − that baseline) /
input size.

Inputs, written once into ``--out`` (deterministic):

* hourly air CSV of about 16, 64 and 256 MiB (``bench/generate.py``: N stations × one year);
* the first of them as the bureau's exports write it: GBK with Chinese headers and station
  names (Excel), and with every text cell quoted (R's ``write.csv``);
* the first of them on standard input (a pipe);
* a folder of 8 national daily files in the network's long layout (1,700 stations, about
  2.1 MB a day; ``check`` chooses two stations);
* a 64 MiB file whose second line holds one value of 64 MiB minus the header (one huge
  cell; it is rejected, and that must not cost more than the file).

    python bench/memory.py         # 16, 64, 256 MiB, GBK, quoted, 8 national days, huge value
    python bench/memory.py --sizes 16 --no-huge --no-exports --network-days 0  # one size
    python bench/memory.py --json                 # the rows as JSON too
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TARGETS = HERE / "targets-air.yaml"
MIB = 2**20
LIMIT = 3.0  # the bound: peak above the interpreter ≤ 3 × the input's size

# Runs one command as its only child and prints the child's peak resident memory in bytes
# (ru_maxrss is in KiB on Linux) and its exit code.
_MEASURE = """
import json, os, resource, subprocess, sys
stdin = os.environ.get("ECOTARGET_BENCH_STDIN")
with open(stdin, "rb") if stdin else open(os.devnull, "rb") as given:
    code = subprocess.run(sys.argv[1:], stdin=given, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"peak": peak, "code": code}))
"""

# Bytes per station-year of bench/generate.py's CSV (610 MB for 1,700 stations)
_BYTES_PER_STATION = 376_000
_TINY = "time,station,pm25,pm10,so2,no2,co,o3\n2025-01-01 01:00,1001A,30,50,8,20,0.5,40\n"


@dataclass
class Measured:
    """One command on one input: its size, peak and the ratio the bound judges."""

    command: str
    input: str
    size: int
    peak: int
    baseline: int
    code: int

    @property
    def ratio(self) -> float:
        """(peak − baseline) / size."""
        return (self.peak - self.baseline) / self.size

    @property
    def met(self) -> bool:
        """Whether the ratio is within :data:`LIMIT`."""
        return self.ratio <= LIMIT


def peak_of(args: list[str], stdin: Path | None = None) -> tuple[int, int]:
    """(peak resident bytes, exit code) of ``args`` run in a fresh child process, reading
    ``stdin`` (a file) on its standard input."""
    env = {**os.environ, "ECOTARGET_BENCH_STDIN": str(stdin) if stdin else ""}
    done = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True,
                          text=True, check=True, env=env)
    result = json.loads(done.stdout)
    return int(result["peak"]), int(result["code"])


def ecotarget(command: str, path: Path) -> list[str]:
    """The command line of ``ecotarget <command> <path>`` (``check`` with the air targets,
    and two stations of a folder of national files)."""
    args = [sys.executable, "-m", "ecotarget", command, str(path), "--format", "json"]
    if command != "check":
        return args
    stations = ["--station", "1001A", "--station", "1002A"] if path.is_dir() else []
    return [*args, "--targets", str(TARGETS), *stations]


def size_of(path: Path) -> int:
    """A file's bytes, or those of a folder's files."""
    return (sum(p.stat().st_size for p in path.iterdir()) if path.is_dir()
            else path.stat().st_size)


_LONG_TYPES = ("AQI", "PM2.5", "PM2.5_24h", "PM10", "PM10_24h", "SO2", "SO2_24h", "NO2",
               "NO2_24h", "O3", "O3_24h", "O3_8h", "O3_8h_24h", "CO", "CO_24h")


def network_input(days: int, out: Path) -> Path:
    """A folder of ``days`` national daily files in the long layout (``date,hour,type`` and
    1,700 station columns, ~2.1 MB a day; written once, deterministic)."""
    import numpy as np  # only this input needs it

    folder = out / f"network-{days}"
    if folder.is_dir() and len(list(folder.iterdir())) == days:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    codes = [f"{1001 + i}A" for i in range(1700)]
    for day in range(1, days + 1):
        date = f"202501{day:02d}"
        with (folder / f"china_sites_{date}.csv").open("w", encoding="utf-8") as stream:
            stream.write("date,hour,type," + ",".join(codes) + "\n")
            for hour in range(24):
                for kind in _LONG_TYPES:
                    values = ([f"{v:.2f}" for v in rng.uniform(0.2, 1.5, len(codes))]
                              if kind.startswith("CO")
                              else [str(v) for v in rng.integers(5, 150, len(codes))])
                    for missing in rng.integers(0, len(codes), 20):
                        values[missing] = ""
                    stream.write(f"{date},{hour},{kind}," + ",".join(values) + "\n")
    return folder


def hourly_input(mib: int, out: Path) -> Path:
    """An hourly air CSV of about ``mib`` MiB (written once; bench/generate.py)."""
    stations = max(1, round(mib * MIB / _BYTES_PER_STATION))
    path = out / f"hourly-{stations}.csv"
    if not path.exists():
        sys.path.insert(0, str(HERE))
        # bench/ is not a package: its generator is imported from its folder
        from generate import write

        write(stations, path)
    return path


def export_inputs(hourly: Path, out: Path) -> list[Path]:
    """``hourly`` as Excel's GBK export (Chinese header, station names) and as R writes it
    (every text cell quoted); written once."""
    gbk, quoted = out / f"gbk-{hourly.stem}.csv", out / f"quoted-{hourly.stem}.csv"
    if not gbk.exists() or not quoted.exists():
        with (hourly.open(encoding="utf-8") as source,
              gbk.open("w", encoding="gbk", newline="") as excel,
              quoted.open("w", encoding="utf-8", newline="") as r_csv):
            source.readline()
            excel.write("时间,站点名称,PM2.5,PM10,SO2,NO2,CO,O3\r\n")
            r_csv.write('"time","station","pm25","pm10","so2","no2","co","o3"\n')
            for line in source:
                time, station, rest = line.rstrip("\n").split(",", 2)
                excel.write(f"{time},平湖{station}站,{rest}\r\n")
                r_csv.write(f'"{time}","{station}",{rest}\n')
    return [gbk, quoted]


def huge_value_input(mib: int, out: Path) -> Path:
    """A file of ``mib`` MiB: an air header, then one row whose PM2.5 is one huge number."""
    path = out / f"huge-value-{mib}.csv"
    if not path.exists() or path.stat().st_size != mib * MIB:
        head = "time,station,pm25,pm10,so2,no2,co,o3\n2025-01-01 01:00,1001A,"
        tail = ",50,8,20,0.5,40\n"
        digits = mib * MIB - len(head) - len(tail)
        with path.open("w", encoding="ascii") as stream:
            stream.write(head)
            chunk = "1234567890" * (MIB // 10)
            for _ in range(digits // len(chunk)):
                stream.write(chunk)
            stream.write("9" * (digits % len(chunk)))
            stream.write(tail)
    return path


def median_peak(args: list[str], repeat: int, stdin: Path | None = None) -> tuple[int, int]:
    """The median peak of ``repeat`` runs of ``args`` (a peak moves by a few MiB from run to
    run: the interpreter's alone by 130-133 MiB), and the last exit code."""
    runs = [peak_of(args, stdin) for _ in range(repeat)]
    return int(statistics.median(peak for peak, _ in runs)), runs[-1][1]


def measure(command: str, path: Path, baseline: int, *, piped: bool = False,
            repeat: int = 1) -> Measured:
    """``command`` on ``path`` (``piped``: on its standard input), its median peak over
    ``repeat`` runs against ``baseline``."""
    if piped:
        args = [arg if arg != str(path) else "-" for arg in ecotarget(command, path)]
        peak, code = median_peak(args, repeat, stdin=path)
        return Measured(command, f"{path.name} on stdin", size_of(path), peak, baseline, code)
    peak, code = median_peak(ecotarget(command, path), repeat)
    return Measured(command, path.name, size_of(path), peak, baseline, code)


def baseline_of(command: str, out: Path, repeat: int = 1) -> int:
    """The median peak of ``command`` on a one-row input: the interpreter and its libraries."""
    tiny = out / "tiny.csv"
    tiny.write_text(_TINY, encoding="utf-8")
    return median_peak(ecotarget(command, tiny), repeat)[0]


def table(rows: list[Measured]) -> str:
    """The rows as a Markdown table."""
    lines = ["| command | input | size | peak | interpreter | (peak − interpreter) / size "
             "| ≤ 3× |", "|---|---|---|---|---|---|---|"]
    lines.extend(f"| {r.command} | {r.input} | {r.size / MIB:,.1f} MiB | {r.peak / MIB:,.0f} MiB "
                 f"| {r.baseline / MIB:,.0f} MiB | {r.ratio:.2f}× | "
                 f"{'yes' if r.met else '**no**'} |" for r in rows)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 64, 256],
                        help="hourly inputs of about these many MiB")
    parser.add_argument("--no-huge", action="store_true", help="leave out the huge value")
    parser.add_argument("--huge", type=int, default=64, help="MiB of the huge-value file")
    parser.add_argument("--no-exports", action="store_true",
                        help="leave out the GBK and quoted forms of the first size")
    parser.add_argument("--network-days", type=int, default=8,
                        help="days of national long files in a folder (0: none)")
    parser.add_argument("--commands", nargs="+", default=["validate", "check"])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each command, their median peak taken (default 3)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    inputs = [hourly_input(mib, args.out) for mib in args.sizes]
    if not args.no_exports and inputs:
        inputs.extend(export_inputs(inputs[0], args.out))
    if args.network_days:
        inputs.append(network_input(args.network_days, args.out))
    if not args.no_huge:
        inputs.append(huge_value_input(args.huge, args.out))
    rows = []
    for command in args.commands:
        baseline = baseline_of(command, args.out, args.repeat)
        rows.extend(measure(command, path, baseline, repeat=args.repeat) for path in inputs)
        if args.sizes and not args.no_exports:  # a pipe: standard input, spooled
            rows.append(measure(command, inputs[0], baseline, piped=True, repeat=args.repeat))
    print(table(rows))
    if args.json:
        print(json.dumps([{**asdict(r), "ratio": round(r.ratio, 3)} for r in rows]))
    if not all(r.met for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
