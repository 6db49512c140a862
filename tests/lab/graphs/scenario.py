#!/usr/bin/env python3
"""The sync outage of docs/graphs.md, played minute by minute through the
real plugins into a real Icinga 2 (tests/lab/test_graphs.sh drives it).

  scenario.py play --data DIR --start EPOCH --minutes N --commands FILE
                   --api URL --user U --password P --host HOST

The world of one CUC node is written as it would be written on the box, a
minute at a time: Jetty's request log (Exchange's keepalives for 30
subscriptions, each every 5 minutes, and a few mail notifications), the
CuMbxSync diag files (rolled every 5 minutes, their modification times
those of their last lines) and the tbl_exsubscription capture as
cuc_dbquery_collect writes it every 5 minutes.  An hour of healthy
history comes first.  After each minute every check runs with the very
argv Icinga built from the shipped CheckCommand (FILE: one JSON object,
service name -> argv, read from Icinga's own check results), --now set to
the minute, and its result goes to Icinga's API as process-check-result
with execution_start/execution_end at the minute, so that the writers
store it at that time.

The story (minutes from START):
   0..29  healthy
  30      a firewall change drops Exchange's notifications to TCP 7080:
          keepalives stop (age climbs through WARNING to CRITICAL, the
          subscriptions go stale one after another)
  50..64  the change is widened: CuMbxSync cannot connect to EWS (503,
          "Couldn't connect to server", 12 a minute)
  65..79  the rule is rolled back, but the service account's password was
          reset meanwhile: 401 from EWS (6 a minute)
  80      the password is entered in CUC: keepalives and sync recover
The port check runs from the monitoring network, which the rule did not
cover: 7080 answers throughout (the keepalive age is what sees it).

  scenario.py phases
      Print the story's phases as "first_minute last_minute name" lines.
  scenario.py commands RESULTS
      RESULTS: rows of tests/lab/icinga/tool.py icinga-wait; print the JSON
      object service name -> argv that play --commands reads.

Stdlib only.
"""
import argparse
import base64
import http.client
import json
import os
import random
import ssl
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "icinga"))
from tool import split_perfdata  # noqa: E402  (one perfdata splitter for the labs)

SUBS = 30
EXCHANGE = ("10.20.1.11", "10.20.1.12")
KA_STOP, KA_BACK = 30, 80
CONNECT = (50, 65)
AUTH = (65, 80)
HISTORY = 3600
PHASES = ((0, KA_STOP - 1, "healthy"),
          (KA_STOP, CONNECT[0] - 1, "keepalives stop"),
          (CONNECT[0], CONNECT[1] - 1, "CuMbxSync cannot connect (503)"),
          (AUTH[0], AUTH[1] - 1, "CuMbxSync 401"),
          (KA_BACK, None, "recovered"))


def ncsa(t):
    return time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t))


def tod(t):
    return time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % (
        int(round((t % 1) * 1000)) % 1000)


class World:
    """One CUC node's files, advanced a minute at a time."""

    def __init__(self, data, start):
        self.data = data
        self.start = start
        self.rnd = random.Random(14)
        self.subs = [str(uuid.UUID(int=self.rnd.getrandbits(128),
                                   version=4)) for _ in range(SUBS)]
        self.last_notified = {}
        self.until = start - HISTORY	# written up to here
        for d in ("jetty", "mbxsync"):
            os.makedirs(os.path.join(data, d), exist_ok=True)
        self.jetty = os.path.join(data, "jetty", "request.log")
        self.capture = os.path.join(data, "tbl_exsubscription.txt")
        open(self.jetty, "w").close()
        self.advance(start)

    def minute(self, t):
        return (t - self.start) / 60.0

    def keepalives_flow(self, t):
        m = self.minute(t)
        return not (KA_STOP <= m < KA_BACK)

    def advance(self, until):
        """Write what happened in (self.until, until]."""
        jetty, diag = [], []
        t0 = self.until
        # Exchange: one keepalive per subscription every 300 s, staggered
        # by 10 s; mail notifications now and then.
        for i, sub in enumerate(self.subs):
            k = int((t0 - i * 10) // 300)
            while True:
                t = k * 300 + i * 10
                k += 1
                if t <= t0:
                    continue
                if t > until:
                    break
                if self.keepalives_flow(t):
                    jetty.append((t, EXCHANGE[i % 2], sub))
        for s in range(int(t0) + 1, int(until) + 1):
            if s % 37 == 0 and self.keepalives_flow(s):
                sub = self.subs[(s // 37) % SUBS]
                jetty.append((s, EXCHANGE[s % 2], sub))
        jetty.sort()
        with open(self.jetty, "a") as f:
            for t, addr, sub in jetty:
                f.write('%s - - [%s] "POST /NotificationService/services/'
                        'NotificationService?id=%s&pid=4242 HTTP/1.1" 200 343'
                        '\n' % (addr, ncsa(t), sub))
                self.last_notified[sub] = t
        os.utime(self.jetty, (until, until))
        # CuMbxSync: its lines of each minute ending in (t0, until].
        m0 = int((t0 - self.start) // 60) + 1
        m1 = int((until - self.start) // 60)
        for m in range(m0, m1 + 1):
            diag += self.diag_minute(self.start + 60 * m)
        self.write_diag(diag)
        # cuc_dbquery_collect runs every 5 minutes (services.conf's cron)
        taken = until - (until - self.start) % 300
        if taken > t0 or not os.path.exists(self.capture):
            self.write_capture(taken)
        self.until = until

    def diag_minute(self, t):
        """CuMbxSync's lines of the minute ending at t."""
        m = self.minute(t)
        lines = []
        host = "ex01.example.com"
        ews = ", for ews URL: https://%s/EWS/Exchange.ASMX, verb: POST" % host
        if CONNECT[0] <= m < CONNECT[1]:
            for j in range(12):
                lines.append((t - 59 + j * 5, "%s,,CsEws,14,[CsEws/CsEwsHttp"
                              ".cpp:312]: HTTP request failed with error: "
                              "Couldn't connect to server, HTTP status code:"
                              " 503%s" % (host, ews)))
        elif AUTH[0] <= m < AUTH[1]:
            for j in range(6):
                lines.append((t - 58 + j * 10, "%s,{5C0E9B7A-1D1E-4F7B-9C44-"
                              "0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:"
                              "312]: HTTP request failed with error: , HTTP "
                              "status code: 401%s" % (host, ews)))
        else:
            for j in (30, 15):
                lines.append((t - j, "%s,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]"
                              ": HTTP status code: 200%s" % (host, ews)))
        # CuMbxSync's last line of the minute, some seconds before its end
        last = t - (int(m) * 13) % 40
        if int(m) % 2 == 0:
            old = sum(1 for s in self.subs
                      if t - self.last_notified.get(s, t) > 900)
            lines.append((last, ",,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp"
                          ":201]: checker thread: %d subscriptions older "
                          "than 15 minutes" % old))
        else:
            lines.append((last, ",,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker"
                          ".cpp:140]: checker thread idle"))
        lines.sort()
        return lines

    def write_diag(self, lines):
        """Files roll every 5 minutes; a file's mtime is its last line's."""
        by_file = {}
        for t, text in lines:
            n = int((t - (self.start - HISTORY)) // 300) + 100
            by_file.setdefault(n, []).append((t, text))
        for n, items in sorted(by_file.items()):
            path = os.path.join(self.data, "mbxsync",
                                "diag_CuMbxSync_%08d.uc" % n)
            with open(path, "a") as f:
                for t, text in items:
                    f.write("%s |9156,%s\n" % (tod(t), text))
            os.utime(path, (items[-1][0], items[-1][0]))

    def write_capture(self, t):
        """tbl_exsubscription as the collector writes it, taken at t."""
        rows = []
        for i, sub in enumerate(self.subs):
            last = self.last_notified.get(sub)
            stamp = "null" if last is None else time.strftime(
                "%Y-%m-%d %H:%M:%S", time.gmtime(last)) + ".%03d" % (
                    int((last % 1) * 1000))
            rows.append(["%08x-0000-4000-8000-%012x" % (i, i), sub, stamp])
        head = ["objectid", "subscriptionid", "timestamputc"]
        widths = [max(len(head[c]), max(len(r[c]) for r in rows))
                  for c in range(3)]

        def line(cells):
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths)) \
                .rstrip()
        out = ["# cuc_dbquery_collect taken=%s host=cuc1.example.com" %
               time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)),
               "admin:run cuc dbquery unitydyndb select * from "
               "tbl_exsubscription", "", line(head),
               "  ".join("-" * w for w in widths)]
        out += [line(r) for r in rows]
        out += ["", "admin:"]
        path = self.capture
        with open(path + ".tmp", "w") as f:
            f.write("\n".join(out) + "\n")
        os.utime(path + ".tmp", (t, t))
        os.rename(path + ".tmp", path)


def with_now(argv, t):
    """Icinga's argv with --now set to t (the port check has none)."""
    out = list(argv)
    stamp = "@%d" % t
    for i, a in enumerate(out):
        if a == "--now" and i + 1 < len(out):
            out[i + 1] = stamp
        elif a.startswith("--now="):
            out[i] = "--now=" + stamp
    return out


def split_output(text):
    """Icinga's split of a plugin's output (shared/consumers.md): text
    before the first '|' of a line holding '|' then '=', perfdata after."""
    out_lines, perf = [], []
    for line in text.rstrip("\n").split("\n"):
        bar = line.find("|")
        if bar >= 0 and "=" in line[bar:]:
            out_lines.append(line[:bar].rstrip())
            perf.append(line[bar + 1:].strip())
        else:
            out_lines.append(line)
    items = []
    for p in perf:
        items += split_perfdata(p)
    return "\n".join(out_lines), items


class Api:
    """Icinga's REST API over one kept-alive TLS connection."""

    def __init__(self, url, user, password):
        hostport = url.split("//", 1)[1]
        self.host, port = hostport.rsplit(":", 1)
        self.port = int(port)
        self.auth = "Basic " + base64.b64encode(
            ("%s:%s" % (user, password)).encode()).decode()
        self.ctx = ssl.create_default_context()
        self.ctx.check_hostname = False
        self.ctx.verify_mode = ssl.CERT_NONE
        self.conn = None

    def post(self, path, body):
        data = json.dumps(body).encode()
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPSConnection(
                        self.host, self.port, context=self.ctx, timeout=10)
                self.conn.request("POST", path, body=data, headers={
                    "Accept": "application/json",
                    "Content-Type": "application/json",
                    "Authorization": self.auth})
                r = self.conn.getresponse()
                answer = r.read()
                if r.status != 200:
                    raise RuntimeError("%s: HTTP %d %s" % (path, r.status,
                                                           answer[:300]))
                return json.loads(answer)
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.2)


def play(a):
    with open(a.commands) as f:
        commands = json.load(f)
    api = Api(a.api, a.user, a.password)
    world = World(a.data, a.start)
    results = 0
    for m in range(a.minutes):
        t = a.start + 60 * m
        world.advance(t)
        for service in sorted(commands):
            argv = with_now(commands[service], t)
            p = subprocess.run(argv, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=60)
            output, perf = split_output(p.stdout.decode("utf-8", "replace"))
            if p.stderr:
                output += "\n" + p.stderr.decode("utf-8", "replace")
            body = {
                "type": "Service",
                "filter": 'host.name == "%s" && service.name == "%s"'
                          % (a.host, service),
                "exit_status": p.returncode,
                "plugin_output": output,
                "performance_data": perf,
                "check_command": argv,
                "check_source": "scenario.py",
                "execution_start": t,
                "execution_end": t + 1,
            }
            answer = api.post("/v1/actions/process-check-result", body)
            res = answer.get("results") or [{}]
            if res[0].get("code") != 200:
                sys.exit("process-check-result for %s at minute %d: %s"
                         % (service, m, json.dumps(answer)[:300]))
            results += 1
            if a.log:
                a.log.write("%d\t%s\t%d\t%s\n" % (
                    m, service, p.returncode,
                    p.stdout.decode("utf-8", "replace").split("\n")[0]))
    print("%d results in %d minutes" % (results, a.minutes))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("play")
    p.add_argument("--data", required=True)
    p.add_argument("--start", type=int, required=True)
    p.add_argument("--minutes", type=int, default=125)
    p.add_argument("--commands", required=True)
    p.add_argument("--api", required=True)
    p.add_argument("--user", default="root")
    p.add_argument("--password", required=True)
    p.add_argument("--host", required=True)
    p.add_argument("--log", type=argparse.FileType("w"))
    sub.add_parser("phases")
    c = sub.add_parser("commands")
    c.add_argument("results")
    a = ap.parse_args()
    if a.cmd == "play":
        play(a)
    elif a.cmd == "commands":
        out = {}
        with open(a.results) as f:
            for row in f:
                cols = row.rstrip("\n").split("\t")
                if len(cols) >= 7:
                    out[cols[0].split("!", 1)[1]] = json.loads(cols[6])
        print(json.dumps(out, indent=1, sort_keys=True))
    else:
        for first, last, name in PHASES:
            print(first, "" if last is None else last, name)


if __name__ == "__main__":
    main()
