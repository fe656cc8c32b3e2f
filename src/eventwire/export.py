"""Writers for lists of flat event dicts (``Store.query_events`` rows): table, json, jsonl, csv.

    from eventwire.export import write_events
    write_events(store.query_events(actor="USA"), "csv", sys.stdout)
"""
from __future__ import annotations

import csv
import itertools
import os
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "jsonl", "csv")
"""Output formats ``write_events`` accepts."""

PIPED_TABLE_WIDTH = 160
"""Table width when the output is not a terminal and ``$COLUMNS`` is unset (rich would use 80)."""

TABLE_COLUMNS = ("date", "dyad", "type", "modality", "location", "document", "evidence")
"""Columns of the table format (for people); the other formats write every key."""


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON text as eventwire writes it everywhere: UTF-8 characters kept, not escaped."""
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write ``rows`` as one indented JSON list, a row at a time (an iterator is never held whole)."""
    first = True
    for row in rows:
        item = "\n".join("  " + line for line in dumps(row, indent=2).splitlines())
        out.write(("[\n" if first else ",\n") + item)
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write one JSON object per line."""
    for row in rows:
        out.write(dumps(row) + "\n")


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str] | None = None) -> None:
    """Write a header and one line per row; columns default to ``EVENT_COLUMNS`` (or the first row's keys
    when rows are not store events). None becomes an empty cell; lists and dicts become JSON text.
    ``rows`` may be an iterator (written as it is read)."""
    if columns is None:
        from eventwire.store import EVENT_COLUMNS

        rows = iter(rows)
        first = next(rows, None)
        columns = EVENT_COLUMNS if first is None or set(EVENT_COLUMNS) <= set(first) else list(first)
        rows = itertools.chain([first] if first is not None else [], rows)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])


def table_console(stream: TextIO, **options: Any) -> Console:
    """A rich Console for tables on ``stream``: a pipe or file gets ``PIPED_TABLE_WIDTH`` columns unless
    ``$COLUMNS`` says otherwise (rich's 80 is too narrow for evidence text and geonameids)."""
    piped = not (hasattr(stream, "isatty") and stream.isatty()) and not os.environ.get("COLUMNS")
    return Console(file=stream, highlight=False, width=PIPED_TABLE_WIDTH if piped else None, **options)


UNDATED = "undated"
"""The table's date cell of an event with no date of its own in a document with no publication date."""


def date_cell(row: dict[str, Any]) -> Text:
    """The table's date cell: the event's own date (``date_start``, the start of its interval); else,
    dimmed, the document's publication date marked ``(published)`` (the date such an event is ordered and
    filtered by), or ``undated`` when the document has no publication date either."""
    if row.get("date_start"):
        return Text(str(row["date_start"]))
    if row.get("published"):
        return Text(f"{row['published']} (published)", style="dim")
    return Text(UNDATED, style="dim")


def write_table(rows: Sequence[dict[str, Any]], out: TextIO | Console | None = None) -> None:
    """Print an event table for people: date (see ``date_cell``), dyad (source -> target codes), PLOVER type
    and CAMEO code, modality, location, document id (sha256 ids shortened to 12 hex digits; left out on
    consoles narrower than 120 columns) and evidence."""
    console = out if isinstance(out, Console) else table_console(out or sys.stdout)
    headers = [h for h in TABLE_COLUMNS if h != "document" or console.width >= 120]
    table = Table(title=f"{len(rows)} event{'s' if len(rows) != 1 else ''}")
    for header in headers:
        table.add_column(header, overflow="fold", ratio=1 if header == "evidence" else None, no_wrap=header == "date")
    for row in rows:
        doc_id = row.get("document_id") or ""
        cells = {
            "date": date_cell(row),
            "dyad": f"{row.get('source_code') or '-'} -> {row.get('target_code') or '-'}",
            "type": f"{row.get('plover_type') or ''} {row.get('cameo_code') or ''}".strip(),
            "modality": row.get("modality") or "",
            "location": _text(row.get("location_name"), 40),
            "document": doc_id[:19] if doc_id.startswith("sha256:") else doc_id,
            "evidence": _text(row.get("evidence"), 200),
        }
        # Text, not str: rich would read "[the minister]" in evidence as a markup tag and drop it ("[/]" raises)
        table.add_row(*(c if isinstance(c, Text) else Text(c) for c in (cells[h] for h in headers)))
    console.print(table)


def write_events(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO | None = None) -> None:
    """Write ``rows`` in ``fmt`` (one of ``FORMATS``) to ``out`` (default stdout). json, jsonl and csv
    stream an iterator; table needs a sequence (its title counts the rows).

    Raises ValueError listing the formats for an unknown one.
    """
    out = out or sys.stdout
    if fmt == "table":
        write_table(rows, out)
    elif fmt == "json":
        write_json(rows, out)
    elif fmt == "jsonl":
        write_jsonl(rows, out)
    elif fmt == "csv":
        write_csv(rows, out)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return dumps(value)
    return value


def _text(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"
