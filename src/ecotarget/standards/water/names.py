"""Every header spelling of a water item seen in monitoring exports, mapped to its item key."""

from __future__ import annotations

from typing import Final

# Header names seen in county and provincial exports, plus common English forms and
# abbreviations. Brackets holding units are stripped before lookup elsewhere; brackets that
# qualify the item (以P计, 六价) are listed in both ASCII and full-width form.
_NAME_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "temp": ("水温", "温度", "water temperature", "temperature", "WT"),
    "ph": ("pH", "pH值", "PH值"),
    "do": ("溶解氧", "溶氧量", "DO", "dissolved oxygen"),
    "codmn": ("高锰酸盐指数", "高锰酸钾指数", "CODMn", "COD_Mn", "COD-Mn", "CODₘₙ", "IMn",
              "permanganate index"),
    "cod": ("化学需氧量", "COD", "CODCr", "COD_Cr", "COD-Cr", "chemical oxygen demand"),
    "bod5": ("五日生化需氧量", "生化需氧量", "BOD5", "BOD₅", "BOD",
             "five-day biochemical oxygen demand", "biochemical oxygen demand"),
    "nh3n": ("氨氮", "NH3-N", "NH3N", "NH3_N", "NH₃-N", "NH4-N", "ammonia nitrogen",
             "ammonia"),
    "tp": ("总磷", "总磷(以P计)", "总磷（以P计）", "TP", "total phosphorus"),
    "tn": ("总氮", "总氮(以N计)", "总氮（以N计）", "总氮(湖、库,以N计)", "总氮（湖、库，以N计）",
           "TN", "total nitrogen"),
    "cu": ("铜", "Cu", "copper"),
    "zn": ("锌", "Zn", "zinc"),
    "f": ("氟化物", "氟化物(以F-计)", "氟化物（以F-计）", "氟化物(以F⁻计)", "F", "F-", "F⁻",
          "fluoride"),
    "se": ("硒", "Se", "selenium"),
    "as": ("砷", "As", "arsenic"),
    "hg": ("汞", "Hg", "mercury"),
    "cd": ("镉", "Cd", "cadmium"),
    # Bare 铬 is what "铬(六价)" becomes once a header matcher strips every bracket; total
    # chromium is not a GB 3838 item, so the mapping is safe for surface-water exports.
    "cr6": ("铬(六价)", "铬（六价）", "六价铬", "铬", "Cr6+", "Cr(VI)", "Cr6", "CrVI", "Cr⁶⁺",
            "hexavalent chromium", "chromium (hexavalent)", "chromium(VI)"),
    "pb": ("铅", "Pb", "lead"),
    "cn": ("氰化物", "CN", "CN-", "CN⁻", "cyanide"),
    "phenol": ("挥发酚", "挥发性酚", "挥发性酚类", "volatile phenol", "volatile phenols",
               "phenol", "phenols"),
    "petroleum": ("石油类", "petroleum", "petroleum oil", "oils"),
    "las": ("阴离子表面活性剂", "LAS", "anionic surfactant", "anionic surfactants"),
    "sulfide": ("硫化物", "S2-", "S²⁻", "sulfide", "sulphide"),
    "fecal_coliform": ("粪大肠菌群", "粪大肠杆菌", "fecal coliform", "fecal coliforms",
                       "faecal coliform", "faecal coliforms", "FC"),
    "sulfate": ("硫酸盐", "硫酸盐(以SO42-计)", "SO4", "SO42-", "SO4²⁻", "sulfate", "sulphate"),
    "chloride": ("氯化物", "氯化物(以Cl-计)", "Cl", "Cl-", "Cl⁻", "chloride"),
    "nitrate": ("硝酸盐", "硝酸盐氮", "硝酸盐(以N计)", "硝酸盐（以N计）", "NO3-N", "NO3", "NO₃-N",
                "nitrate", "nitrate nitrogen"),
    "fe": ("铁", "Fe", "iron"),
    "mn": ("锰", "Mn", "manganese"),
}  # fmt: skip


def _build_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key, variants in _NAME_VARIANTS.items():
        for name in (key, *variants):
            names[name] = key
    # Lower-case twins so a case-folding matcher finds "do", "codmn", "nh3-n" …
    for name, key in list(names.items()):
        names.setdefault(name.lower(), key)
    return names


#: Every header spelling seen for a water item -> ecotarget item key (Table 1 and Table 2).
ZH_ITEM_NAMES: Final[dict[str, str]] = _build_names()
