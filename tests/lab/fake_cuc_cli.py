#!/usr/bin/env python3
"""A fake Cisco Unity Connection admin CLI, reached as if through ssh.

cuc_dbquery_collect --ssh-command tests/lab/fake_cuc_cli.py runs this in
place of ssh: it takes ssh's arguments (-p PORT -l USER -o OPT -i KEY
HOST), asks for the password like ssh does, prints the CLI's banner and
`admin:` prompt, and answers

    run cuc dbquery unitydyndb select * from tbl_exsubscription

with the capture in $FAKE_CUC_FIXTURE (header, dashes and rows as CUC
prints them; lines of the file that start with "admin:" are left out).

Environment:
    FAKE_CUC_PASSWORD   the password it accepts (default "secret")
    FAKE_CUC_FIXTURE    file whose table answers the query
    FAKE_CUC_MODE       ok (default), badpass (rejects every password),
                        hostkey (asks to accept an unknown host key),
                        hang_login (never shows admin: after the password),
                        hang_query (prints half the rows, then nothing),
                        trickle_login (after the password, a banner line
                        every 0.2 s forever, never admin:),
                        trickle_query (half the rows, then a row every
                        0.2 s forever: the answer never ends),
                        clierror (the query fails like a bad table name),
                        norecords (answers "No records found"),
                        die (closes the connection in the middle of rows),
                        key (no password asked: as with a key),
                        kbdint (the password prompt as OpenSSH 8.4+
                        shows keyboard-interactive: "(user@host) Password: "),
                        pager (pagination stays on: after every
                        FAKE_CUC_PAGE lines, default 2, the CLI's pager
                        prompt in bold, a key read without echo, then
                        CR ESC[K erasing it; space: a page, enter: a
                        line, q: no more)
    FAKE_CUC_FOREIGN    a password prompt shown before the login's own, as a
                        jump host's would be (e.g. "jump@bastion's password: ");
                        the log says whether it was answered
    FAKE_CUC_LOG        file to append argv and commands to (never the
                        password), for tests to look at
"""
import getpass
import os
import sys
import termios
import time
import tty

MODE = os.environ.get("FAKE_CUC_MODE", "ok")
PASSWORD = os.environ.get("FAKE_CUC_PASSWORD", "secret")
LOG = os.environ.get("FAKE_CUC_LOG")


def log(text):
    if LOG:
        with open(LOG, "a") as f:
            f.write(text + "\n")


def out(text):
    sys.stdout.write(text)
    sys.stdout.flush()


# The VOS CLI's pager as Cisco's unicon VOS plugin matches it
# (CiscoTestAutomation/unicon.plugins, src/unicon/plugins/vos/patterns.py).
PAGER = ("\x1b[1mPress <enter> for 1 line, <space> for one page, "
         "or <q> to quit\x1b[0m")


def read_key(prompt):
    """Show prompt, then one key, without echo or waiting for a newline.

    The terminal is in cbreak mode before the prompt shows, and switched
    without a flush: a key sent as soon as the prompt is seen is kept."""
    fd = sys.stdin.fileno()
    if not os.isatty(fd):
        out(prompt)
        return sys.stdin.read(1)
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        out(prompt)
        return os.read(fd, 1).decode("ascii", "replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def paged(lines):
    """Print lines as the CLI does with pagination on."""
    page = int(os.environ.get("FAKE_CUC_PAGE", "2"))
    left = page
    for i, line in enumerate(lines):
        out(line + "\n")
        left -= 1
        if left > 0 or i + 1 == len(lines):
            continue
        key = read_key(PAGER)
        log("pager key %r" % key)
        out("\r\x1b[K")
        if key == "q":
            return
        left = 1 if key in ("\r", "\n") else page


def hang():
    while True:
        time.sleep(60)


def trickle(line):
    """A peer that is alive and never done: a line every 0.2 s."""
    while True:
        out(line + "\n")
        time.sleep(0.2)


def parse_ssh_args(argv):
    """(user, host) from ssh-like arguments."""
    user, host, i = "admin", "cuc", 0
    while i < len(argv):
        a = argv[i]
        if a in ("-p", "-o", "-i", "-F", "-E") and i + 1 < len(argv):
            i += 2
            continue
        if a == "-l" and i + 1 < len(argv):
            user = argv[i + 1]
            i += 2
            continue
        if a.startswith("-"):
            i += 1
            continue
        host = a
        if "@" in host:
            user, host = host.split("@", 1)
        i += 1
    return user, host


def login(user, host):
    if MODE == "key":
        return True
    if MODE == "hostkey":
        out("The authenticity of host '%s (127.0.0.1)' can't be "
            "established.\nED25519 key fingerprint is SHA256:fake.\n"
            "Are you sure you want to continue connecting "
            "(yes/no/[fingerprint])? " % host)
        answer = sys.stdin.readline().strip()
        log("hostkey answer " + answer)
        out("Host key verification failed.\n")
        return False
    foreign = os.environ.get("FAKE_CUC_FOREIGN")
    if foreign:
        try:
            pw = getpass.getpass(foreign)
        except EOFError:
            log("foreign prompt not answered")
            return False
        log("foreign prompt answered" +
            (" with the password" if pw == PASSWORD else ""))
    if MODE == "kbdint":
        prompt = "(%s@%s) Password: " % (user, host)
    else:
        prompt = "%s@%s's password: " % (user, host)
    for _ in range(3):
        try:
            pw = getpass.getpass(prompt)
        except EOFError:
            return False
        ok = MODE != "badpass" and pw == PASSWORD
        log("password " + ("accepted" if ok else "rejected"))
        if ok:
            return True
        out("Permission denied, please try again.\n")
    out("%s@%s: Permission denied (publickey,password).\n" % (user, host))
    return False


def table_lines():
    path = os.environ.get("FAKE_CUC_FIXTURE")
    if not path:
        return ["No records found"]
    with open(path, newline="") as f:
        lines = [l.rstrip("\r\n") for l in f]
    return [l for l in lines if not l.startswith("admin:")
            and not l.startswith("#")]


def dbquery(cmd):
    if MODE == "clierror" or "tbl_exsubscription" not in cmd:
        out("\n  -206: The specified table (%s) is not in the database.\n"
            "\nExecuted command unsuccessfully\n" % cmd.split()[-1])
        return
    if MODE == "norecords":
        out("\nNo records found\n")
        return
    lines = table_lines()
    if MODE in ("hang_query", "die", "trickle_query"):
        out("\n" + "\n".join(lines[:len(lines) // 2]) + "\n")
        if MODE == "trickle_query":
            trickle(lines[-1])
        if MODE == "die":
            out("Connection to cuc closed by remote host.\n")
            sys.exit(255)
        hang()
    if MODE == "pager":
        paged(lines)
        return
    out("\n".join(lines) + "\n")


def main():
    user, host = parse_ssh_args(sys.argv[1:])
    log("pid %d" % os.getpid())
    log("argv " + " ".join(sys.argv[1:]))
    if not login(user, host):
        sys.exit(255)
    out("Command Line Interface is starting up, please wait ...\n\n"
        "   Welcome to the Platform Command Line Interface\n\n"
        "VMware Installation:\n\t2 vCPU: Intel(R) Xeon(R) CPU\n\n")
    if MODE == "hang_login":
        hang()
    if MODE == "trickle_login":
        trickle("Command Line Interface is starting up, please wait ...")
    while True:
        out("admin:")
        line = sys.stdin.readline()
        if not line:
            return
        cmd = line.strip()
        log("command " + cmd)
        if cmd == "exit" or cmd == "quit":
            return
        if cmd == "set cli pagination off" and MODE == "pager":
            out("Executed command unsuccessfully\n")
        elif cmd == "set cli pagination off":
            out("Automatic pagination is turned off\n")
        elif cmd.startswith("run cuc dbquery "):
            dbquery(cmd)
        elif cmd:
            out("Executed command unsuccessfully\n"
                "No valid command entered\n")


if __name__ == "__main__":
    main()
