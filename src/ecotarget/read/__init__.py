"""Path, directory or stdin → a table of text cells with canonical column names.

Reading owns everything about the file as bytes and text: the encoding (UTF-8 with or
without BOM, GB18030/GBK, UTF-16 with BOM), the delimiter, a title row above the header, a
header split over two rows (a merged group heading above sub-headings), header aliases and
the input kind. Cells stay text; validation turns them into typed values. Every row keeps
the line number it had in the original file, and no data line is dropped: a line that
cannot be read as a row is kept as a *malformed* row, which validation rejects with the
reason.

One module per step, in reading order: :mod:`~ecotarget.read.source` (paths, directories,
stdin), :mod:`~ecotarget.read.decode` (bytes → text), :mod:`~ecotarget.read.header`,
:mod:`~ecotarget.read.body`, :mod:`~ecotarget.read.bulk` (large files;
:mod:`~ecotarget.read.quotes`, the quoted lines it reads), :mod:`~ecotarget.read.xlsx`,
:mod:`~ecotarget.read.network` (the national network's layouts;
:mod:`~ecotarget.read.long_cells`, a long file's cells as codes),
:mod:`~ecotarget.read.water_release` (the national automatic water-station release's times);
:mod:`~ecotarget.read.reader` chooses among them.
"""

from ecotarget.read.bulk import LARGE_FILE_BYTES, return_freed_memory
from ecotarget.read.decode import decode
from ecotarget.read.reader import read_table
from ecotarget.read.source import STDIN, Source, expand_paths, read_bounded, spooled
from ecotarget.read.table import RawTable

__all__ = ["LARGE_FILE_BYTES", "STDIN", "RawTable", "Source", "decode", "expand_paths",
           "read_bounded", "read_table", "return_freed_memory", "spooled"]
