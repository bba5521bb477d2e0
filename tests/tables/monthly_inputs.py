"""A small hand-made input for the monthly report's tests: January–March 2025.

Air (city days, every pollutant but PM2.5 low enough that PM2.5 decides the AQI):
PM2.5 40 µg/m³ on an ordinary day (IAQI 50 + (40 − 35)/(75 − 35) × 50 = 56.25 → 57, 良)
and 100 on a bad day (100 + (100 − 75)/(115 − 75) × 50 = 131.25 → 132, 轻度污染,
primary pollutant PM2.5). Bad days: 1–3 January and 1–5 March.

=========  =====  ====  ==========  =================================
month      valid  good  rate        PM2.5 mean
=========  =====  ====  ==========  =================================
January    31     28    90.3        (3 × 100 + 28 × 40)/31 = 45.8 → 46
February   28     28    100.0       40
March      31     26    83.9        (5 × 100 + 26 × 40)/31 = 49.7 → 50
to March   90     82    91.1        4080/90 = 45.3 → 45
=========  =====  ====  ==========  =================================

Ledger: 培训期数 2, 1, 3 (target ≥ 12, to date 2, 3, 6; pace 12 × 31/365 = 1.02,
12 × 59/365 = 1.94, 12 × 90/365 = 2.96); 环保学堂期数 0, 0, 4 (target ≥ 12: at risk at the
end of February, 0 < 1.94; on track at the end of March, 4 ≥ 2.96); a milestone reported
done in February (due 2025-06-30).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TARGETS_YAML = """\
plan: {year: 2025, region: 测试县, region_en: Testshire, issuer: 测试局}
targets:
  - {id: good, section: headline, name: 优良率, name_en: Good days, clause: c,
     metric: air.good_day_rate, op: ">=", target: 90, unit: "%"}
  - {id: pm25, section: headline, name: PM2.5, name_en: PM2.5, clause: c,
     metric: air.pm25_mean, op: "<=", target: 35, unit: "µg/m³"}
  - {id: trainings, section: tasks, name: 培训, name_en: Trainings, clause: c,
     metric: ledger.total, params: {indicator: 培训期数}, op: ">=", target: 12, unit: 期,
     unit_en: sessions}
  - {id: classroom, section: tasks, name: 环保学堂, name_en: Classroom, clause: c,
     metric: ledger.total, params: {indicator: 环保学堂期数}, op: ">=", target: 12,
     unit: 期}
  - {id: plan_done, section: milestones, name: 规划, name_en: Plan, clause: c,
     metric: ledger.milestone, params: {indicator: 规划完成}, op: "==", target: 1,
     unit: "", due: 2025-06-30}
"""

BAD_DAYS = {dt.date(2025, 1, d) for d in (1, 2, 3)} | {dt.date(2025, 3, d) for d in range(1, 6)}


def air_csv() -> str:
    """City days 2025-01-01 .. 2025-03-31."""
    lines = ["日期,PM2.5,PM10,SO2,NO2,CO,臭氧1小时,臭氧8小时"]
    day = dt.date(2025, 1, 1)
    while day <= dt.date(2025, 3, 31):
        pm25 = 100 if day in BAD_DAYS else 40
        lines.append(f"{day},{pm25},50,5,20,0.5,80,60")
        day += dt.timedelta(days=1)
    return "\n".join(lines) + "\n"


LEDGER_CSV = """\
月份,指标,数值
2025-01,培训期数,2
2025-02,培训期数,1
2025-03,培训期数,3
2025-01,环保学堂期数,0
2025-02,环保学堂期数,0
2025-03,环保学堂期数,4
2025-01,规划完成,0
2025-02,规划完成,1
2025-03,规划完成,1
"""


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """The inputs folder and the targets file, written under ``folder``."""
    data = folder / "data"
    data.mkdir()
    (data / "air.csv").write_text(air_csv(), encoding="utf-8")
    (data / "ledger.csv").write_text(LEDGER_CSV, encoding="utf-8")
    targets = folder / "targets.yaml"
    targets.write_text(TARGETS_YAML, encoding="utf-8")
    return data, targets
