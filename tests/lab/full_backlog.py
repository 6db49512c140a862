#!/usr/bin/env python3
"""A loopback port that never answers a SYN: what a dropping firewall does.

  full_backlog.py --port-file FILE [--bind 127.0.0.1]

The socket listens with a backlog of 0 and never accepts; the script then
fills the accept queue with its own connections.  Linux drops any further
SYN for a full queue (tcp_abort_on_overflow=0, the default), so a client's
connect() stays in SYN-SENT and times out, without a packet leaving the
machine.  The port is written to FILE (atomically) once the queue is full.
Python 3 standard library only.
"""

import argparse
import os
import socket
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()

    lsn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsn.bind((args.bind, 0))
    lsn.listen(0)
    port = lsn.getsockname()[1]
    fillers = []
    # Backlog 0 takes one connection; a few more make sure the queue is
    # full and any later SYN waits in vain.
    for _ in range(4):
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        c.setblocking(False)
        try:
            c.connect((args.bind, port))
        except BlockingIOError:
            pass
        fillers.append(c)
    time.sleep(0.2)
    tmp = "%s.tmp.%d" % (args.port_file, os.getpid())
    with open(tmp, "w", encoding="ascii") as fp:
        fp.write("%d\n" % port)
    os.replace(tmp, args.port_file)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
