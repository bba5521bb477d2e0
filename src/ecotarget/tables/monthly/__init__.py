"""The monthly report of ``ecotarget report``: the model (:mod:`.model`), its builder from
one check (:mod:`.build`) and the comparison with another period (:mod:`.changes`).

The renderers (``render/report_html.py``, ``render/report_xlsx.py``) read a
:class:`MonthlyReport` and nothing else.
"""

from ecotarget.tables.monthly.build import monthly_report_from
from ecotarget.tables.monthly.changes import changes, comparison
from ecotarget.tables.monthly.model import (
    BEHIND_ORDER,
    AirDay,
    AirSeries,
    AllowanceMonth,
    CategoryMonth,
    Change,
    Comparison,
    InputAccount,
    Milestone,
    MonthFigure,
    MonthlyReport,
    RejectGroup,
    SectionMonth,
    SectionRow,
    SourceRound,
    StationFigures,
    TargetSeries,
    WaterSeries,
)

__all__ = ["BEHIND_ORDER", "AirDay", "AirSeries", "AllowanceMonth", "CategoryMonth", "Change",
           "Comparison", "InputAccount", "Milestone", "MonthFigure", "MonthlyReport",
           "RejectGroup", "SectionMonth", "SectionRow", "SourceRound", "StationFigures",
           "TargetSeries", "WaterSeries", "changes", "comparison", "monthly_report_from"]
