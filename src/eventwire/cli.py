"""The ``eventwire`` command line: thin Typer commands over library functions.

Commands parse options, call the library (``eventwire.pipeline``, ``eventwire.store``, ``eventwire.export``,
``eventwire.evaluate``, ``eventwire.places``), and print. Heavy modules are imported inside the
commands so ``eventwire --help`` stays fast. Errors users see are one line on stderr,
``error: <input>: <why>; <what to do>``. Exit codes: 0 ok, 1 some inputs failed, 2 usage or setup errors
(bad option values, a store or file that cannot be opened). Output cut short by its reader
(``eventwire events | head``) is not an error: exit 0, nothing on stderr.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from eventwire import __version__
from eventwire.places.gazetteer import DEFAULT_LEVEL

app = typer.Typer(
    help="eventwire: news text in, evidence-linked event data out (PLOVER/CAMEO events, actors, places, "
         "quotes, figures, dates).\n\n"
         "Example:\n\n    eventwire ingest articles/ --db events.db\n\n    eventwire events --db events.db --actor USA",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
gazetteer_app = typer.Typer(
    help="Build, inspect and query the embedded place gazetteer (GeoNames-derived, SQLite).\n\n"
         "Example:\n\n    eventwire gazetteer build --level 5000\n    eventwire gazetteer lookup Matamoros",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(gazetteer_app, name="gazetteer")
dict_app = typer.Typer(
    help="Import, check and query TABARI/PETRARCH-format dictionaries (verbs, actors, agents, discards).\n\n"
         "Example:\n\n    eventwire dict import ../shared/reference/dictionaries/petrarch2 --out dicts/\n"
         "    eventwire code story.txt --dictionaries dicts/",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(dict_app, name="dict")

CODE_FORMATS = ("json", "jsonl", "table")
EVENT_FORMATS = ("table", "json", "jsonl", "csv")
DEFAULT_PAGE = 100
"""Events per page of `eventwire events` unless --limit says otherwise."""
SHOW_FORMATS = ("text", "json")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# Shared option types (one definition, used by every command that takes them).
DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="EVENTWIRE_DB", show_envvar=True, metavar="URL",
    help="Store: SQLAlchemy URL (sqlite:///events.db, postgresql+psycopg://user@host/db) or a file path "
         "(SQLite). Default: sqlite:///eventwire.db in the working directory.")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", metavar="YYYY-MM-DD",
    help="Publication date for inputs that do not carry one; relative dates ('on Friday') resolve against it.")]
MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-bytes", min=1, help="Size limit of one document in bytes (default 50 MB); larger ones are refused.")]
DictionariesOption = Annotated[Path | None, typer.Option(
    "--dictionaries", metavar="DIR", help="Code with TABARI/PETRARCH dictionaries: a directory made by "
    "`eventwire dict import`, or a directory/file of dictionary files (verbs, actors, agents, discards).")]
ClassifierOption = Annotated[bool, typer.Option(
    "--classifier", help="Also ask the optional sentence classifier (pip install 'eventwire[classifier]') for "
    "sentences in which the rules found no event; its events have coder \"classifier\" and confidence <= 0.4.")]


def _stdout_closed() -> NoReturn:
    """The reader of stdout went away (``eventwire events | head``): exit 0 quietly, as ``git log | head``
    does. stdout is pointed at devnull first, so the flush at interpreter exit cannot fail again (see "Note
    on SIGPIPE" in the Python docs of the signal module)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout file descriptor: nothing left to protect
        pass
    raise SystemExit(EXIT_OK) from None


def run() -> None:
    """Console entry point (``eventwire``): ``app``, with Click's usage errors (an unknown option, a value
    out of range such as ``--limit 0``) printed as one line ``error: ...`` like every other error, exit 2.
    A reader that closes the pipe early (``eventwire events | head -3``) ends the command quietly with exit 0."""
    try:  # Typer >= 0.26 carries its own copy of Click
        from typer._click.exceptions import UsageError
    except ImportError:
        from click.exceptions import UsageError

    try:
        code = app(standalone_mode=False)
        sys.stdout.flush()  # output still buffered must meet a closed pipe here, not at interpreter exit
    except BrokenPipeError:
        _stdout_closed()
    except SystemExit as exc:
        # Click/Typer (OSError EPIPE) and rich (Console.on_broken_pipe) turn a broken pipe into exit 1
        if isinstance(exc.__context__, BrokenPipeError):
            _stdout_closed()
        raise
    except UsageError as exc:
        if not exc.format_message().strip():  # no arguments at all: the help is the answer
            exc.show()
            raise SystemExit(exc.exit_code) from None
        command = exc.ctx.command_path if exc.ctx is not None else "eventwire"
        typer.echo(f"error: {' '.join(exc.format_message().split())} (see '{command} --help')", err=True)
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        typer.echo("error: aborted", err=True)
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print a one-line error to stderr and exit with ``code``."""
    typer.echo("error: " + " ".join(message.split()), err=True)
    raise typer.Exit(code)


def _choice(value: str, choices: tuple[str, ...], option: str) -> str:
    low = value.strip().lower()
    if low not in choices:
        _fail(f"{option} {value!r} is not a known format; use one of {', '.join(choices)}")
    return low


def _date_option(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from eventwire.store import parse_date

    try:
        return parse_date(value, option)
    except ValueError as exc:
        _fail(str(exc))


def _quiet(ctx: typer.Context) -> bool:
    return bool((ctx.obj or {}).get("quiet"))


def _open_store(db: str | None, *, must_exist: bool = False):
    """Open the store; for commands that only read (events, show), a SQLite file that does not exist
    is a usage error rather than a new empty store (a mistyped --db would silently show nothing)."""
    from eventwire.store import Store, StoreError
    from eventwire.store.repository import resolve_url

    url = resolve_url(db)
    if must_exist and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        _fail(f"no store at {url[len('sqlite:///'):]}: nothing has been ingested there; check --db "
              f"(or EVENTWIRE_DB), or run eventwire ingest first")
    try:
        return Store(db, writable=not must_exist)
    except StoreError as exc:
        _fail(str(exc))


def _table_console(**options: Any):
    """The Console for tables and reports on stdout (160 columns when piped; see export.table_console)."""
    from eventwire.export import table_console

    return table_console(sys.stdout, **options)


def _pipeline(quiet: bool, batch_size: int = 32, classifier: bool = False, classifier_threshold: float | None = None):
    """Build the Pipeline once; a missing model, gazetteer problem or (with ``classifier``) a missing
    ``classifier`` extra is a one-line error."""
    from eventwire.classify import ClassifierNotInstalled, ExamplesError
    from eventwire.nlp import ModelNotInstalled
    from eventwire.pipeline import Pipeline, TableError
    from eventwire.places.gazetteer import Gazetteer, GazetteerError

    try:
        gazetteer = Gazetteer.open(progress=not quiet)
        return Pipeline(gazetteer=gazetteer, batch_size=batch_size, classifier=classifier,
                        classifier_threshold=classifier_threshold)
    except (ModelNotInstalled, GazetteerError, TableError, ClassifierNotInstalled, ExamplesError) as exc:
        _fail(str(exc), EXIT_FAILED)


def _read_inputs(paths: list[str], published: dt.date | None, max_bytes: int | None):
    from eventwire.documents import read_inputs

    kwargs: dict[str, Any] = {"published": published}
    if max_bytes is not None:
        kwargs["max_bytes"] = max_bytes
    return read_inputs(paths, **kwargs)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries (errors still go to stderr).")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the eventwire version and exit.")] = False,
) -> None:
    """eventwire: news text in, evidence-linked event data out."""
    if version:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()
    ctx.obj = {"quiet": quiet}


@app.command()
def code(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files, directories, JSONL/HTML files, or - for stdin.")],
    published: PublishedOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="json (one object, or a list for several documents) | jsonl (one line per input document) | table.")] = "json",
    max_bytes: MaxBytesOption = None,
    dictionaries: DictionariesOption = None,
    with_text: Annotated[bool, typer.Option("--text", help="json/jsonl: include the document's text (after repair of encodings, NUL bytes and line ends), which every span points into.")] = False,
    classifier: ClassifierOption = False,
) -> None:
    """Code documents and print their events, actors, places, quotes, figures and dates, without storing them.

    With --dictionaries DIR the events come from those TABARI/PETRARCH dictionaries (dictionary codes as
    written; no actors, places, quotes or figures).

    With --format jsonl a failed input is a line {"document": {"origin": ...}, "error": ...}; every failed
    input also gets a line `error: <origin>: <reason>` on stderr, and the exit code is 1.

    Example:

        eventwire code story.txt --published 2009-03-03 --format json
    """
    from eventwire.export import dumps, write_table
    from eventwire.records import DocumentResult
    from eventwire.store import flatten_event

    fmt = _choice(fmt, CODE_FORMATS, "--format")
    pub = _date_option(published, "--published")
    if dictionaries is not None:
        from eventwire.dictionaries.pipeline import DictionaryPipeline

        pipeline = DictionaryPipeline(_load_dictionaries(dictionaries, _quiet(ctx)))
    else:
        pipeline = _pipeline(_quiet(ctx), classifier=classifier)
    failed = 0
    collected: list[dict[str, Any]] = []
    seen = 0
    for item in pipeline.code_many(_read_inputs(paths, pub, max_bytes)):
        seen += 1
        if isinstance(item, DocumentResult):
            obj = item.to_dict(include_text=with_text)
        else:
            failed += 1
            typer.echo(f"error: {item}", err=True)
            obj = {"document": {"origin": item.origin}, "error": " ".join(item.reason.split())}
        if fmt == "jsonl":
            typer.echo(dumps(obj))
        elif fmt == "json":
            collected.append(obj)
        elif "error" not in obj:
            doc = obj["document"]
            typer.echo(f"{doc['id']}  {doc['origin']}" + (f"  published {doc['published']}" if doc["published"] else ""))
            write_table([flatten_event(e, doc) for e in obj["events"]])
    if fmt == "json" and collected:
        typer.echo(dumps(collected[0] if len(collected) == 1 else collected, indent=2))
    if not seen:
        _no_documents(paths)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _no_documents(paths: list[str]) -> NoReturn:
    from eventwire.documents import DEFAULT_EXTENSIONS

    _fail(f"{', '.join(paths)}: no documents found; directories are searched for files ending in "
          f"{' '.join(DEFAULT_EXTENSIONS)}", EXIT_FAILED)


def _rate_column():
    """A rich progress column showing documents per second."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task):  # noqa: ANN001
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "-- docs/s")

    return RateColumn()


def _ingest_progress(enabled: bool):
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = _stderr_console()
    return Progress(SpinnerColumn(), TextColumn("ingesting"), TextColumn("{task.completed} docs"),
                    _rate_column(), TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                    console=console, disable=not (enabled and console.is_terminal), transient=False)


@dataclass
class IngestRun:
    """What one ``run_ingest`` did: counts per status, ids of documents now in the store (when
    ``keep_ids``; a large corpus would otherwise fill memory with them), and whether the user interrupted it
    (documents stored before the interrupt stay stored)."""

    counts: Counter = field(default_factory=lambda: Counter({"ingested": 0, "skipped": 0, "failed": 0}))
    document_ids: list[str] = field(default_factory=list)
    interrupted: bool = False
    keep_ids: bool = True

    def summary(self) -> str:
        """``ingested N, skipped M already stored, failed K``."""
        c = self.counts
        return f"ingested {c['ingested']}, skipped {c['skipped']} already stored, failed {c['failed']}"


def _coder(quiet: bool, batch_size: int, workers: int | None, dask: str | None):
    """What codes documents for ingest: a Pipeline in this process, a ProcessPipeline (``--workers N``) or
    a DaskPipeline (``--dask ADDRESS|local``), started (models loaded) before the progress bar appears.
    Setup problems are one-line errors."""
    if dask is None and (workers or 1) <= 1:
        return _pipeline(quiet, batch_size)
    from eventwire.parallel import ProcessPipeline, WorkerSetupError
    from eventwire.places.gazetteer import Gazetteer, GazetteerError

    if dask is None or dask == "local":  # local workers share the gazetteer file: build it once, here
        try:
            Gazetteer.open(progress=not quiet).close()
        except GazetteerError as exc:
            _fail(str(exc), EXIT_FAILED)
    if dask is None:
        coder = ProcessPipeline(workers, batch_size=batch_size)
        unavailable: tuple[type[Exception], ...] = ()
    else:
        from eventwire.distributed import DaskPipeline, DaskUnavailable

        coder = DaskPipeline(dask, workers=workers, batch_size=batch_size)
        unavailable = (DaskUnavailable,)
    try:
        coder.start()
    except WorkerSetupError as exc:
        coder.close()
        _fail(str(exc), EXIT_FAILED)
    except unavailable as exc:
        coder.close()
        _fail(str(exc))
    return coder


def _follow(outcomes, run: IngestRun, quiet: bool) -> None:
    """Count outcomes into ``run`` with a progress bar (documents/s) and one stderr line per failure."""
    progress = _ingest_progress(not quiet)
    with progress:
        task = progress.add_task("ingest", total=None, failed=0)
        try:
            for outcome in outcomes:
                run.counts[outcome.status] += 1
                if outcome.status == "failed":
                    progress.console.print("error: " + " ".join(str(outcome).split()))
                elif outcome.document_id and run.keep_ids:
                    run.document_ids.append(outcome.document_id)
                progress.update(task, advance=1, failed=run.counts["failed"])
        except KeyboardInterrupt:
            run.interrupted = True


def run_ingest(store, paths: list[str], *, published: dt.date | None, batch_size: int, max_bytes: int | None,
               quiet: bool, workers: int | None = None, dask: str | None = None, out: Path | None = None,
               keep_ids: bool = True) -> IngestRun:
    """Ingest ``paths`` into ``store`` with a progress bar (on terminals, unless quiet) and one stderr line
    per failed input. Ctrl-C stops after the document in flight. Used by ``ingest`` and ``demo``.

    workers: code in this many processes (results are still stored in input order, by this process);
    dask: code on a Dask cluster (scheduler address or ``local``); out: write a Parquet dataset to this
    directory instead of storing (``store`` unused; outcomes are ``written``/``failed``); keep_ids: collect
    the ids of stored documents in ``run.document_ids`` (``demo`` lists their events; off for big runs).
    """
    from eventwire.store import ingest_paths

    coder = _coder(quiet, batch_size, workers, dask)
    run = IngestRun(keep_ids=keep_ids)
    try:
        if out is None:
            _follow(ingest_paths(store, paths, published=published, pipeline=coder, max_bytes=max_bytes), run, quiet)
        elif dask is not None:
            _follow(coder.write_parquet(_read_inputs(paths, published, max_bytes), out), run, quiet)
        else:
            from eventwire.parquet_io import write_dataset

            _follow(write_dataset(coder.code_many(_read_inputs(paths, published, max_bytes)), out), run, quiet)
    finally:
        if hasattr(coder, "close"):
            coder.close()
    return run


OUT_FORMATS = ("parquet",)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files, directories, JSONL/HTML files, or - for stdin.")],
    db: DbOption = None,
    published: PublishedOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
    max_bytes: MaxBytesOption = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, metavar="N", help="Code in N worker processes "
        "(each loads the model once; this process stores the results in input order). With --dask local: "
        "the number of Dask workers (default: one per core).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS|local", help="Code on a Dask cluster: "
        "scheduler address (tcp://HOST:8786) or 'local' for a LocalCluster on this machine. Needs "
        "pip install 'eventwire[dask]'.")] = None,
    out: Annotated[tuple[str, str] | None, typer.Option("--out", metavar="parquet DIR", help="Write a partitioned "
        "Parquet dataset (documents, events, actors, places, quotes, figures, errors) to the new directory "
        "DIR instead of the store; with --dask the workers write it (DIR must be shared storage for a remote "
        "cluster). Store it later with: eventwire load DIR.")] = None,
) -> None:
    """Code documents and store them; documents already stored (same text) are skipped.

    Each document is stored in its own transaction, so an interrupted run keeps what it stored.
    Prints one line `error: <origin>: <reason>` on stderr per failed input and a summary
    `ingested N, skipped M already stored, failed K`; exit code 1 if any input failed.

    Example:

        eventwire ingest news/ feed.jsonl --db events.db --published 2009-03-03

        eventwire ingest corpus.jsonl --workers 2 --db events.db

        eventwire ingest corpus/ --dask tcp://scheduler:8786 --out parquet /shared/corpus-coded
    """
    pub = _date_option(published, "--published")
    quiet = _quiet(ctx)
    out_dir = None
    if out is not None:
        from eventwire.parquet_io import DatasetError, check_new_dataset

        _choice(out[0], OUT_FORMATS, "--out")
        try:
            out_dir = check_new_dataset(out[1])
        except DatasetError as exc:
            _fail(str(exc))
    store = _open_store(db) if out_dir is None else None
    try:
        run = run_ingest(store, paths, published=pub, batch_size=batch_size, max_bytes=max_bytes, quiet=quiet,
                         workers=workers, dask=dask, out=out_dir, keep_ids=False)
    finally:
        if store is not None:
            store.close()
    summary = run.summary() if out_dir is None else \
        f"wrote {run.counts['written']} documents to {out_dir}, failed {run.counts['failed']}"
    if run.interrupted:
        kept = "stored documents are kept, run again to continue" if out_dir is None else \
            "complete partitions are kept; write to a new directory to start again"
        typer.echo(f"error: interrupted; {summary} ({kept})", err=True)
        raise typer.Exit(130)
    if not sum(run.counts.values()):
        _no_documents(paths)
    if not quiet:
        typer.echo(summary)
    raise typer.Exit(EXIT_FAILED if run.counts["failed"] else EXIT_OK)


@app.command()
def load(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A dataset written by eventwire ingest --out parquet DIR.")],
    db: DbOption = None,
) -> None:
    """Store a Parquet dataset written by `ingest --out parquet DIR` (e.g. on a Dask cluster).

    Partitions are stored in input order, each document in its own transaction, so the store ends up as a
    direct `ingest` of the same input would leave it; documents already stored (same text) are skipped.
    Prints a summary `ingested N, skipped M already stored, failed K`; inputs that had failed before the
    export are counted, not repeated. Exit code 1 if a document could not be stored.

    Example:

        eventwire load /shared/corpus-coded --db events.db
    """
    from eventwire.parquet_io import DatasetError, export_errors, load_dataset

    quiet = _quiet(ctx)
    try:
        earlier = len(export_errors(directory))
    except DatasetError as exc:
        _fail(str(exc))
    store = _open_store(db)
    run = IngestRun(keep_ids=False)
    try:
        _follow(load_dataset(store, directory), run, quiet)
    except DatasetError as exc:
        _fail(str(exc), EXIT_FAILED)
    finally:
        store.close()
    summary = run.summary() + (f" ({earlier} inputs had failed before the export)" if earlier else "")
    if run.interrupted:
        typer.echo(f"error: interrupted; {summary} (stored documents are kept, run again to continue)", err=True)
        raise typer.Exit(130)
    if not quiet:
        typer.echo(summary)
    raise typer.Exit(EXIT_FAILED if run.counts["failed"] else EXIT_OK)


@app.command()
def events(
    ctx: typer.Context,
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code prefix on source or target: USA matches USA, USAGOV, USAMIL.")] = None,
    dyad: Annotated[str | None, typer.Option(metavar="SRC,TGT", help="Source and target code prefixes, e.g. USA,MEX (a side may be empty: ,MEX).")] = None,
    plover_type: Annotated[str | None, typer.Option("--type", metavar="TYPE[,TYPE]", help="PLOVER type(s), e.g. ASSAULT or PROTEST,COERCE.")] = None,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Events on or after this date (undated events use the publication date).")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Events on or before this date.")] = None,
    country: Annotated[str | None, typer.Option(help="Country (ISO alpha-3 or alpha-2) of source, target or location.")] = None,
    include_negated: Annotated[bool, typer.Option("--include-negated", help="Also list negated and hypothetical events.")] = False,
    modality: Annotated[str | None, typer.Option(metavar="MODALITY[,MODALITY]", help="Only these modalities: asserted, planned, intended, threatened, requested, negated, hypothetical (naming negated or hypothetical lists them).")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help=f"Events per page (default {DEFAULT_PAGE}).")] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many events first (the next page: --offset 100).")] = 0,
    all_rows: Annotated[bool, typer.Option("--all", help="Every matching event, streamed (no page limit).")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table | json | jsonl | csv.")] = "table",
) -> None:
    """List stored events matching all given filters, ordered by date, a page at a time.

    A page holds --limit events (default 100); when more match, a note on stderr gives the --offset of
    the next page. --all streams every match instead (for exports: rows are written as they are read).

    The table's date column shows the event's date (the first day of its interval: 'this week' shows the
    week's Monday). An event whose text gives no date shows its document's publication date, dimmed and
    marked "(published)" (the date it is ordered and filtered by), or a dimmed "undated" when the document
    has no publication date either; csv/json/jsonl leave date_start empty and carry published.

    Example:

        eventwire events --db events.db --dyad USA,MEX --since 2009-03-01
        eventwire events --db events.db --actor USA --all --format csv > usa.csv
        eventwire events --db events.db --modality planned,threatened
    """
    from eventwire.export import write_events
    from eventwire.records import MODALITIES
    from eventwire.ontology import plover_types

    fmt = _choice(fmt, EVENT_FORMATS, "--format")
    since_d = _date_option(since, "--since")
    until_d = _date_option(until, "--until")
    types = [t.strip().upper() for t in plover_type.split(",") if t.strip()] if plover_type is not None else None
    if types == []:
        _fail(f"--type {plover_type!r} names no type; use one or more of {', '.join(plover_types())}")
    unknown = [t for t in types or () if t not in plover_types()]
    if unknown:
        _fail(f"--type {', '.join(unknown)}: not a PLOVER type; use one of {', '.join(plover_types())}")
    if since_d and until_d and since_d > until_d:
        _fail(f"--since {since_d} is after --until {until_d}: no event can match")
    if all_rows and limit is not None:
        _fail("--all lists every matching event; leave out --limit (or leave out --all to page)")
    limit = limit or DEFAULT_PAGE
    store = _open_store(db, must_exist=True)
    modalities = [m.strip().lower() for m in modality.split(",") if m.strip()] if modality is not None else None
    if modalities == [] or any(m not in MODALITIES for m in modalities or ()):
        _fail(f"--modality {modality!r}: use one or more of {', '.join(MODALITIES)}")
    filters = dict(actor=actor, dyad=dyad, plover_type=types, since=since_d, until=until_d, country=country,
                   include_negated=include_negated, modality=modalities)
    try:
        if all_rows:
            rows = store.iter_events(**filters, offset=offset)
            if fmt == "table":  # a table is sized from all its rows
                rows = list(rows)
            write_events(rows, fmt, sys.stdout)
            return
        rows = store.query_events(**filters, limit=limit + 1, offset=offset)  # one more: is there a next page?
    except ValueError as exc:
        _fail(str(exc))
    finally:
        store.close()
    more = len(rows) > limit
    write_events(rows[:limit], fmt, sys.stdout)
    if not rows and offset and not _quiet(ctx):
        typer.echo(f"no events at --offset {offset}: fewer match", err=True)
    if more and not _quiet(ctx):
        typer.echo(f"events {offset + 1}-{offset + limit} shown; more match: --offset {offset + limit} for the "
                   f"next page, --all for every event", err=True)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="DOC_ID", help="Document id (or a unique beginning of it).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text | json.")] = "text",
) -> None:
    """Show one stored document with its events, quotes, figures and places.

    Example:

        eventwire show sha256:3f2a --db events.db --format json
    """
    from eventwire.export import dumps

    fmt = _choice(fmt, SHOW_FORMATS, "--format")
    if not doc_id.strip():
        _fail("DOC_ID is empty; give a document id or a unique beginning of one (see eventwire events --format csv)")
    store = _open_store(db, must_exist=True)
    try:
        found = store.get_document(doc_id)
        if found is None:
            ids = store.document_ids(doc_id, limit=6)
            if len(ids) == 1:
                found = store.get_document(ids[0])
            elif ids:
                _fail(f"{doc_id}: matches several documents ({', '.join(ids[:5])}...); give more of the id")
            else:
                _fail(f"{doc_id}: no such document in {store.display_url}; list stored events and their "
                      "document ids with: eventwire events --format csv", EXIT_FAILED)
    finally:
        store.close()
    if fmt == "json":
        typer.echo(dumps(found, indent=2))
    else:
        _print_document(found)


def _print_document(d: dict[str, Any]) -> None:

    from eventwire.export import write_table
    from eventwire.store import flatten_event

    from rich.text import Text

    doc = d["document"]
    out = _table_console(markup=False, emoji=False)
    out.print(doc.get("title") or "(untitled)", style="bold")
    for key in ("id", "published", "source", "url", "origin", "tlp", "organisation", "ingested_at"):
        if doc.get(key):
            out.print(f"{key}: {doc[key]}")
    text = Text(doc.get("text") or "")
    for e in d["events"]:  # evidence spans stand out on a terminal
        text.stylize("bold", *e["span"])
    out.print()
    out.print(text)
    out.print()
    write_table([flatten_event(e, doc) for e in d["events"]], out)
    if d["quotes"]:
        out.print(f"quotes ({len(d['quotes'])}):", style="bold")
        for q in d["quotes"]:
            speaker = (q.get("speaker") or {}).get("name") or "unknown speaker"
            out.print(f"  “{q['text']}” — {speaker}" + (f" to {q['addressee']}" if q.get("addressee") else ""))
    if d["figures"]:
        out.print(f"figures ({len(d['figures'])}):", style="bold")
        for f in d["figures"]:
            value = f["value"] if f["value"] is not None else f"{f['min']}–{f['max']}"
            out.print(f"  {f['kind']}: {f['qualifier']} {value} {f['unit']}  ({f['text']})")
    if d["places"]:
        out.print(f"places ({len(d['places'])}):", style="bold")
        for p in d["places"]:
            where = (f"{p['name']}, {p.get('admin1') or '-'}, {p['country']} (geonameid {p['geonameid']}, "
                     f"{p['lat']}, {p['lon']})" if p.get("geonameid") else f"unresolved: {p.get('reason') or '-'}")
            out.print(f"  {p['text']} -> {where}")


def _first_record(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise ValueError("its first line is not a JSON object")
                    return record
    except FileNotFoundError as exc:
        raise ValueError("no such file") from exc
    except IsADirectoryError as exc:
        raise ValueError("a directory of a kind evaluate does not read (articles, seed, suites, stories and "
                         "geo files are named in `eventwire evaluate --help`)") from exc
    except PermissionError as exc:
        raise ValueError("permission denied") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (undecodable byte at offset {exc.start}); is it a binary file?") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"its first line is not JSON ({exc.msg}, column {exc.colno})") from exc
    except (OSError, RecursionError) as exc:
        raise ValueError(f"cannot read its first record ({type(exc).__name__}: {exc})") from exc
    except ValueError as exc:
        raise ValueError(f"cannot read its first record: {exc}") from exc
    raise ValueError("empty file")


@app.command()
def evaluate(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Geo gold (JSONL with 'toponyms'), event suites (JSONL with 'expected'), article directories, labelled stories (.csv / .csv.zip with text, label = PLOVER type, mode), CAMEO PentaClass sentences (.tsv: text<TAB>0-4) or CoNLL actor spans (.txt/.conll with B-S/B-T tags).")],
    gold_spans: Annotated[bool, typer.Option("--gold-spans", help="Geo: resolve the gold toponym spans (tests resolution alone, not recognition).")] = False,
    demonyms: Annotated[bool, typer.Option("--demonyms", help="Geo end to end: report demonyms and place adjectives ('Chinese officials') as toponyms of their country, as LGL and GeoWebNews annotate them (eventwire's default leaves them to actor coding).")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N records of each file.")] = None,
    by_type: Annotated[bool, typer.Option("--by-type", help="Suites and PentaClass files: add per-type scores and a confusion table.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON (a list when several files).")] = False,
    validation: Annotated[bool, typer.Option("--validation", help="Suites: code with the suite's own TABARI/PETRARCH dictionaries (petrarch_unittest, udpetrarch_validate_2_02, tabari_validation; named in MANIFEST.json).")] = False,
    dictionaries: DictionariesOption = None,
    lead: Annotated[int, typer.Option(min=1, help="Stories: sentences that make a story's lead (recall is reported for the lead and the whole story).")] = 3,
    split: Annotated[str | None, typer.Option(help="Stories: code only the 'tune' part or the 'heldout' quarter (sha1(row index) mod 4 == 0).")] = None,
    classifier: ClassifierOption = False,
    classifier_threshold: Annotated[float | None, typer.Option("--classifier-threshold", min=0.0, max=1.0, help="With --classifier: the minimum top probability (default eventwire.events.fallback.DEFAULT_THRESHOLD).")] = None,
) -> None:
    """Score eventwire on gold data: toponym resolution (geo JSONL) or event coding (suite JSONL).

    The kind of each file is taken from its first record: "toponyms" means geo gold, "expected" an event
    suite. A directory holding `*.gold.json` files is scored as hand-coded articles. With --validation or
    --dictionaries DIR, suites are coded by the dictionary coder and scored on exact (source, target, code) sets.
    A file named *.csv or *.csv.zip is a labelled story file (columns text, label = PLOVER type, optional mode):
    it is scored on story-level PLOVER type recall in the lead (--lead sentences) and in the whole story
    (definitions in docs/evaluation.md and eventwire.story_evaluate); --by-type adds per-type and per-mode tables.
    A *.tsv file of `text<TAB>digit 0-4` lines is a CAMEO PentaClass file (ConfliBERT cameo_class): scored on the
    sentence-level class (accuracy, per-class P/R/F1; --by-type adds the confusion table). A CoNLL *.txt/*.conll
    file with B-S/B-T tags (ConfliBERT cameo_ner) is scored on source/target actor spans
    (eventwire.pentaclass_evaluate). train.* is the tuning part, test.* the held-out part.

    Example:

        eventwire evaluate ../shared/suites/petr2_gsr.jsonl ../shared/geo/lgl.jsonl --limit 50
        eventwire evaluate ../shared/suites/petrarch_unittest.jsonl --validation
        eventwire evaluate ../shared/reference/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip --split tune --by-type
        eventwire evaluate ../shared/reference/conflibert/cameo_class/test.tsv --by-type
    """
    quiet = _quiet(ctx)
    loaded = _load_dictionaries(dictionaries, quiet) if dictionaries is not None else None
    results: list[dict[str, Any]] = []
    failed = 0
    shared: dict[str, Any] = {}
    for path in files:
        if path.is_dir() and any(path.glob("*.gold.json")):
            from eventwire.evaluate import evaluate_articles

            if "pipeline" not in shared:
                shared["pipeline"] = _pipeline(quiet, classifier=classifier, classifier_threshold=classifier_threshold)
            result = evaluate_articles(path, pipeline=shared["pipeline"])
            for message in result.get("gold_errors", []):  # unreadable gold files: named, and the exit is 1
                typer.echo(f"error: {message}", err=True)
                failed += 1
            results.append({"file": str(path), "kind": "articles", **result} if as_json else
                           {"file": str(path), "kind": "articles", "result": result})
            continue
        from eventwire.pentaclass_evaluate import is_actor_span_file, is_pentaclass_file

        conflibert_kind = ("pentaclass" if is_pentaclass_file(path) else
                           "actor_spans" if is_actor_span_file(path) else None)
        if conflibert_kind is not None:
            from eventwire.pentaclass_evaluate import evaluate_actor_spans, evaluate_pentaclass

            try:
                if "pipeline" not in shared:
                    shared["pipeline"] = _pipeline(quiet, classifier=classifier, classifier_threshold=classifier_threshold)
                scorer = evaluate_pentaclass if conflibert_kind == "pentaclass" else evaluate_actor_spans
                result = scorer(path, pipeline=shared["pipeline"], limit=limit, progress=not quiet)
            except (OSError, ValueError) as exc:
                typer.echo("error: " + " ".join(f"{path}: {exc}".split()), err=True)
                failed += 1
                continue
            results.append({"file": str(path), "kind": conflibert_kind, **result} if as_json else
                           {"file": str(path), "kind": conflibert_kind, "result": result, "by_type": by_type})
            continue
        from eventwire.story_evaluate import is_story_file

        if is_story_file(path):
            from eventwire.story_evaluate import evaluate_stories

            try:
                if split not in (None, "tune", "heldout"):
                    raise ValueError(f"--split must be 'tune' or 'heldout', got {split!r}")
                if "pipeline" not in shared:
                    shared["pipeline"] = _pipeline(quiet, classifier=classifier, classifier_threshold=classifier_threshold)
                result = evaluate_stories(path, pipeline=shared["pipeline"], limit=limit, lead=lead, by_type=by_type,
                                          split=split, progress=not quiet)
            except (OSError, ValueError) as exc:
                typer.echo("error: " + " ".join(f"{path}: {exc}".split()), err=True)
                failed += 1
                continue
            results.append({"file": str(path), "kind": "stories", **result} if as_json else
                           {"file": str(path), "kind": "stories", "result": result})
            continue
        try:
            first = _first_record(path)
        except ValueError as exc:
            typer.echo(f"error: {path}: {exc}; give a JSONL file of geo gold or an event suite", err=True)
            failed += 1
            continue
        try:
            if "toponyms" in first:
                result = _evaluate_geo(path, gold_spans=gold_spans, demonyms=demonyms, limit=limit, shared=shared,
                                       quiet=quiet)
                kind = "geo"
            elif "expected" in first:
                from eventwire.evaluate import evaluate_suite

                if validation or loaded is not None:
                    result = _evaluate_with_dictionaries(path, limit=limit, by_type=by_type, dictionaries=loaded)
                else:
                    if "pipeline" not in shared:
                        shared["pipeline"] = _pipeline(quiet, classifier=classifier, classifier_threshold=classifier_threshold)
                    result = evaluate_suite(path, limit=limit, by_type=by_type, pipeline=shared["pipeline"])
                kind = "suite"
            else:
                raise ValueError('first record has neither "toponyms" (geo gold) nor "expected" (event suite); '
                                 "see ../shared/geo/SOURCES.md and ../shared/suites/README.md for the formats")
        except (OSError, ValueError) as exc:
            typer.echo("error: " + " ".join(f"{path}: {exc}".split()), err=True)
            failed += 1
            continue
        results.append({"file": str(path), "kind": kind, **result} if as_json else
                       {"file": str(path), "kind": kind, "result": result})
    if as_json:
        from eventwire.export import dumps

        if results:
            typer.echo(dumps(results[0] if len(results) == 1 else results, indent=2))
    else:
        for r in results:
            _print_evaluation(r)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _evaluate_geo(path: Path, *, gold_spans: bool, demonyms: bool, limit: int | None, shared: dict[str, Any],
                  quiet: bool) -> dict:
    """Geo evaluation with a resolver over the packaged gazetteer; spaCy only for end-to-end runs."""
    from eventwire.geo_evaluate import evaluate_geo
    from eventwire.nlp import ModelNotInstalled, load_nlp
    from eventwire.places.gazetteer import Gazetteer, GazetteerError
    from eventwire.places.resolve import PlaceResolver

    try:
        if "resolver" not in shared:
            shared["resolver"] = PlaceResolver(Gazetteer.open(progress=not quiet),
                                               demonyms=demonyms)
        nlp = None if gold_spans else load_nlp()
    except (ModelNotInstalled, GazetteerError) as exc:
        _fail(str(exc), EXIT_FAILED)
    return evaluate_geo(path, gold_spans=gold_spans, resolver=shared["resolver"], nlp=nlp, limit=limit)


def _print_evaluation(r: dict[str, Any]) -> None:
    result = r["result"]
    if r["kind"] == "pentaclass":
        from eventwire.pentaclass_evaluate import format_pentaclass_report

        typer.echo(format_pentaclass_report(result, by_type=r.get("by_type", False)))
        return
    if r["kind"] == "actor_spans":
        from eventwire.pentaclass_evaluate import format_actor_span_report

        typer.echo(format_actor_span_report(result))
        return
    if r["kind"] == "stories":
        from eventwire.story_evaluate import format_story_report

        typer.echo(format_story_report(result))
        return
    if r["kind"] in ("suite", "articles"):
        from eventwire.evaluate import format_report

        typer.echo(format_report(result))
        return

    try:
        from eventwire.geo_evaluate import format_report as geo_report
    except ImportError:
        geo_report = None
    if geo_report is not None:
        typer.echo(geo_report(result))
        return
    _table_console().print(_dict_table(result, title=f"geo: {r['file']}"))


def _dict_table(d: dict[str, Any], title: str | None = None):
    """A two-column rich table of a (nested) result dict: nested keys joined with dots."""
    from rich.table import Table

    table = Table(title=title, show_header=False)
    table.add_column("metric")
    table.add_column("value", overflow="fold")
    for key, value in _flat_items(d):
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    return table


def _flat_items(d: dict[str, Any], prefix: str = ""):
    for key, value in d.items():
        if isinstance(value, dict):
            yield from _flat_items(value, f"{prefix}{key}.")
        elif not isinstance(value, list):
            yield f"{prefix}{key}", value


def _level(value: str) -> str:
    from eventwire.places.gazetteer import LEVELS

    if value not in LEVELS:
        _fail(f"--level {value!r} is not a gazetteer level; use one of {', '.join(LEVELS)} "
              "(minimum city population)")
    return value


GazPathOption = Annotated[Path | None, typer.Option(
    "--path", envvar="EVENTWIRE_GAZETTEER", show_envvar=True,
    help="Gazetteer file (default: a file per version and level in ~/.cache/eventwire/).")]
LevelOption = Annotated[str, typer.Option(
    "--level", metavar="15000|5000|1000|500", help="Include cities with at least this many people.")]


@gazetteer_app.command("build")
def gazetteer_build(ctx: typer.Context, level: LevelOption = DEFAULT_LEVEL, path: GazPathOption = None) -> None:
    """Build the gazetteer file from packaged GeoNames data (no network); replaces an existing file.

    Example:

        eventwire gazetteer build --level 5000
    """
    from eventwire.places.gazetteer import Gazetteer, GazetteerError, build_gazetteer, default_path

    level = _level(level)
    target = path or default_path(level)
    try:
        built = build_gazetteer(target, level=level, progress=not _quiet(ctx))
    except GazetteerError as exc:
        _fail(str(exc), EXIT_FAILED)
    if not _quiet(ctx):
        gaz = Gazetteer(built)
        info = gaz.info()
        gaz.close()
        typer.echo(f"built {built}: {sum(info['counts'].values())} places, {info['names']} names, "
                   f"{info['size_bytes'] / 1e6:.1f} MB")


@gazetteer_app.command("info")
def gazetteer_info(level: LevelOption = DEFAULT_LEVEL, path: GazPathOption = None,
                   as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Show the gazetteer file's path, level, build date, size and counts per kind of place.

    Example:

        eventwire gazetteer info --json
    """

    from eventwire.export import dumps
    from eventwire.places.gazetteer import Gazetteer, GazetteerError

    try:
        gaz = Gazetteer.open(path, build=False, level=_level(level))
    except GazetteerError as exc:
        _fail(str(exc), EXIT_FAILED)
    info = gaz.info()
    gaz.close()
    if as_json:
        typer.echo(dumps(info, indent=2))
    else:
        _table_console().print(_dict_table(info, title="gazetteer"))


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Place name as written, e.g. 'Ciudad Juarez' or Kharkov.")],
    country: Annotated[str | None, typer.Option(help="Only places in this country (ISO alpha-2, e.g. MX).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many candidates.")] = 20,
    level: LevelOption = DEFAULT_LEVEL,
    path: GazPathOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List the gazetteer entries a name may refer to, best first (builds the gazetteer if it is missing).

    Example:

        eventwire gazetteer lookup Paris --country US
    """
    from dataclasses import asdict

    from rich.table import Table

    from eventwire.export import dumps
    from eventwire.places.gazetteer import Gazetteer, GazetteerError

    try:
        gaz = Gazetteer.open(path, build=True, level=_level(level), progress=not _quiet(ctx))
    except GazetteerError as exc:
        _fail(str(exc), EXIT_FAILED)
    found = [asdict(c) for c in gaz.lookup(name, country=country.upper() if country else None, limit=limit)]
    gaz.close()
    if as_json:
        typer.echo(dumps(found, indent=2))
    elif not found:
        typer.echo(f"no gazetteer entry for {name!r}" + (f" in {country.upper()}" if country else ""))
    else:
        table = Table(title=f"{len(found)} candidate{'s' if len(found) != 1 else ''} for {name!r}")
        keys = ("geonameid", "name", "country", "admin1", "feature_code", "kind", "population", "lat", "lon")
        for key in keys:
            table.add_column(key)
        for c in found:
            table.add_row(*("" if c.get(k) is None else str(c.get(k)) for k in keys))
        _table_console().print(table)
    raise typer.Exit(EXIT_OK if found else EXIT_FAILED)


def examples_dir() -> Path | None:
    """The bundled example articles: ``examples/`` of a source checkout, else packaged ``eventwire/data/examples``."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "examples", here / "data" / "examples"):
        if candidate.is_dir() and any(p.is_file() and not p.name.startswith(".") for p in candidate.iterdir()):
            return candidate
    return None


@app.command()
def demo(ctx: typer.Context, db: DbOption = None,
         fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table | json | jsonl | csv.")] = "table") -> None:
    """Ingest the bundled example article(s) into the store and list their events.

    Example:

        eventwire demo --db demo.db
    """
    from eventwire.export import write_events

    fmt = _choice(fmt, EVENT_FORMATS, "--format")
    folder = examples_dir()
    if folder is None:
        _fail("example articles not found (looked for examples/ next to src/ and eventwire/data/examples); "
              "run the demo from a source checkout", EXIT_FAILED)
    quiet = _quiet(ctx)
    store = _open_store(db)
    try:
        run = run_ingest(store, [str(folder)], published=None, batch_size=32, max_bytes=None, quiet=quiet)
        rows = store.query_events(document_ids=run.document_ids)
    finally:
        store.close()
    if not quiet:
        typer.echo(f"{run.summary()} (from {folder}, into {store.display_url})", err=True)
    write_events(rows, fmt, sys.stdout)
    raise typer.Exit(EXIT_FAILED if run.counts["failed"] or run.interrupted else EXIT_OK)


# ---- dictionaries (TABARI/PETRARCH) -------------------------------------------------------------------

def _load_dictionaries(path: Path, quiet: bool):
    """Load dictionaries (cache or source files); per-line problems are summarised once on stderr."""
    from eventwire.dictionaries import DictionaryError, load_dictionaries

    try:
        ds = load_dictionaries(path)
    except (DictionaryError, FileNotFoundError) as exc:
        _fail(f"{exc}; give a directory made by `eventwire dict import` or a folder of dictionary files")
    if ds.errors and not quiet:
        typer.echo(f"warning: {len(ds.errors)} dictionary line(s) could not be read and were skipped; "
                   f"`eventwire dict check {path}` lists them", err=True)
    return ds


def _evaluate_with_dictionaries(path: Path, *, limit: int | None, by_type: bool, dictionaries) -> dict:
    """evaluate_suite in validation mode: the given dictionaries, else the suite's own (MANIFEST.json)."""
    from eventwire.dictionaries import DictionaryError
    from eventwire.evaluate import evaluate_suite
    from eventwire.nlp import ModelNotInstalled

    try:
        return evaluate_suite(path, limit=limit, by_type=by_type, dictionaries=dictionaries,
                              validation=dictionaries is None)
    except DictionaryError as exc:
        raise ValueError(str(exc)) from exc
    except ModelNotInstalled as exc:
        _fail(str(exc), EXIT_FAILED)


@dict_app.command("import")
def dict_import(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(metavar="DIR_OR_FILES", help="A folder of dictionary files (names containing verbs/actors/agents/discards, or a TABARI .project), or the files themselves.")],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder to write the loaded dictionaries to (eventwire-dictionaries.json).")],
    flavor: Annotated[str | None, typer.Option("--flavor", metavar="FLAVOR", help="petrarch (whole words) | tabari (stems); default: detected per file.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any line could not be read (the cache is still written).")] = False,
) -> None:
    """Read TABARI/PETRARCH dictionaries and cache the loaded form for `code`/`evaluate --dictionaries DIR`.

    Lines that cannot be read are skipped and listed once, with file:line, on stderr.

    Example:

        eventwire dict import ../shared/reference/dictionaries/petrarch2 --out dicts/
    """
    from eventwire.dictionaries import DictionaryError, import_dictionaries, summarize_issues

    if flavor is not None:
        flavor = _choice(flavor, ("petrarch", "tabari"), "--flavor")
    try:
        ds, target = import_dictionaries([str(p) for p in inputs], out, flavor=flavor)
    except (DictionaryError, FileNotFoundError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{out}: cannot write the dictionary cache ({exc.strerror or exc}); check the folder is writable")
    if ds.issues:
        typer.echo(summarize_issues(ds.issues, limit=20), err=True)
    if not _quiet(ctx):
        counts = ds.summary()
        typer.echo(f"wrote {target}: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()))
    raise typer.Exit(EXIT_FAILED if strict and ds.errors else EXIT_OK)


@dict_app.command("check")
def dict_check(
    inputs: Annotated[list[Path], typer.Argument(metavar="DIR_OR_FILES", help="Dictionary files, a folder of them, or an import folder.")],
    limit: Annotated[int, typer.Option(min=1, help="List at most this many problems.")] = 200,
) -> None:
    """Read dictionaries and list every line that could not be read (file:line: problem: 'line'); exit 1 if any
    error.

    Example:

        eventwire dict check ../shared/suites/original/openeventdata-petrarch2
    """
    from eventwire.dictionaries import DictionaryError, load_dictionaries, summarize_issues

    try:
        ds = load_dictionaries([str(p) for p in inputs] if len(inputs) > 1 else inputs[0])
    except (DictionaryError, FileNotFoundError) as exc:
        _fail(str(exc))
    typer.echo(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ds.summary().items()))
    typer.echo(summarize_issues(ds.issues, limit=limit))
    raise typer.Exit(EXIT_FAILED if ds.errors else EXIT_OK)


@dict_app.command("lookup")
def dict_lookup(
    source: Annotated[Path, typer.Argument(metavar="DIR", help="An import folder or dictionary files.")],
    phrase: Annotated[str, typer.Argument(help="An actor phrase (MINAS TIRITH) or a verb (RESTORED).")],
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Resolve actor date restrictions at this date.")] = None,
) -> None:
    """Show how the dictionaries code a phrase: its actor code (date restrictions resolved), agent code and verb
    block with patterns (as written). A verb code written with TABARI's dominant marker ([031!]) shows as
    `[031] dominant`: when that verb codes an event, no other verb of the sentence does.

    Example:

        eventwire dict lookup dicts/ "Minas Tirith" --date 1995-01-01
    """
    from eventwire.dictionaries import DictionaryError, load_dictionaries

    when = _date_option(date, "--date")
    try:
        ds = load_dictionaries(source)
    except (DictionaryError, FileNotFoundError) as exc:
        _fail(str(exc))
    found = False
    if ds.actors is not None and (code := ds.actors.lookup(phrase, when)) is not None:
        typer.echo(f"actor  {phrase.upper()}  [{code}]")
        found = True
    if ds.agents is not None and (code := ds.agents.lookup(phrase)) is not None:
        typer.echo(f"agent  {phrase.upper()}  [{code}]")
        found = True
    if ds.verbs is not None:
        for form in ds.verbs.lookup(phrase.strip().split()[0].upper() if phrase.strip() else ""):
            block = ds.verbs.blocks[form.block]
            dominant = " dominant" if getattr(form, "dominant", False) else ""  # TABARI [CODE!]
            typer.echo(f"verb   {' '.join(form.words)}  [{form.code}]{dominant}  block {block.name} ({block.source}), "
                       f"{len(block.patterns)} patterns")
            for pat in block.patterns:
                typer.echo(f"         {pat.text}")
            found = True
    if not found:
        typer.echo(f"{phrase!r} is not in these dictionaries", err=True)
        raise typer.Exit(EXIT_FAILED)
