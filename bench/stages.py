"""Where ``ecotarget check`` spends its time: each stage of the pipeline, timed.

Runs the stages of the check in a fresh process per repetition (imports, reading the file's
bytes, Arrow's parse and conversion, the rest of reading, validation, station-hours to the
city's days and the targets, rendering) and prints the median and range of each.

    python bench/stages.py                   # 1,700 stations, 5 repetitions
    python bench/stages.py --stations 200 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TARGETS = HERE / "targets-air.yaml"

# One repetition, in its own process: the stages in order, each timed on its own.
_STAGES = r"""
import io, json, os, sys, time
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")  # as the ecotarget command sets it
start = time.perf_counter()
from ecotarget.pipeline import CheckOptions, check_tables
from ecotarget.read import Source, bulk, read_table
from ecotarget.render.json import render_json
from ecotarget.targets import load_targets
from ecotarget.validate import validate_table
times = {"imports": time.perf_counter() - start}
path, targets = sys.argv[1], sys.argv[2]

def timed(name, step, *args, **kwargs):
    began = time.perf_counter()
    result = step(*args, **kwargs)
    times[name] = times.get(name, 0.0) + time.perf_counter() - began
    return result

parse, read_bytes = bulk.arrow_csv, Source.read
bulk.arrow_csv = lambda *a, **k: timed("Arrow parse and conversion", parse, *a, **k)
Source.read = lambda self: timed("file bytes", read_bytes, self)
loaded = load_targets(targets)
times["file bytes"] = 0.0
raw = timed("reading", read_table, Source(path))
times["reading"] -= times["file bytes"] + times.get("Arrow parse and conversion", 0.0)
table = timed("validation", validate_table, raw)
report = timed("days, city, targets", check_tables, [table], loaded, CheckOptions())
timed("rendering (JSON)", render_json, report, io.StringIO())
times["total"] = time.perf_counter() - start
print(json.dumps(times))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=1700)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT, help="where generated data go")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import write

    path = args.out / f"hourly-{args.stations}.csv"
    if not path.exists():
        write(args.stations, path)
    runs = []
    for _ in range(args.repeat):
        done = subprocess.run([sys.executable, "-c", _STAGES, str(path), str(TARGETS)],
                              capture_output=True, text=True, check=True, env=os.environ)
        runs.append(json.loads(done.stdout))
    print(f"{args.stations} stations × 1 year, {args.repeat} runs: median (min–max), seconds")
    for stage in runs[0]:
        values = [run[stage] for run in runs]
        print(f"  {stage:<28} {statistics.median(values):6.2f}  "
              f"({min(values):.2f}–{max(values):.2f})")


if __name__ == "__main__":
    main()
