"""How long ``ecotarget report`` takes on the bundled samples, against another commit.

Each repetition runs ``ecotarget report data/samples --output <tmp>/report.html`` (with
``--format xlsx``: ``report.xlsx``, the workbook) in a fresh process and records its wall
time and its processor time (user + system, the child's ``ru_utime + ru_stime``).
Processor time is the figure to read on a shared machine: it does not grow when other
processes take the cores. With ``--baseline REF`` the same command runs
from a ``git worktree`` of that commit (its ``src/`` first on ``PYTHONPATH``, the same
interpreter and packages), the repetitions of the two sides interleaved, on the same
inputs and targets file (this checkout's); the table then shows the ratio of the medians
and whether the two pages (workbooks) are byte for byte the same.

    python bench/report.py                        # this checkout, 5 repetitions
    python bench/report.py --baseline main        # side by side with main
    python bench/report.py --baseline main --format xlsx   # the workbook
    python bench/report.py --baseline HEAD~3 --repeat 3 -- --lang en --compare-to 2025-09
    python bench/report.py --stages               # where one report spends its time
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT / "data" / "samples"
TARGETS = ROOT / "config" / "targets.yaml"

# Runs a command as a child and reports its wall time and processor time, so that each
# measurement is of one fresh process.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "code": code}))
"""

# One report in one process, each stage timed in processor seconds.
_STAGES = r"""
import json, sys, time
began = time.process_time()
from ecotarget.pipeline import CheckOptions, check_in_context, input_last_dates, read_inputs
from ecotarget.read import expand_paths
from ecotarget.render.report_html import render_report_html
from ecotarget.render.report_xlsx import render_report_xlsx
from ecotarget.tables.monthly import monthly_report_from
from ecotarget.targets import load_targets
times = {"imports": time.process_time() - began}

def timed(name, step, *args):
    start = time.process_time()
    result = step(*args)
    times[name] = time.process_time() - start
    return result

loaded, options = load_targets(sys.argv[2]), CheckOptions()
tables = timed("reading, validation", read_inputs, expand_paths([sys.argv[1]]), loaded.spec,
               options)
report, ctx = timed("check", check_in_context, tables, loaded, options)
monthly = timed("monthly series", monthly_report_from, report, ctx, loaded.spec.targets,
                input_last_dates(tables))
timed("page and charts", render_report_html, monthly, "zh")
timed("workbook", render_report_xlsx, monthly, "zh")
times["total"] = time.process_time() - began
print(json.dumps(times))
"""


@dataclass
class Side:
    """One side of the comparison: its name, its ``src/`` folder and its measurements."""

    name: str
    src: Path
    wall: list[float]
    cpu: list[float]


def run_report(side: Side, out: Path, extra: list[str]) -> None:
    """One report by ``side`` into ``out``, measured and recorded."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(side.src), os.environ.get("PYTHONPATH", "")]))}
    # a regular file, never os.devnull: the page is written as any user's would be
    cmd = [sys.executable, "-m", "ecotarget", "report", str(SAMPLES), "--targets", str(TARGETS),
           "--output", str(out), "--quiet", *extra]
    result = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True,
                            text=True, check=True, env=env, cwd=ROOT)
    measured = json.loads(result.stdout)
    if measured["code"] != 0:
        raise SystemExit(f"{side.name}: ecotarget report exited {measured['code']}")
    side.wall.append(measured["wall"])
    side.cpu.append(measured["cpu"])


def imported_from(src: Path) -> str:
    """Where the child process imports ecotarget from with ``src`` first on its path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([sys.executable, "-c", "import ecotarget; print(ecotarget.__file__)"],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()


def add_worktree(ref: str, where: Path) -> Path:
    """A detached ``git worktree`` of ``ref`` at ``where``; its ``src/`` folder."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                    str(where), ref], check=True)
    return where / "src"


def remove_worktree(where: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)],
                   check=False)


def fmt(values: list[float]) -> str:
    """Median with min–max beside it, in seconds.

    >>> fmt([2.0, 1.0, 4.0])
    '2.00 s (1.00–4.00)'
    """
    spread = f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else ""
    return f"{statistics.median(values):.2f} s{spread}"


def table(ours: Side, base: Side | None, output: str = "html") -> str:
    """The measurements as a Markdown table, the ratio ours ÷ baseline when there is one."""
    lines = ["| measurement | ecotarget | baseline | ratio |", "|---|---|---|---|"]
    for label, field in ((f"report ({output}) on data/samples: processor time", "cpu"),
                         (f"report ({output}) on data/samples: wall time", "wall")):
        mine: list[float] = getattr(ours, field)
        if base is None:
            lines.append(f"| {label} | {fmt(mine)} | — | — |")
            continue
        theirs: list[float] = getattr(base, field)
        ratio = statistics.median(mine) / statistics.median(theirs)
        lines.append(f"| {label} | {fmt(mine)} | {fmt(theirs)} ({base.name}) | {ratio:.2f}× |")
    return "\n".join(lines)


def compare(args: argparse.Namespace, work: Path) -> None:
    """Run the repetitions (interleaved with the baseline's) and print the table."""
    ours = Side("this checkout", ROOT / "src", [], [])
    base = None
    if args.baseline:
        base = Side(args.baseline, add_worktree(args.baseline, work / "baseline"), [], [])
    try:
        for side in filter(None, (ours, base)):
            print(f"{side.name}: ecotarget from {imported_from(side.src)}", file=sys.stderr)
        theirs, mine = work / f"base.{args.format}", work / f"ours.{args.format}"
        for _ in range(args.repeat):  # interleaved, so that drift affects both sides alike
            if base is not None:
                run_report(base, theirs, args.extra)
            run_report(ours, mine, args.extra)
        print(table(ours, base, args.format))
        if base is not None:
            same = theirs.read_bytes() == mine.read_bytes()
            what = "pages" if args.format == "html" else "workbooks"
            print(f"\nthe two {what} are {'byte for byte the same' if same else 'different'}")
    finally:
        if base is not None:
            remove_worktree(work / "baseline")


def stages(repeat: int) -> None:
    """Median processor time of each stage of one report, each run in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [json.loads(subprocess.run(
        [sys.executable, "-c", _STAGES, str(SAMPLES), str(TARGETS)], capture_output=True,
        text=True, check=True, env=env, cwd=ROOT).stdout) for _ in range(repeat)]
    print(f"report on data/samples, {repeat} runs: median processor seconds (min–max)")
    for stage in runs[0]:
        values = [run[stage] for run in runs]
        print(f"  {stage:<22} {statistics.median(values):6.2f}  "
              f"({min(values):.2f}–{max(values):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", metavar="REF",
                        help="a git ref to run side by side (from a temporary git worktree)")
    parser.add_argument("--format", choices=("html", "xlsx"), default="html",
                        help="the page (default) or the workbook, by the output's extension")
    parser.add_argument("--stages", action="store_true",
                        help="time the stages of one report instead (this checkout only)")
    parser.add_argument("extra", nargs="*", help="further options of ecotarget report (after --)")
    args = parser.parse_args()
    if args.stages:
        stages(args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="ecotarget-bench-") as work:
        compare(args, Path(work))


if __name__ == "__main__":
    main()
