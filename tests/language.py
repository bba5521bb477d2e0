"""One checker for "one language per run": the words of an output that belong to the other
language, after the values that come from the data (station, section and indicator names,
file paths, dates, units and the standards' abbreviations) are taken out."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: units and abbreviations of the standards, the same in both languages
ALLOWED_LATIN = {"AQI", "PM", "PM2", "PM10", "CO", "O3", "NO2", "SO2", "IAQI", "CWQI", "mg", "µg",
                 "DL"}
_PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:csv|yaml|yml|xlsx)\b")
_LATIN_WORD = re.compile(r"[A-Za-zµ][A-Za-z0-9µ]*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2160-\u217f]+")


def _without(text: str, data: Iterable[str]) -> str:
    # longest first, so that a name containing another is taken out whole
    for value in sorted(set(data), key=len, reverse=True):
        text = text.replace(value, " ")
    return _PATH.sub(" ", text)


def english_words(text: str, data: Iterable[str] = ()) -> list[str]:
    """The Latin words of a Chinese output that are not units, codes, paths or data.

    >>> english_words("共 3 项：达标 2 · PM2.5 ≤ 26 µg/m³ · config/targets.yaml")
    []
    >>> english_words("≥ 90 个 (pace 75)")
    ['pace']
    """
    return [w for w in _LATIN_WORD.findall(_without(text, data)) if w not in ALLOWED_LATIN]


def cjk_runs(text: str, data: Iterable[str] = ()) -> list[str]:
    """The runs of Chinese characters (and full-width signs) of an English output that are
    not data values.

    >>> cjk_runs("Pinghu 2025 · as of 2025-10-31 · 3 sections", ["上海塘"])
    []
    >>> cjk_runs("≥ 90 个", [])
    ['个']
    """
    return _CJK.findall(_without(text, data))
