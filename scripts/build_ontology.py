"""Build the shipped event ontology from the public codebooks and dictionaries in ../shared.

Writes only derived codes (no example sentences, no descriptions):

* ``src/detente/extract/data/cameo.json``: CAMEO code -> name, Goldstein, quad class (GDELT
  convention), penta class, PLOVER event, mode, context;
* ``src/detente/extract/data/verbs.json``: verb lemma -> default CAMEO code, and verb + object
  patterns ("hold" + "joint exercises" -> 062) read from the PETRARCH2 CAMEO.2.0 dictionary.

Run: ``.venv/bin/python scripts/build_ontology.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "detente" / "extract" / "data"

_CODE = re.compile(r"\[([0-9-]{2,4})(?::[0-9-]+)?\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([0-9-]+)(?::[0-9-]+)?\]\s+---")


def build_cameo(shared: Path) -> dict[str, list[object]]:
    path = shared / "eval/events/codebooks/cameo_codebook_merged.csv"
    out: dict[str, list[object]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold = row["goldstein_gdelt"] or row["goldstein_phoenix_pipeline"]
            plover = row["plover_event"].split("|")[0]
            out[row["cameo_code"]] = [
                row["name"],
                float(gold) if gold else None,
                int(row["quadclass_gdelt_1to4"]),
                int(row["pentaclass_phoenix_0to4"]) if row["pentaclass_phoenix_0to4"] else None,
                None if plover == "DROPPED" else plover,
                row["plover_mode"] or None,
                row["plover_context"] or None,
            ]
    return out


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#")[0].strip()
        if line.startswith("&"):
            current = line[1:].rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(line[1:].lower())
        elif not line:
            continue
        else:
            current = None
    return sets


def _element(tok: str, sets: dict[str, list[str]]) -> list[str] | None:
    """One pattern element as alternative words (trailing ``_`` = exact word)."""
    tok = tok.strip("{}()")
    if not tok or tok in {"$", "+", "%", "^"} or not re.match(r"^[&A-Za-z]", tok):
        return None
    if tok.startswith("&"):
        alts = sets.get(tok[1:].rstrip("_"), [])
        words = [a.split("_")[-1] or a.rstrip("_").split("_")[-1] + "_" for a in alts]
        return sorted({w for w in words if w}) or None
    return [tok.lower()]


def build_verbs(shared: Path) -> dict[str, object]:
    path = shared / "eval/events/dictionaries/petrarch2_phoenix/CAMEO.2.0.txt"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    sets = _synsets(lines[:start])
    verbs: dict[str, list[object]] = {}  # lemma -> [default code, block index]
    blocks: list[list[list[object]]] = []  # per block: [elements, code] patterns
    block_code: str | None = None
    block_verbs: list[str] = []
    for raw in lines[start + 1 :]:
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        head = _HEADER.match(line.strip())
        if head:
            code = head.group(2)
            block_code = None if code.startswith("-") else code
            block_verbs = []
            blocks.append([])
            continue
        if line.startswith("-"):
            m = _CODE.search(line)
            body = line[1 : m.start()] if m else line[1:]
            if "*" not in body or not block_verbs:
                continue
            before, after = body.split("*", 1)
            if any(_element(t, sets) for t in before.split()):
                continue  # words before the verb: subject patterns, not modelled
            elems = [e for e in (_element(t, sets) for t in after.split()) if e]
            if not elems:
                continue
            code = m.group(1) if m else None
            code = None if code is None or code.startswith("-") else code
            if [elems, code] not in blocks[-1]:
                blocks[-1].append([elems, code])
            continue
        word = line.split()[0].lstrip("+")
        if not re.match(r"^[A-Z][A-Z_'-]*$", word):
            continue
        m = _CODE.search(line)
        code = m.group(1) if m else block_code
        code = None if code is None or code.startswith("-") else code
        key = word.lower().replace("_", " ").strip()
        if key not in verbs or verbs[key][0] is None:
            verbs[key] = [code, len(blocks) - 1]
        block_verbs = [*block_verbs, key] if key not in block_verbs else block_verbs
    return {"verbs": verbs, "blocks": blocks}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    cameo = build_cameo(args.shared)
    verbs = build_verbs(args.shared)
    (OUT / "cameo.json").write_text(json.dumps(cameo, indent=0, sort_keys=True) + "\n")
    (OUT / "verbs.json").write_text(json.dumps(verbs, separators=(",", ":")) + "\n")
    n_p = sum(len(b) for b in verbs["blocks"])  # type: ignore[attr-defined]
    print(f"cameo codes: {len(cameo)}, verbs: {len(verbs['verbs'])}, patterns: {n_p}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
