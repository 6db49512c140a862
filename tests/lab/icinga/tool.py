#!/usr/bin/env python3
"""Helpers for the scheduler tests (tests/lab/test_icinga*.sh, test_nagios.sh).

  tool.py serve DIR
      Bind a Graphite line-protocol sink and a plain TCP listener (the
      "port 7080" cuc_port checks) on 127.0.0.1, ports chosen by the kernel
      and written to DIR/graphite.port and DIR/listen.port; every Graphite
      line received is appended to DIR/graphite.txt; DIR/graphite.connected
      appears once a writer has connected.  Runs until killed.
  tool.py freeport
      Print a TCP port free on 127.0.0.1 right now.
  tool.py icinga-wait [--after=EPOCH] URL USER PASSWORD SECONDS PREFIX SERVICE...
      Poll Icinga 2's REST API (URL like https://127.0.0.1:5665) until every
      SERVICE ("host!service") has a check result whose output starts with
      PREFIX, then print one line per service, tab separated:
        name  exit_status  state  check_source  output  perfdata  command
      (output with newlines as \\n; perfdata items as Icinga stored them,
      joined by single spaces).  Exit 1 with what there is on timeout.
      --after: only results of checks started at or after EPOCH count.
  tool.py nagios-wait STATUS.DAT SECONDS PREFIX SERVICE...
      The same from a Nagios status.dat (check_source and command are "-";
      output is plugin_output, then long_plugin_output after a \\n).

  tool.py help-options < HELP
      The options a plugin's --help documents: key TAB description.
  tool.py conf-arguments FILE COMMAND
      The argument keys of an Icinga CheckCommand: key TAB first $macro$.
  tool.py icinga-get URL USER PASSWORD PATH
      GET from Icinga's REST API, the answer as JSON on one line.
  tool.py icinga-post URL USER PASSWORD PATH JSON
      POST to Icinga's REST API (e.g. /v1/actions/reschedule-check).
  tool.py compare [--fuzzy-decimals] icinga|nagios ROW [COMMAND...]
      Run the plugin again as the scheduler ran it (COMMAND, or for Icinga
      the command of the row) and print where the exit code, output or
      perfdata differ from what the scheduler stored in ROW (a line of
      icinga-wait/nagios-wait); exit 1 if they do.  --fuzzy-decimals
      compares numbers with decimals (timings) by shape only.
  tool.py graphite-check GRAPHITE.TXT PREFIX PERFDATA [SECONDS]
      Every perfdata item reached the Graphite sink as PREFIX.perfdata.
      <label>.value with its value, and its plain-number warn, crit, min
      and max as .warn, .crit, .min, .max (waiting up to SECONDS for
      them); prints the ones that did not.

Stdlib only: the tests run on a bare Debian with python3.
"""
import base64
import json
import os
import socket
import ssl
import sys
import threading
import time
import urllib.request


def serve(d):
    graphite = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    graphite.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    graphite.bind(("127.0.0.1", 0))
    graphite.listen(16)
    plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    plain.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    plain.bind(("127.0.0.1", 0))
    plain.listen(64)
    out = open(os.path.join(d, "graphite.txt"), "ab", buffering=0)
    lock = threading.Lock()

    def feed(conn):
        buf = b""
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                buf += data
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    with lock:
                        out.write(line + b"\n")

    def graphite_loop():
        while True:
            conn, _ = graphite.accept()
            # GraphiteWriter drops metrics while it is not connected: the
            # tests wait for this file before they ask for checks.
            open(os.path.join(d, "graphite.connected"), "w").close()
            threading.Thread(target=feed, args=(conn,), daemon=True).start()

    def plain_loop():
        # Accept and close: a plain TCP connect is what cuc_port checks by
        # default, as Cisco's own "telnet cuc 7080" test does.
        while True:
            conn, _ = plain.accept()
            conn.close()

    threading.Thread(target=graphite_loop, daemon=True).start()
    threading.Thread(target=plain_loop, daemon=True).start()
    for name, sock in (("graphite", graphite), ("listen", plain)):
        tmp = os.path.join(d, name + ".port.tmp")
        with open(tmp, "w") as f:
            f.write("%d\n" % sock.getsockname()[1])
        os.rename(tmp, os.path.join(d, name + ".port"))
    while True:
        time.sleep(3600)


def freeport():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def flat(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def icinga_request(url, user, password, path, body=None):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    req = urllib.request.Request(
        url + path,
        data=None if body is None else body.encode(),
        headers={
            "Accept": "application/json",
            "Content-Type": "application/json",
            "Authorization": "Basic " + base64.b64encode(
                ("%s:%s" % (user, password)).encode()).decode(),
        })
    with urllib.request.urlopen(req, context=ctx, timeout=5) as r:
        return json.load(r)


def icinga_fetch(url, user, password, after=0.0):
    data = icinga_request(url, user, password,
                          "/v1/objects/services?attrs=last_check_result"
                          "&attrs=state")
    rows = {}
    for obj in data.get("results", []):
        cr = obj["attrs"].get("last_check_result")
        if not cr or (cr.get("execution_start") or 0) < after:
            continue
        perf = cr.get("performance_data") or []
        rows[obj["name"]] = (
            "%d" % cr.get("exit_status", -1),
            "%d" % obj["attrs"].get("state", -1),
            cr.get("check_source") or "",
            cr.get("output") or "",
            " ".join(str(p) for p in perf),
            json.dumps(cr.get("command")),
        )
    return rows


def nagios_fetch(path):
    rows = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return rows
    block = None
    for line in text.split("\n"):
        line = line.strip()
        if line == "servicestatus {":
            block = {}
        elif line == "}" and block is not None:
            if block.get("has_been_checked") == "1":
                out = block.get("plugin_output", "")
                lo = block.get("long_plugin_output", "")
                if lo:
                    # status.dat stores newlines of long output as \n.
                    out += "\n" + lo.replace("\\n", "\n")
                name = block.get("host_name", "") + "!" + \
                    block.get("service_description", "")
                rows[name] = (block.get("current_state", "-1"),
                              block.get("current_state", "-1"), "-", out,
                              block.get("performance_data", ""), "-")
            block = None
        elif block is not None and "=" in line:
            k, v = line.split("=", 1)
            block[k] = v
    return rows


def wait(fetch, seconds, prefix, names):
    deadline = time.monotonic() + seconds
    rows = {}
    err = ""
    while True:
        try:
            rows = fetch()
            err = ""
        except (OSError, ValueError) as e:
            err = str(e)
        if all(n in rows and rows[n][3].startswith(prefix) for n in names):
            break
        if time.monotonic() > deadline:
            for n in names:
                if n not in rows:
                    print("%s\tno check result" % n)
            if err:
                print("last error: %s" % err)
            for n in names:
                if n in rows:
                    print("\t".join([n] + [flat(x) for x in rows[n]]))
            return 1
        time.sleep(0.2)
    for n in names:
        print("\t".join([n] + [flat(x) for x in rows[n]]))
    return 0


def help_options(text):
    """The options a --help documents, as (key, description) pairs.

    Option lines sit in the "Options:" section (or a later one) and start
    with one space and a dash (" -f, --logfile=FILE", " --logdir=DIR", " -4, -6"); the
    indented lines after them are the description.  The key is the long
    option, or the short one when an entry has no long form.  An option
    listed twice (a plugin's own -w above the common -w) is given once.
    """
    opts = []
    entry = []
    desc = []
    in_opts = False

    def flush():
        if not entry:
            return
        d = " ".join(desc)
        shorts = []
        longs = []
        for line in entry:
            for tok in line.replace(",", " ").split():
                if tok.startswith("--"):
                    longs.append(tok.split("=", 1)[0].split("[", 1)[0])
                elif len(tok) == 2 and tok[0] == "-" and tok[1] != "-":
                    shorts.append(tok)
                elif not tok.startswith("-"):
                    break	# "(default 1)" and the like
        for k in longs or shorts:
            opts.append((k, shorts, d))
        entry.clear()
        desc.clear()

    for line in text.split("\n"):
        if not line.strip():
            continue
        if not line.startswith(" "):
            # Options may go on in later sections ("Agentless:"); the
            # other sections' lines do not start with " -".
            flush()
            in_opts = in_opts or line.startswith("Options:")
            continue
        if not in_opts:
            continue
        if line.startswith(" -"):
            if desc:
                flush()
            entry.append(line.strip())
        else:
            desc.append(line.strip())
    flush()
    # Short-only entries ("-w, -c") whose letters a long entry also names
    # are the same options.
    named = set()
    for k, shorts, _ in opts:
        if k.startswith("--"):
            named.update(shorts)
    seen = {}
    for k, _, d in opts:
        if not k.startswith("--") and k in named:
            continue
        if k not in seen or (not seen[k] and d):
            seen[k] = d
    return list(seen.items())


def conf_arguments(path, command):
    """Argument keys of `object CheckCommand "command"` in an Icinga file,
    each with the first $macro$ of its attributes ("" if none)."""
    import re
    text = open(path, encoding="utf-8").read()
    m = re.search(r'object\s+CheckCommand\s+"%s"\s*\{' % re.escape(command),
                  text)
    if not m:
        return None
    # The object runs to its closing brace at depth 0.
    depth = 0
    i = m.end() - 1
    body_start = i
    while i < len(text):
        c = text[i]
        if c == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j
        elif c == "/" and text.startswith("/*", i):
            i = text.index("*/", i) + 1
        elif c == "/" and text.startswith("//", i):
            i = text.index("\n", i)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                break
        i += 1
    body = text[body_start:i]
    am = re.search(r'\barguments\s*=\s*\{', body)
    if not am:
        return []
    # Keys at depth 1 of the arguments dictionary.
    keys = []
    depth = 0
    j = am.end() - 1
    while j < len(body):
        c = body[j]
        if c == '"':
            k = j + 1
            while body[k] != '"':
                k += 2 if body[k] == "\\" else 1
            if depth == 1 and re.match(r'\s*=', body[k + 1:]):
                keys.append([body[j + 1:k], ""])
            elif depth == 2 and keys and not keys[-1][1]:
                mm = re.search(r'\$([A-Za-z0-9_.]+)\$', body[j + 1:k])
                if mm:
                    keys[-1][1] = mm.group(1)
            j = k
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                break
        j += 1
    return keys


def split_perfdata(text):
    """Perfdata items of a plugin's line 1 (quoted labels may hold spaces)."""
    items = []
    i = 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        j = i
        if text[j] == "'":
            j += 1
            while j < len(text):
                if text[j] == "'" and text[j + 1:j + 2] == "'":
                    j += 2
                elif text[j] == "'":
                    j += 1
                    break
                else:
                    j += 1
        while j < len(text) and text[j] != " ":
            j += 1
        items.append(text[i:j])
        i = j
    return items


def graphite_check(path, prefix, perfdata, seconds=0.0):
    """graphite_once, retried for up to SECONDS: the writer is async."""
    deadline = time.monotonic() + seconds
    while True:
        bad = graphite_once(path, prefix, perfdata)
        if not bad or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for b in bad:
        print(b)
    return 1 if bad else 0


def graphite_once(path, prefix, perfdata):
    """GraphiteWriter sends <prefix>.perfdata.<label>.value <number> <time>
    for each item Icinga could parse (labels with space, dot, slash or
    backslash turned to _), and .warn/.crit/.min/.max for the fields that
    are plain numbers (enable_send_thresholds), so an item or a threshold
    Icinga dropped has no metric.  Returns what is missing."""
    import re
    metrics = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    metrics[parts[0]] = parts[1]
    except OSError:
        pass
    number = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
    bad = []
    items = split_perfdata(perfdata)
    if not items:
        bad.append("no perfdata to look for")
    for item in items:
        label, _, rest = item.rpartition("=")
        if label.startswith("'") and label.endswith("'"):
            label = label[1:-1].replace("''", "'")
        for c in " ./\\":
            label = label.replace(c, "_")
        fields = rest.split(";")
        fields[0] = re.sub(r"[A-Za-z%]+$", "", fields[0])
        for name, want in zip(("value", "warn", "crit", "min", "max"),
                              fields):
            if name != "value" and not number.match(want):
                continue	# empty or a range: Icinga sends none
            key = "%s.perfdata.%s.%s" % (prefix, label, name)
            got = metrics.get(key)
            try:
                same = got is not None and abs(float(got) - float(want)) \
                    <= 1e-9 * max(1.0, abs(float(want)))
            except ValueError:
                same = False
            if not same:
                bad.append("%s (want %s, got %s)" % (key, want, got))
    return bad


def unflat(s):
    out = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def compare(row, scheduler, argv, fuzzy=False):
    """Run the plugin as the scheduler did; its result must be what the
    scheduler stored (shared/consumers.md says how each one splits it).

    row: a line of icinga-wait/nagios-wait.  argv: the command, or empty
    to take Icinga's last_check_result.command.  Prints each difference.
    """
    import subprocess
    f = row.rstrip("\n").split("\t")
    name, exit_status, output, perf, command = \
        f[0], f[1], unflat(f[4]), unflat(f[5]), f[6]
    if not argv:
        argv = json.loads(command)
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=30)
    text = p.stdout.decode("utf-8", "replace")
    if scheduler == "icinga":
        # Icinga: the whole output trimmed, each line holding "|" then "="
        # cut there; text lines joined by \n; perfdata split on spaces.
        want_text = []
        want_perf = []
        for line in text.strip().split("\n"):
            d = line.find("|")
            if d >= 0 and "=" in line[d:]:
                want_text.append(line[:d])
                want_perf.append(line[d + 1:])
            else:
                want_text.append(line)
        want_out = "\n".join(want_text)
        want_perf = " ".join(split_perfdata(" ".join(want_perf).strip()))
    else:
        # Nagios: line 1 text before "|" trimmed, the rest of line 1 is
        # perfdata; later lines long output (ours hold no "|").
        lines = text.rstrip("\n").split("\n")
        first = lines[0]
        cut = first.find("|")
        want_out = (first[:cut] if cut >= 0 else first).strip()
        if len(lines) > 1:
            want_out += "\n" + "\n".join(lines[1:])
        want_perf = first[cut + 1:].strip() if cut >= 0 else ""
    if fuzzy:
        # Timings differ from run to run: compare their shape only.
        import re
        dec = re.compile(r"[0-9]+\.[0-9]+")
        want_out, output, want_perf, perf = (dec.sub("N", x) for x in (
            want_out, output, want_perf, perf))
    bad = []
    if str(p.returncode) != exit_status:
        bad.append("exit: plugin %d, %s stored %s" % (p.returncode, scheduler,
                                                     exit_status))
    if p.stderr:
        bad.append("plugin wrote to stderr: %r" % p.stderr[:200])
    if want_out != output:
        bad.append("output: plugin %r, %s stored %r" % (want_out[:300],
                                                        scheduler,
                                                        output[:300]))
    if want_perf != perf:
        bad.append("perfdata: plugin %r, %s stored %r" % (want_perf,
                                                          scheduler, perf))
    for b in bad:
        print("%s: %s" % (name, b))
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 5 and argv[1:3] == ["compare", "--fuzzy-decimals"]:
        return compare(argv[4], argv[3], argv[5:], True)
    elif len(argv) >= 4 and argv[1] == "compare":
        return compare(argv[3], argv[2], argv[4:])
    elif len(argv) in (5, 6) and argv[1] == "graphite-check":
        return graphite_check(argv[2], argv[3], argv[4],
                              float(argv[5]) if len(argv) == 6 else 0.0)
    elif len(argv) == 6 and argv[1] == "icinga-get":
        url, user, pw, path = argv[2:6]
        print(json.dumps(icinga_request(url, user, pw, path)))
    elif len(argv) == 7 and argv[1] == "icinga-post":
        url, user, pw, path, body = argv[2:7]
        print(json.dumps(icinga_request(url, user, pw, path, body)))
    elif len(argv) == 2 and argv[1] == "help-options":
        for k, d in help_options(sys.stdin.read()):
            print("%s\t%s" % (k, d))
    elif len(argv) == 4 and argv[1] == "conf-arguments":
        keys = conf_arguments(argv[2], argv[3])
        if keys is None:
            sys.stderr.write("no CheckCommand %s in %s\n" % (argv[3],
                                                             argv[2]))
            return 1
        for k, m in keys:
            print("%s\t%s" % (k, m))
    elif len(argv) >= 3 and argv[1] == "serve":
        serve(argv[2])
    elif len(argv) == 2 and argv[1] == "freeport":
        freeport()
    elif len(argv) >= 7 and argv[1] == "icinga-wait":
        after = 0.0
        if argv[2].startswith("--after="):
            after = float(argv[2][8:])
            argv = argv[:2] + argv[3:]
        url, user, pw, secs, prefix = argv[2:7]
        return wait(lambda: icinga_fetch(url, user, pw, after), float(secs),
                    prefix, argv[7:])
    elif len(argv) >= 5 and argv[1] == "nagios-wait":
        path, secs, prefix = argv[2:5]
        return wait(lambda: nagios_fetch(path), float(secs), prefix,
                    argv[5:])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
