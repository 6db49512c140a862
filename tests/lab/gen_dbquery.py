#!/usr/bin/env python3
"""Write a capture of `run cuc dbquery unitydyndb select * from
tbl_exsubscription` as the CUC admin CLI prints it (or as dbaccess does),
for tests and benchmarks.

    gen_dbquery.py --rows 20000 --stale 150 --now 2026-11-25T10:00:00Z > big.txt

Rows are deterministic for a given --seed.  Fresh rows heard from Exchange
0..299 s before --now (a keepalive every 5 min), stale ones 901..7200 s
before.  The stale rows come first in id order but are spread through the
file.
"""
import argparse
import datetime
import random
import sys
import uuid

COLUMNS = ["objectid", "subscriberexternalserviceobjectid",
           "subscriptionid", "timestamputc", "watermark"]


def stamp(t, frac):
    d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    s = d.strftime("%Y-%m-%d %H:%M:%S")
    if frac:
        s += ".%0*d" % (frac, int(round((t % 1) * 10 ** frac)) % 10 ** frac)
    return s


def table(header, rows, shape):
    """Header, dashes and rows: CUC's (two spaces, a dashes run per
    column) or dbaccess's looser one (one space, one dashes line)."""
    widths = [max([len(h)] + [len(r[i]) for r in rows])
              for i, h in enumerate(header)]
    sep = "  " if shape == "cuc" else " "
    def line(cells):
        return sep.join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(header)]
    if shape == "cuc":
        out.append(sep.join("-" * w for w in widths))
    else:
        out.append("-" * (sum(widths) + len(widths) - 1))
    out += [line(r) for r in rows]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--stale", type=int, default=0)
    ap.add_argument("--now", default="2026-11-25T10:00:00Z")
    ap.add_argument("--frac", type=int, default=3, choices=(0, 3, 6))
    ap.add_argument("--shape", default="cuc", choices=("cuc", "dbaccess"))
    ap.add_argument("--collector", action="store_true",
                    help="first line as cuc_dbquery_collect writes it")
    ap.add_argument("--bare", action="store_true",
                    help="no echoed command and no admin: prompt")
    ap.add_argument("--crlf", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    now = datetime.datetime.fromisoformat(
        a.now.replace("Z", "+00:00")).timestamp()
    rnd = random.Random(a.seed)
    stale_at = set(rnd.sample(range(a.rows), min(a.stale, a.rows)))
    rows = []
    for i in range(a.rows):
        if i in stale_at:
            t = now - rnd.uniform(901, 7200)
        else:
            t = now - rnd.uniform(0, 299)
        rows.append([str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                     str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                     str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                     stamp(t, a.frac),
                     "AQAAA%016X" % rnd.getrandbits(64)])
    out = []
    if a.collector:
        out.append("# cuc_dbquery_collect taken=%s host=cuc1.example.com"
                   % a.now)
    if not a.bare:
        out.append("admin:run cuc dbquery unitydyndb select * from "
                   "tbl_exsubscription")
    out.append("")
    out += table(COLUMNS, rows, a.shape)
    if a.shape == "dbaccess":
        out += ["", "%d row(s) retrieved." % a.rows]
    out.append("")
    if not a.bare:
        out.append("admin:")
    nl = "\r\n" if a.crlf else "\n"
    sys.stdout.write(nl.join(out) + nl)


if __name__ == "__main__":
    main()
