"""Bytes → text: the encoding detected (or named), and text → lines as the CSV parsers see them.

UTF-8 with or without BOM, GB18030/GBK and UTF-16 with a BOM are detected; anything else is
an :class:`InputError` that says what the bytes look like and what to do. A file whose first
lines are UTF-8 and a later one is not mixes two encodings and is refused, never read half
as mojibake.
"""

from __future__ import annotations

import codecs
import re

from ecotarget.catalogue import Text
from ecotarget.errors import InputError

# str.splitlines also breaks at these, the CSV parsers do not: they must not shift line numbers
_EXOTIC_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# a three-byte UTF-8 sequence, as every Chinese character is in UTF-8
_UTF8_CJK = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (BOM or not), GB18030 and UTF-16 with a BOM.

    Returns (text, encoding name). Anything else is an :class:`InputError` that says what
    the bytes look like and what to do.

    >>> decode("月份".encode("gbk"), "in.csv")
    ('月份', 'gb18030')
    """
    if encoding:
        return _decode_as(data, name, encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated
        return _decode_as(data, name, "utf-16")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(Text("input.xlsx_as_csv", {"path": name}))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(Text("input.xls", {"path": name}))
    if b"\x00" in data:
        raise InputError(Text("input.binary", {"path": name}))
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _mixed(name, data, exc.start + 3) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _utf8_lines_before(data, exc.start):
            raise _mixed(name, data, exc.start) from exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(Text("input.not_utf8_gbk", {
            "path": name, "line": _line_of_byte(data, exc.start), "offset": exc.start})
        ) from exc


def head_encoding(head: bytes, *, whole: bool) -> str | None:
    """The encoding :func:`decode` would find for a file that starts with ``head`` (its
    first bytes; ``whole``: all of them), judged on the head alone: "utf-8", "utf-8-sig" or
    "gb18030"; None for anything else (UTF-16, binary, encodings mixed within the head), which
    only the whole file can tell. A character cut at the end of the head is no error.

    >>> head_encoding("时间,站点".encode("gbk"), whole=True), head_encoding(b"a,b", whole=True)
    ('gb18030', 'utf-8')
    >>> head_encoding("站".encode("gbk")[:1], whole=False), head_encoding("a".encode("utf-16"), whole=True)
    ('utf-8', None)
    """
    if b"\x00" in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for encoding in ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=whole)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig" or _utf8_lines_before(head, exc.start):
                return None  # the general path names the line where the encodings change
            continue
        return encoding
    return None


def codec_name(encoding: str, head: bytes) -> str:
    """The codec of an ``--encoding`` for bytes that start with ``head``: UTF-8 with its
    byte order mark read as "utf-8-sig" (the mark is not part of the first header cell).
    A name Python does not know raises ``LookupError``.

    >>> codec_name("UTF8", b"\\xef\\xbb\\xbfa"), codec_name("gbk", b"a")
    ('utf-8-sig', 'gbk')
    """
    codec = codecs.lookup(encoding).name
    return "utf-8-sig" if codec == "utf-8" and head.startswith(codecs.BOM_UTF8) else codec


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    not_text = InputError(Text("input.not_encoding", {"path": name, "encoding": encoding}))
    try:
        codec = codec_name(encoding, data)
    except LookupError as exc:
        raise not_text from exc
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(Text("input.bad_byte", {
            "path": name, "encoding": encoding, "line": _line_of_byte(data, exc.start),
            "offset": exc.start})) from exc
    except (LookupError, UnicodeError) as exc:
        # base64, rot13, zlib are codecs but not text encodings (LookupError); "undefined"
        # refuses every use (UnicodeError)
        raise not_text from exc
    if "\x00" in text:
        raise InputError(Text("input.binary", {"path": name}))
    return text, codec


def _utf8_lines_before(data: bytes, bad: int) -> bool:
    """Whether whole lines of Chinese text before byte ``bad`` decoded as UTF-8.

    A GBK file almost always fails UTF-8 at its first Chinese character; a file with a
    complete line of UTF-8 Chinese before the failure mixes two encodings (rows appended
    from another export), and reading it all as GBK would turn the UTF-8 part into mojibake.
    """
    first = _UTF8_CJK.search(data, 0, bad)
    return first is not None and data.find(b"\n", first.end(), bad) != -1


def _mixed(name: str, data: bytes, bad: int) -> InputError:
    line = _line_of_byte(data, bad)
    return InputError(Text("input.mixed_encodings", {"path": name, "before": line - 1,
                                                     "line": line, "offset": bad}))


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def split_lines(text: str) -> list[str]:
    """Lines as the CSV parsers see them: broken at \\n, \\r\\n and \\r only.

    >>> split_lines("a\\r\\nb\\u2028c\\rd\\n")
    ['a', 'b\\u2028c', 'd']
    """
    if _EXOTIC_BREAKS.search(text) is None:
        return text.splitlines()  # the fast C split agrees with the parsers here
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
