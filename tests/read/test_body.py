"""The rows below the header: every data line kept, each with the line it starts on in the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecotarget.read.body import parse_fast, parse_with_csv
from ecotarget.validate import validate_table
from tests.read.helpers import cells, read

# --- rows and their line numbers --------------------------------------------------------------


def english(malformed: Mapping[int, object]) -> dict[int, str]:
    """The reader's reasons for malformed rows, in English (each is a catalogue Text)."""
    return {position: str(reason) for position, reason in malformed.items()}


def test_line_numbers_survive_a_quoted_newline_and_blank_rows() -> None:
    text = ('月份,指标,数值,备注\r\n2025-01,培训期数,3,"第一行\r\n第二行"\r\n\r\n,,,\r\n'
            "2025-02,培训期数,x,\r\n")
    table = read(text)
    assert table.lines.tolist() == [2, 6]
    assert cells(table)[0] == ["2025-01", "培训期数", "3", "第一行\n第二行"]
    assert table.spans == {2: 2}
    assert table.original(2) == '2025-01,培训期数,3,"第一行\n第二行"'
    (error,) = validate_table(table).errors
    assert (error.line, error.value) == (6, "x")


def test_line_numbers_without_any_quotes_take_the_fast_path() -> None:
    table = read("月份,指标,数值\n\n2025-01,培训期数,3\n ,  ,\n2025-02,培训期数,2\n")
    assert table.lines.tolist() == [3, 5]


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c", "\x1c"])
def test_characters_that_str_splitlines_breaks_at_do_not_shift_lines(separator: str) -> None:
    table = read(f"月份,指标,数值,备注\n2025-01,培训期数,3,a{separator}b\n2025-02,培训期数,x,\n")
    assert table.lines.tolist() == [2, 3]
    assert cells(table)[0][3] == f"a{separator}b"


def test_rows_with_too_many_fields_are_kept_as_malformed() -> None:
    table = read("月份,指标,数值\n2025-01,培训期数,1,200\n2025-02,培训期数,2,,\n"
                 "2025-03,培训期数,3,x,y\n")
    assert table.lines.tolist() == [2, 3, 4]
    assert english(table.malformed) == {
        0: "4 fields where the header has 3: a delimiter inside a value? quote the value or "
           "remove the extra delimiter",
        2: "5 fields where the header has 3: a delimiter inside a value? quote the value or "
           "remove the extra delimiter",
    }  # trailing empty fields (row 1) are harmless


def test_an_unclosed_quote_loses_no_following_row() -> None:
    table = read('月份,指标,数值,备注\n2025-01,培训期数,3,"第一期\n2025-02,培训期数,2,\n'
                 "2025-03,培训期数,1,\n")
    assert table.lines.tolist() == [2, 3, 4]
    assert cells(table)[1:] == [["2025-02", "培训期数", "2", ""], ["2025-03", "培训期数", "1", ""]]
    assert str(table.malformed[0]).startswith('a quote (") opens a value that is never closed')


def test_a_quote_that_breaks_off_mid_file_loses_no_following_row() -> None:
    table = read('月份,指标,数值\n2025-01,a,"1\n2025-02,b,2\n2025-03,c,"3"x\n2025-04,d,4\n')
    assert table.lines.tolist() == [2, 3, 4, 5]
    assert str(table.malformed[0]).startswith("a quoted value opened here runs over 3 lines")
    assert cells(table)[1] == ["2025-02", "b", "2"]


def test_a_truncated_last_line_is_malformed_only_without_a_final_line_break() -> None:
    cut = read("月份,指标,数值\n2025-01,培训期数,3\n2025-02,培训期")
    assert english(cut.malformed) == {1: "cut short: 2 of 3 fields on the last line, and the "
                                      "file ends without a line break; the file looks "
                                      "truncated: export it again"}
    assert cut.malformed[1].render("zh") == (  # type: ignore[union-attr]
        "不完整：最后一行只有 2/3 个字段，且文件末尾没有换行；文件像是被截断了：请重新导出")
    # with a final line break the short row is no truncation, but still one field short
    short = ("2 fields, the header has 3: every value after the gap would be read into the "
             "wrong column; write the missing cells (empty is fine) or check the delimiters")
    assert english(read("月份,指标,数值\n2025-01,培训期数,3\n2025-02,培训期\n").malformed) == {1: short}
    # a note (or region) left off at the end is a whole row: nothing after it can shift
    assert english(read("月份,指标,数值,备注\n2025-01,培训期数,3\n2025-02,培训期数,2\n").malformed) == {}
    # but a data column left off is not: the reader cannot tell it from a lost delimiter
    left_off = short.replace("2 fields, the header has 3", "3 fields, the header has 4")
    assert english(read("月份,指标,备注,数值\n2025-01,培训期数,,3\n2025-02,培训期数,2\n").malformed) == {
        1: left_off}


def test_a_value_longer_than_the_csv_modules_field_limit() -> None:
    long = "1" * 200_000
    table = read(f'月份,指标,数值,备注\n2025-01,培训期数,"{long}",\n2025-02,培训期数,"2\n3",\n')
    assert table.lines.tolist() == [2, 3]  # the csv path (a quoted newline) reads both
    assert str(table.malformed[0]).startswith("unreadable (field larger than field limit")


CELL = st.one_of(
    st.text(alphabet='ab1 ,;\t"', max_size=5),
    st.sampled_from(['"a,b"', '"x""y"', ' "q"', "", " ", '"1"2', '5"', "1,234"]),
)


@pytest.mark.slow  # a property test: many generated cases
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(CELL, max_size=5).map(",".join), min_size=1, max_size=6),
       st.integers(1, 4))
def test_fast_and_csv_paths_read_single_line_rows_alike(lines: list[str], width: int) -> None:
    """A row's cells and verdict must not depend on which parser read its file."""
    fast = parse_fast(lines, 2, ",", width)
    if fast is None:
        return  # a quoted value spans lines: only the csv path reads it
    slow = parse_with_csv(lines, 2, ",", width)
    assert fast.frame.to_numpy().tolist() == slow.frame.to_numpy().tolist()
    assert fast.lines.tolist() == slow.lines.tolist()
    assert sorted(fast.malformed) == sorted(slow.malformed)


WRITTEN_CELL = st.one_of(st.text(alphabet='ab1,;\t"\n中-%', min_size=1, max_size=6)
                         .filter(lambda s: not s.startswith(" ")), st.just(""))


@pytest.mark.slow  # a property test: many generated cases
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(WRITTEN_CELL, min_size=1, max_size=5), max_size=8),
       st.sampled_from([",", "\t", ";"]))
def test_no_row_is_lost_and_every_line_number_is_right(rows: list[list[str]],
                                                       delimiter: str) -> None:
    """Whatever the cells hold (delimiters, quotes, line breaks), every written row that is
    not blank comes back once, with the line number it starts on in the file."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["月份", "指标", "数值", "备注"])
    expected: list[int] = []
    line = 2
    for row in rows:
        before = out.tell()
        writer.writerow(row)
        written = out.getvalue()[before:]
        if any(row):
            expected.append(line)
        line += written.count("\n")
    table = read(out.getvalue())
    assert table.lines.tolist() == expected
    validated = validate_table(table)
    assert validated.rows_read == len(expected)
    assert validated.rows_accepted + validated.rows_rejected == validated.rows_read
    assert sorted([*validated.frame["_line"], *(e.line for e in validated.errors)]) == expected
