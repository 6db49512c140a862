#!/usr/bin/env python3
"""What Icinga's InfluxdbWriter stored in InfluxDB 1.x, against what the
plugins printed in the scenario (tests/lab/test_graphs.sh).

  influx.py create URL DB SECONDS
      CREATE DATABASE DB, retried until influxd answers (up to SECONDS).
  influx.py wait URL DB COUNT SECONDS
      Poll until the database holds at least COUNT points of `value`
      (all measurements); exit 1 on timeout.
  influx.py check URL DB LOG START
      LOG: scenario.py play --log (minute, service, exit code, line 1).
      For each service: its measurement is the CheckCommand (cuc_port, ...),
      tagged hostname/service/metric; every label the plugin printed is a
      metric tag with one point per minute it was printed, the first at the
      scenario's start (the writer used the result's own time), and the
      plain-number warn/crit the plugin printed arrive as the warn and crit
      fields.  Prints TAP-like lines; exit 1 if one failed.

Stdlib only.
"""
import json
import re
import sys
import urllib.parse
import urllib.request


def query(url, db, q):
    data = urllib.parse.urlencode({"db": db, "q": q, "epoch": "s"})
    with urllib.request.urlopen(url + "/query?" + data, timeout=30) as r:
        answer = json.load(r)
    res = answer["results"][0]
    if "error" in res:
        raise RuntimeError(res["error"])
    return res.get("series", [])


def wait(url, db, count, seconds):
    import time
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        try:
            n = sum(s["values"][0][1] for s in
                    query(url, db, "SELECT count(value) FROM /.*/"))
        except (OSError, RuntimeError, ValueError, KeyError, IndexError):
            n = 0
        if n >= count:
            return 0
        time.sleep(0.5)
    print("only %d points of %d after %s s" % (n, count, seconds))
    return 1


def create(url, db, seconds):
    import time
    end = time.monotonic() + seconds
    while True:
        try:
            data = urllib.parse.urlencode({"q": "CREATE DATABASE " + db})
            with urllib.request.urlopen(url + "/query", data.encode(),
                                        timeout=10) as r:
                if r.status == 200:
                    return 0
        except OSError as e:
            if time.monotonic() > end:
                print(e)
                return 1
        time.sleep(0.2)


def printed(log):
    """service -> label -> [(minute, value, warn, crit)]"""
    out = {}
    for row in open(log):
        minute, service, _, line = row.rstrip("\n").split("\t", 3)
        if "|" not in line:
            continue
        for item in line.split("|", 1)[1].split():
            label, _, rest = item.partition("=")
            f = rest.split(";") + [""] * 4
            out.setdefault(service, {}).setdefault(label, []).append(
                (int(minute), re.sub(r"[a-zA-Z%]+$", "", f[0]), f[1], f[2]))
    return out


def check(url, db, log, start):
    failed = 0

    def ok(cond, what):
        nonlocal failed
        print("%s - %s" % ("ok" if cond else "not ok", what))
        failed += 0 if cond else 1
    plain = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
    for service, labels in sorted(printed(log).items()):
        command = "cuc_" + service.split("-", 1)[1]
        series = query(url, db, "SELECT count(value) AS count, "
                       "last(warn) AS warn, last(crit) AS crit FROM %s WHERE service = '%s' "
                       "GROUP BY metric" % (command, service))
        got = {s["tags"]["metric"]: s for s in series}
        ok(set(got) == set(labels), "%s: measurement %s holds the %d labels"
           " printed (%s)" % (service, command, len(labels),
                              " ".join(sorted(set(got) ^ set(labels)))
                              or "none missing or extra"))
        for label, points in sorted(labels.items()):
            s = got.get(label)
            if s is None:
                continue
            cols = s["columns"]
            row = dict(zip(cols, s["values"][0]))
            first = query(url, db, "SELECT first(value) FROM %s WHERE "
                          "service = '%s' AND metric = '%s'" %
                          (command, service, label))[0]["values"][0]
            ok(row["count"] == len(points) and
               abs(first[0] - (start + 60 * points[0][0])) <= 1,
               "%s %s: %d points, the first at minute %d (got %d, %+d s)"
               % (service, label, len(points), points[0][0], row["count"],
                  first[0] - (start + 60 * points[0][0])))
            _, _, warn, crit = points[-1]
            for name, want in (("warn", warn), ("crit", crit)):
                if plain.match(want):
                    ok(row[name] is not None and
                       abs(row[name] - float(want)) < 1e-9,
                       "%s %s: field %s = %s" % (service, label, name, want))
    return 1 if failed else 0


def main(argv):
    if len(argv) == 5 and argv[1] == "create":
        return create(argv[2], argv[3], float(argv[4]))
    if len(argv) == 6 and argv[1] == "wait":
        return wait(argv[2], argv[3], int(argv[4]), float(argv[5]))
    if len(argv) == 6 and argv[1] == "check":
        return check(argv[2], argv[3], argv[4], int(argv[5]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
