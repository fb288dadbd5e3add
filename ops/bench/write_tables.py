#!/usr/bin/env python3
"""Replaces the text between the "latest run" markers of BENCHMARKS.md with the tables of a run.

Usage: write_tables.py BENCHMARKS.md TABLES   (ops/bench/run calls it)
"""
import sys

BEGIN = "<!-- ops/bench/run: latest run, begin (generated; edit the sections below instead) -->"
END = "<!-- ops/bench/run: latest run, end -->"


def main(doc_path: str, tables_path: str) -> int:
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    with open(tables_path, encoding="utf-8") as f:
        tables = f.read().strip()
    start, stop = doc.find(BEGIN), doc.find(END)
    if start < 0 or stop < start:
        print(f"{doc_path}: the latest-run markers are missing; tables not written", file=sys.stderr)
        return 1
    if not tables:
        print("no tables in this run; BENCHMARKS.md left as it was", file=sys.stderr)
        return 1
    # The run's "##" headings sit under the file's "## Latest run".
    tables = "\n".join("#" + line if line.startswith("## ") else line for line in tables.splitlines())
    doc = doc[: start + len(BEGIN)] + "\n\n" + tables + "\n\n" + doc[stop:]
    with open(doc_path, "w", encoding="utf-8") as f:
        f.write(doc)
    print(f"{doc_path}: latest run written")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
