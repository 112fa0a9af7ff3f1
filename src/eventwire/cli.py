"""The ``eventwire`` command line: a thin layer over the Python API (argument parsing and formatting only)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .config import load_settings
from .errors import EventwireError

app = typer.Typer(
    name="eventwire",
    help="News articles in, structured, geolocated, deduplicated political event data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score eventwire against gold files.", no_args_is_help=True)
actors_app = typer.Typer(help="Inspect actor resolution.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(actors_app, name="actors")

console = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for records without one.")
]
SourceOpt = Annotated[str | None, typer.Option("--source", help="Outlet name for records without one.")]
ActorsOpt = Annotated[Path | None, typer.Option(
    "--actors", help="Extra actors (eventwire YAML or a PETRARCH dictionary JSON); also `actors_file` in config.",
    exists=True, dir_okay=False)]


class OutFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


def _fail(exc: EventwireError) -> None:
    err.print(f"[red]error[/red] ({exc.code}): {exc.message}")
    raise typer.Exit(2)


def _read(db: Path, query: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one store query on a short-lived read-only connection; store errors end the command cleanly."""
    from .store import connect

    try:
        con = connect(db, read_only=True)
        try:
            return query(con, *args, **kwargs)
        finally:
            con.close()
    except EventwireError as exc:
        _fail(exc)


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed} articles"), TimeElapsedColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _run(paths: list[Path], db: Path, published: dt.date | None, source: str | None,
         engine: Engine = Engine.local, scheduler: str | None = None, workers: int = 2, processes: int = 1,
         prefilter: bool = True, actors: Path | None = None, lock_wait: float | None = None) -> dict[str, Any]:
    from .ingest import IngestOptions, read_paths
    from .records import Failure
    from .runner import run_articles
    from .store.db import WRITE_WAIT_SECONDS

    wait = WRITE_WAIT_SECONDS if lock_wait is None else lock_wait

    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(result: object) -> None:
            progress.advance(task)
            if isinstance(result, Failure):
                progress.console.print(f"[yellow]failed[/yellow] {result.origin}: {result.code} {result.message}")

        items = read_paths(paths, IngestOptions(published=published, source=source))
        if engine is Engine.dask:
            from .distributed import DaskOptions, run_dask

            summary = run_dask(items, db=db, on_article=tick, lock_wait=wait,
                               options=DaskOptions(scheduler=scheduler, workers=workers, actors_file=actors))
        else:
            from .pipeline import Pipeline

            pipe = Pipeline(processes=processes, prefilter=prefilter, actors_file=actors)
            try:
                summary = run_articles(items, db=db, pipeline=pipe, on_article=tick, lock_wait=wait)
            finally:
                pipe.close()
    return summary.as_dict()


def _print_summary(run: dict[str, Any], db: Path) -> None:
    from .events import cameo_table
    from .store import connect, summary

    names = cameo_table()
    con = connect(db, read_only=True)
    try:
        s = summary(con)
    finally:
        con.close()
    console.print(f"run: {run['read']} read, {run['articles']} new articles, {run['skipped_known']} already stored, "
                  f"{run['failures']} failures, {run['events']} events, {run.get('stories', 0)} stories "
                  f"in {run['seconds']:.1f}s")
    t = Table(title="store")
    t.add_column("store table")
    t.add_column("rows", justify="right")
    for name, n in s["counts"].items():
        t.add_row(name, str(n))
    console.print(t)
    roots = Table(title="top event types (factual)")
    for col in ("CAMEO root", "name", "events"):
        roots.add_column(col)
    for root, n in s["top_roots"]:
        roots.add_row(str(root), names[root].name if root in names else "", str(n))
    console.print(roots)
    dyads = Table(title="top dyads (factual)")
    for col in ("source", "target", "events"):
        dyads.add_column(col)
    for src, tgt, n in s["top_dyads"]:
        dyads.add_row(src or "—", tgt or "—", str(n))
    console.print(dyads)


@app.command()
def demo(db: DbOpt = Path("eventwire.duckdb")) -> None:
    """Run the bundled sample articles end to end into the store and print a summary.

    Example: eventwire demo && eventwire events --limit 10
    """
    from .ingest import sample_paths

    try:
        # the sample .txt carries no date; the sample's news day stands in for it
        run = _run(sample_paths(), db, dt.date(2024, 5, 14), None)
        _print_summary(run, db)
    except EventwireError as exc:
        _fail(exc)
    console.print(f"store: {db}  — try: eventwire events --db {db} --limit 10")


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .jsonl .csv .html .rss .xml, .gz).")],
    db: DbOpt = Path("eventwire.duckdb"),
    published: PublishedOpt = None,
    source: SourceOpt = None,
    engine: Annotated[Engine, typer.Option(help="local: this process; dask: Dask distributed workers.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler.")] = None,
    workers: Annotated[int, typer.Option(help="Workers of the LocalCluster started when no --scheduler.")] = 2,
    processes: Annotated[int, typer.Option(help="Local engine: extraction worker processes.")] = 1,
    prefilter: Annotated[bool, typer.Option(help="Parse only sentences that may hold an actor and a trigger.")] = True,
    actors: ActorsOpt = None,
    lock_wait: Annotated[float | None, typer.Option(
        help="Seconds to wait while another process holds the store (readers such as `eventwire serve` "
             "let go when asked). Default: 30.", show_default=False)] = None,
) -> None:
    """Ingest files or folders into the store; re-running adds nothing already stored (resumable).

    Example: eventwire run news/ --db news.duckdb --published 2015-11-21
    Example: eventwire run news/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    try:
        settings = load_settings(actors_file=actors)
        result = _run(paths, db, _date(published), source, engine, scheduler, workers, processes, prefilter,
                      settings.actors_file, lock_wait)
        _print_summary(result, db)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    published: PublishedOpt = None,
    source: SourceOpt = None,
    pretty: Annotated[bool, typer.Option(help="Indent the JSON.")] = True,
    actors: ActorsOpt = None,
) -> None:
    """Extract events, actors, places, dates and quantities from one document (no store); prints JSON.

    Example: eventwire extract story.txt --published 2015-11-21
    """
    from .ingest import IngestOptions, read_file
    from .pipeline import Pipeline
    from .records import Failure
    from .serialize import analysis_record

    try:
        items = list(read_file(file, IngestOptions(published=_date(published), source=source)))
        if not items:
            raise EventwireError(f"{file}: no article found")
        first = items[0]
        if isinstance(first, Failure):
            err.print(f"[red]error[/red] ({first.code}): {first.origin}: {first.message}")
            raise typer.Exit(2)
        analysis = Pipeline(actors_file=load_settings(actors_file=actors).actors_file).analyse(first)
    except EventwireError as exc:
        _fail(exc)
    sys.stdout.write(json.dumps(analysis_record(analysis), ensure_ascii=False, indent=2 if pretty else None) + "\n")


def _emit(rows: list[dict[str, Any]], fmt: OutFormat, out: Path | None, title: str) -> None:
    if fmt is OutFormat.table:
        t = Table(title=f"{title} ({len(rows)})")
        cols = list(rows[0].keys()) if rows else []
        for c in cols:
            long = c in ("cameo_name", "headline", "message", "origin", "sentence")
            width = max([len(c), *(len(str(r[c])) for r in rows)])
            t.add_column(c, overflow="ellipsis", no_wrap=True, max_width=40 if long else None,
                         min_width=None if long else min(width, 24))
        for r in rows:
            t.add_row(*("" if r[c] is None else str(r[c]) for c in cols))
        console.print(t)
        return
    if fmt is OutFormat.parquet or fmt is OutFormat.csv:
        if out is None:
            raise typer.BadParameter(f"--format {fmt.value} needs --out FILE")
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        tbl = pa.Table.from_pylist(rows)
        if fmt is OutFormat.parquet:
            pq.write_table(tbl, out)
        else:
            pacsv.write_csv(tbl, out)
        err.print(f"wrote {len(rows)} rows to {out}")
        return
    text = (json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n" if fmt is OutFormat.json
            else "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows))
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def events(
    db: DbOpt = Path("eventwire.duckdb"),
    actor: Annotated[str | None, typer.Option(help="Actor name or CAMEO code prefix (RUS, USAMIL, Putin).")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 code of source, target or location.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 19 or 195.")] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER event type, e.g. ASSAULT.")] = None,
    status: Annotated[str | None, typer.Option(help="factual|hypothetical|negated|future|reported")] = None,
    method: Annotated[str | None, typer.Option(help="pattern|fallback: events coded by a trigger pattern or by "
                                                    "the fallback classifier.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events on or after this date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events on or before this date.")] = None,
    story: Annotated[str | None, typer.Option(help="Story id.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: Annotated[OutFormat, typer.Option("--format")] = OutFormat.table,
    out: Annotated[Path | None, typer.Option("--out")] = None,
    full: Annotated[bool, typer.Option(help="Nested CONTRACT.md records instead of flat rows.")] = False,
) -> None:
    """List coded events from the store.

    Example: eventwire events --actor RUS --cameo 19 --format csv --out strikes.csv
    """
    from .store import EventFilter
    from .store import events as query

    if method not in (None, "pattern", "fallback"):
        raise typer.BadParameter(f"{method!r}: use pattern or fallback", param_hint="--method")
    f = EventFilter(actor=actor, country=country, cameo=cameo, plover=plover, status=status, method=method,
                    date_from=_date(date_from), date_to=_date(date_to), story=story)
    rows = _read(db, query, f, flat=not full, limit=limit)
    if fmt is OutFormat.table and not full:
        keep = {"date_start": "date", "source_code": "source", "cameo_code": "cameo", "cameo_name": "cameo_name",
                "target_code": "target", "plover_type": "plover", "location_name": "location",
                "fatalities": "killed", "num_articles": "articles", "status": "status"}
        rows = [{new: r[old] for old, new in keep.items()} for r in rows]
    _emit(rows, fmt, out, "events")


@app.command()
def stories(
    db: DbOpt = Path("eventwire.duckdb"),
    show: Annotated[str | None, typer.Option("--show", help="Print one story's digest.")] = None,
    fmt: Annotated[OutFormat, typer.Option("--format")] = OutFormat.table,
    out: Annotated[Path | None, typer.Option("--out")] = None,
) -> None:
    """List stories (groups of articles about one happening) with their digests.

    Example: eventwire stories --format jsonl
    """
    from .store import stories as query

    rows = _read(db, query, show)
    for r in rows:
        if isinstance(r.get("digest"), str):
            r["digest"] = json.loads(r["digest"])
    if show and fmt is OutFormat.table:
        for r in rows:
            console.print(f"[bold]{r['headline']}[/bold]  ({r['num_articles']} articles, {r['num_sources']} outlets)")
            for d in r["digest"] or []:
                console.print(f"  • {d['sentence']}  [dim]— {d.get('source') or d['article_id']}[/dim]")
        return
    if fmt is OutFormat.table:
        rows = [{k: r[k] for k in ("id", "headline", "num_articles", "num_sources", "first_seen", "last_seen")}
                for r in rows]
    _emit(rows, fmt, out, "stories")


@app.command()
def failures(
    db: DbOpt = Path("eventwire.duckdb"),
    fmt: Annotated[OutFormat, typer.Option("--format")] = OutFormat.table,
    out: Annotated[Path | None, typer.Option("--out")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
) -> None:
    """List inputs that could not be processed, with their error code and reason.

    Example: eventwire failures --format json
    """
    from .store import failures as query

    rows = _read(db, query, limit)
    _emit(rows, fmt, out, "failures")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="gdelt|plover|parquet|csv|jsonl")],
    out: Annotated[Path, typer.Option("--out", help="Output file.")],
    db: DbOpt = Path("eventwire.duckdb"),
) -> None:
    """Export events for pandas, R or GIS tools.

    Example: eventwire export --format parquet --out events.parquet
    """
    from .store import export as do_export

    n = _read(db, do_export, fmt, out)
    err.print(f"wrote {n} events to {out} ({fmt})")


GoldOpt = Annotated[Path, typer.Option("--gold", help="Gold file.", exists=True, dir_okay=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _print_metrics(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
        return
    if "score_line" in result:
        console.print(result["score_line"])
    t = Table()
    t.add_column("metric")
    t.add_column("value", justify="right")
    for k, v in result.items():
        if isinstance(v, (int, float, str)) and k != "score_line":
            t.add_row(k, f"{v:.4f}" if isinstance(v, float) else str(v))
    console.print(t)
    for row in result.get("rows", []):
        if not row.get("passed", True):
            console.print(f"[red]✗[/red] {row['section']} {row['id']}: {'; '.join(row['problems'])}")
    for err in result.get("errors", []):  # eval events --show-errors: one block per record not fully right
        console.print(f"[red]✗[/red] {err.get('id')}: {escape(str(err.get('text', '')))}")
        console.print(f"    gold      {escape(_brief(err.get('gold')))}")
        console.print(f"    predicted {escape(_brief(err.get('predicted')))}")


def _brief(value: Any) -> str:
    """Gold/predicted values of an error row on one line (tuples and lists of them as 'A 190 B')."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (list, tuple)) for v in value):
        return "; ".join(" ".join(str(x) for x in v) for v in value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else "(none)"
    return str(value)


@eval_app.command("seed")
def eval_seed(gold: GoldOpt, as_json: JsonOpt = False) -> None:
    """Score the acceptance story (e.g. ../shared/acceptance/seed/expected.yaml).

    Example: eventwire eval seed --gold ../shared/acceptance/seed/expected.yaml --json
    """
    from .evaluate.seed import evaluate_seed

    try:
        _print_metrics(evaluate_seed(gold), as_json)
    except EventwireError as exc:
        _fail(exc)


LimitOpt = Annotated[int | None, typer.Option(help="Score only the first N records.")]


@eval_app.command("events")
def eval_events(
    gold: GoldOpt,
    dictionary: Annotated[Path | None, typer.Option(help="User actor dictionary (YAML or PETRARCH JSON).")] = None,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="Per-record differences.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """CAMEO (source, root, target) triple and code F1, per root, or PLOVER type accuracy.

    Example: eventwire eval events --gold ../shared/data/events/petr2_gsr_dev.jsonl
    Example: eventwire eval events --gold ../shared/data/events/petr_unittest_dev.jsonl
             --dictionary ../shared/data/events/petr_unittest_dictionary.json
    """
    from .evaluate.events import evaluate_events

    try:
        _print_metrics(evaluate_events(gold, dictionary=dictionary, show_errors=show_errors), as_json)
    except EventwireError as exc:
        _fail(exc)


@eval_app.command("geo")
def eval_geo(gold: GoldOpt, limit: LimitOpt = None, as_json: JsonOpt = False,
             outlet_prior: Annotated[bool | None, typer.Option(
                 "--outlet-prior/--no-outlet-prior",
                 help="Learn each outlet's home region from its other articles (default: the setting "
                      "geo_outlet_prior, off).")] = None) -> None:
    """Toponym precision/recall and acc@161km, mean and median km error.

    Example: eventwire eval geo --gold ../shared/data/geo/lgl.jsonl
    Example: eventwire eval geo --gold ../shared/data/geo/lgl.jsonl --outlet-prior
    """
    from .evaluate.geo import evaluate_geo

    try:
        _print_metrics(evaluate_geo(gold, limit=limit, outlet_prior=outlet_prior), as_json)
    except EventwireError as exc:
        _fail(exc)


@eval_app.command("event-location")
def eval_event_location(gold: GoldOpt, limit: LimitOpt = None, as_json: JsonOpt = False) -> None:
    """Accuracy of the place chosen as an event's location.

    Example: eventwire eval event-location --gold ../shared/data/geo/event_location_dev.jsonl
    """
    from .evaluate.geo import evaluate_event_location

    try:
        _print_metrics(evaluate_event_location(gold, limit=limit), as_json)
    except EventwireError as exc:
        _fail(exc)


@eval_app.command("stories")
def eval_stories(gold: GoldOpt, as_json: JsonOpt = False,
                 embeddings: Annotated[bool | None, typer.Option(
                     "--embeddings/--no-embeddings",
                     help="Sentence embeddings of every article / of none (default: the setting "
                          "story_embeddings; unset: headline-only articles, when the extra eventwire\\[embeddings] "
                          "is installed).")] = None,
                 extract: Annotated[bool, typer.Option(
                     "--extract", help="Run the extraction stages first, as `eventwire run` does (actors, places "
                                       "and dyads join the similarity); slower.")] = False) -> None:
    """B-cubed precision/recall/F1 of streaming story clustering.

    Example: eventwire eval stories --gold ../shared/data/stories/duc2004_dev.jsonl
    Example: eventwire eval stories --gold ../shared/data/stories/ucinews_dev.jsonl --embeddings
    """
    from .evaluate.stories import evaluate_stories

    try:
        _print_metrics(evaluate_stories(gold, extract=extract, embeddings=embeddings), as_json)
    except EventwireError as exc:
        _fail(exc)


@eval_app.command("digest")
def eval_digest(
    gold: GoldOpt,
    words: Annotated[int, typer.Option(help="Digest length in words.")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """ROUGE-1/2 recall of story digests against human summaries.

    Example: eventwire eval digest --gold ../shared/data/stories/digest/duc2004_dev.jsonl
    """
    from .evaluate.digest import evaluate_digest

    try:
        _print_metrics(evaluate_digest(gold, words=words), as_json)
    except EventwireError as exc:
        _fail(exc)


@actors_app.command("resolve")
def actors_resolve(
    text: Annotated[str, typer.Argument(help="Text to resolve.")],
    published: PublishedOpt = None,
) -> None:
    """Show how each actor mention in TEXT resolves (span, codes, reason).

    Example: eventwire actors resolve "Paris launched air strikes" --published 2015-11-21
    """
    from .actors import resolve

    t = Table(title="actors")
    for col in ("span", "text", "name", "cameo", "country", "sectors", "kind", "reason", "conf"):
        t.add_column(col)
    for a in resolve(text, _date(published)):
        t.add_row(f"{a.start}-{a.end}", a.text, a.name, a.cameo_code or "", a.country or "", ",".join(a.sectors),
                  a.kind, a.reason, f"{a.confidence:.2f}")
    console.print(t)


@app.command()
def serve(
    db: DbOpt = Path("eventwire.duckdb"),
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the dashboard over the store.

    Example: eventwire demo && eventwire serve   (then open http://127.0.0.1:8000/)
    """
    from .api import serve as do_serve

    settings = load_settings(db=db, host=host, port=port)
    try:
        do_serve(settings.db, host=settings.host, port=settings.port, token=settings.api_token)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def bench(
    corpus: Annotated[Path, typer.Option(help="Corpus file (.jsonl/.jsonl.gz/...).")] = Path(
        "../shared/data/corpus/reuters21578.jsonl.gz"),
    limit: Annotated[int, typer.Option(help="Number of articles (0 = all).")] = 2000,
    processes: Annotated[int, typer.Option(help="Processes for both eventwire and the spaCy baseline.")] = 1,
    political: Annotated[bool, typer.Option(help="Also bench the political subset.")] = True,
    prefilter: Annotated[bool, typer.Option(help="eventwire with its sentence pre-filter.")] = True,
    stories: Annotated[bool, typer.Option("--stories", help="Only story clustering (memory over a stream).")] = False,
    dask: Annotated[str, typer.Option(help="Also run the Dask engine with these worker counts, e.g. 1,2.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Measure throughput and peak memory against a same-run spaCy-only baseline.

    Example: eventwire bench --limit 1000 --json
    Example: eventwire bench --limit 1000 --dask 1,2 --no-political
    Example: eventwire bench --stories --limit 10000
    """
    from .benchmark import BenchConfig, run_bench, run_story_bench

    if stories:
        res = run_story_bench(corpus, limit or None)
        if as_json:
            sys.stdout.write(json.dumps(res) + "\n")
        else:
            console.print(res)
        return

    try:
        workers = tuple(int(w) for w in dask.replace(" ", "").split(",") if w)
    except ValueError:
        _fail(EventwireError(f"--dask takes worker counts separated by commas, e.g. 1,2 (got {dask!r})"))
    try:
        result = run_bench(BenchConfig(corpus=corpus, limit=limit or None, processes=processes, political=political,
                                       prefilter=prefilter, dask_workers=workers))
    except EventwireError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result, default=str) + "\n")
        return
    t = Table(title=f"bench: {result['articles']} articles, {result['chars']:,} chars, "
                    f"{result['processes']} process(es)")
    for col in ("run", "articles/s", "sentences/s", "chars/s", "peak RSS MB", "seconds"):
        t.add_column(col, justify="right")
    for name in ("baseline", "eventwire"):
        r = result[name]
        t.add_row(name, f"{r['articles_per_s']:.1f}", f"{r['sentences_per_s']:.1f}", f"{r['chars_per_s']:,.0f}",
                  f"{r['peak_rss_mb']:.0f}", f"{r['seconds']:.1f}")
    console.print(t)
    console.print(f"ratio eventwire / spaCy-only baseline (chars/s): [bold]{result['ratio']:.2f}[/bold]")
    parse = result["eventwire"].get("parse") or {}
    if parse:
        console.print("reached the full parser: " + ", ".join(f"{k} {v:.1%}" for k, v in parse.items()
                                                              if isinstance(v, float)))
    pol = result.get("political") or {}
    if "ratio" in pol:
        console.print(f"political subset ({pol['share_of_articles']:.1%} of articles): ratio {pol['ratio']:.2f}")
    stages = Table(title="time per stage (eventwire)")
    stages.add_column("stage")
    stages.add_column("seconds", justify="right")
    stages.add_column("share", justify="right")
    info = result["eventwire"]["run_info"]["stages"]
    total = sum(v["seconds"] for v in info.values()) or 1.0
    for name, v in info.items():
        stages.add_row(name, f"{v['seconds']:.2f}", f"{v['seconds'] / total:.0%}")
    console.print(stages)
    scaling = result.get("dask")
    if scaling:
        d = Table(title="Dask engine (LocalCluster, same articles)")
        for col in ("workers", "seconds", "chars/s", "speed-up", "startup s", "peak RSS MB per worker"):
            d.add_column(col, justify="right")
        for n, r in scaling["runs"].items():
            d.add_row(n, f"{r['seconds']:.1f}", f"{r['chars_per_s']:,.0f}", f"{scaling['speedup'][n]:.2f}",
                      f"{r['startup_seconds']:.1f}", f"{r['peak_rss_mb_per_worker']:.0f}")
        console.print(d)


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    app()


if __name__ == "__main__":
    main()
