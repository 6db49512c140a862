#!/usr/bin/env python3
"""The README's examples as a test runs them (tests/plugins/test_readme.sh).

  readme.py script README DIR   write DIR/run.sh: every `$ ` command of the
                                README's ```console blocks, in order, in one
                                shell (so S=... holds for later commands),
                                each one's stdout, stderr, exit status and
                                $S kept in DIR/{out,err,rc,S}.N
  readme.py check README DIR    one line per command: ok|not ok, TAB, what
  readme.py block README INFO   the text of every ```INFO block, in order

A command's expected first line of stdout is the line after it in the
block, if that line is not a command; `...` in it stands for any text and
$S for the value S had after the command.  A line `CUC <CHECK> <STATE> -`
also fixes the exit status (OK 0 ... UNKNOWN 3); any other command must
exit 0.  Two rewrites, so that the commands run on this machine: the port
check's `-H cuc1.example.com` becomes the fake Jetty on loopback
(`-H 127.0.0.1 -p $JP`), and `make install` installs into $RDEST with the
test's build tree (O, BIN, SAN).
"""
import re
import sys

STATES = {"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}


def blocks(path, info):
    out = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if cur is None and line.strip() == "```" + info:
                cur = []
            elif cur is not None and line.strip() == "```":
                out.append(cur)
                cur = None
            elif cur is not None:
                cur.append(line)
    return out


def commands(path):
    """[(command, expected first line or None)] of the console blocks."""
    cmds = []
    for b in blocks(path, "console"):
        for i, line in enumerate(b):
            if not line.startswith("$ "):
                continue
            nxt = b[i + 1] if i + 1 < len(b) else None
            if nxt is not None and nxt.startswith("$ "):
                nxt = None
            cmds.append((line[2:], nxt))
    return cmds


def rewrite(cmd):
    if cmd.startswith("check_cuc_port "):
        cmd = cmd.replace("-H cuc1.example.com", '-H 127.0.0.1 -p "$JP"')
    if cmd.startswith("make install"):
        cmd = ('make -s --no-print-directory O="$O" BIN="$BIN" SAN="$SAN" '
               'DESTDIR="$RDEST" install' + cmd[len("make install"):])
    return cmd


def script(path, d):
    with open(d + "/run.sh", "w", encoding="utf-8") as f:
        for n, (cmd, _) in enumerate(commands(path), 1):
            f.write("{ %s\n} > '%s/out.%d' 2> '%s/err.%d' < /dev/null\n"
                    "echo $? > '%s/rc.%d'\n"
                    "printf '%%s' \"${S-}\" > '%s/S.%d'\n"
                    % (rewrite(cmd), d, n, d, n, d, n, d, n))
    return 0


def read(p):
    try:
        with open(p, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def check(path, d):
    for n, (cmd, want) in enumerate(commands(path), 1):
        rc = (read("%s/rc.%d" % (d, n)) or "").strip()
        out = read("%s/out.%d" % (d, n)) or ""
        err = read("%s/err.%d" % (d, n)) or ""
        s = read("%s/S.%d" % (d, n)) or ""
        first = out.split("\n", 1)[0]
        what = "README `%s`" % cmd
        want_rc = 0
        problems = []
        if want is not None:
            m = re.match(r"CUC [A-Z]+ (OK|WARNING|CRITICAL|UNKNOWN) - ", want)
            if m:
                want_rc = STATES[m.group(1)]
            pat = ".*".join(re.escape(p.replace("$S", s))
                            for p in want.split("..."))
            if not re.fullmatch(pat, first):
                problems.append("first line %r, README says %r"
                                % (first[:300], want[:300]))
        if rc != str(want_rc):
            problems.append("exit %s, expected %d" % (rc or "?", want_rc))
        if cmd.startswith("check_cuc_") and err:
            problems.append("stderr %r" % err[:200])
        if problems:
            print("not ok\t%s\t%s" % (what, "; ".join(problems)))
        else:
            print("ok\t%s" % what)
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "script":
        return script(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "block":
        for b in blocks(argv[2], argv[3]):
            print("\n".join(b))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
