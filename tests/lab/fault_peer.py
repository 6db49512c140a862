#!/usr/bin/env python3
"""A loopback peer that misbehaves on purpose, for tests/plugins/test_faults.sh.

  fault_peer.py --port-file FILE --mode MODE [--size BYTES] [--prefix TEXT]
                [--status N] [--tls CERT KEY]

Modes (each connection is answered the same way, one thread each):
  endless-body    HTTP/1.1 200 without Content-Length, then body bytes forever
  big-body        HTTP/1.1 200 with Content-Length: --size, then that many bytes
  endless-header  a status line, then header lines forever
  garbage         no HTTP at all: bytes forever, right after the request
  status          HTTP/1.1 --status with a short body (credentials tests)

--tls serves HTTPS with that certificate and key (PEM).  --prefix is sent first in the body (e.g. a valid SOAP answer before the
padding).  The request is read (up to its blank line and Content-Length)
before answering.  The port is written to --port-file once the socket
listens.  A peer that stops reading (the plugin capped the body) ends the
connection quietly.  Python 3 standard library only.
"""

import argparse
import os
import socket
import ssl
import sys
import threading

CHUNK = b"x" * 65536


def read_request(conn):
    """Read headers and any body of one request; return the raw head."""
    data = b""
    while b"\r\n\r\n" not in data:
        got = conn.recv(65536)
        if not got:
            return data
        data += got
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(rest) < length:
        got = conn.recv(65536)
        if not got:
            break
        rest += got
    return head


def forever(conn, chunk):
    while True:
        conn.sendall(chunk)


def serve(conn, args):
    try:
        read_request(conn)
        prefix = args.prefix.encode()
        if args.mode == "endless-body":
            conn.sendall(b"HTTP/1.1 200 OK\r\nServer: fault_peer\r\n"
                         b"Content-Type: text/plain\r\n"
                         b"Connection: close\r\n\r\n" + prefix)
            forever(conn, CHUNK)
        elif args.mode == "big-body":
            conn.sendall(b"HTTP/1.1 200 OK\r\nServer: fault_peer\r\n"
                         b"Content-Type: text/xml\r\n"
                         b"Content-Length: %d\r\n\r\n" % args.size + prefix)
            left = args.size - len(prefix)
            while left > 0:
                n = min(left, len(CHUNK))
                conn.sendall(CHUNK[:n])
                left -= n
        elif args.mode == "endless-header":
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            forever(conn, b"X-Fault: " + b"h" * 1000 + b"\r\n")
        elif args.mode == "garbage":
            forever(conn, bytes(range(256)) * 256)
        else:
            body = b"nope\n"
            conn.sendall(b"HTTP/1.1 %d Fault\r\nContent-Length: %d\r\n"
                         b"Connection: close\r\n\r\n" % (args.status,
                                                         len(body)) + body)
    except OSError:
        pass    # the plugin stopped reading: that is the point
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--mode", required=True,
                    choices=("endless-body", "big-body", "endless-header",
                             "garbage", "status"))
    ap.add_argument("--size", type=int, default=100 * 1024 * 1024)
    ap.add_argument("--status", type=int, default=401)
    ap.add_argument("--prefix", default="")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = ap.parse_args()

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        srv = ctx.wrap_socket(srv, server_side=True)
    tmp = "%s.tmp.%d" % (args.port_file, os.getpid())
    with open(tmp, "w", encoding="ascii") as fp:
        fp.write("%d\n" % srv.getsockname()[1])
    os.replace(tmp, args.port_file)
    try:
        while True:
            try:
                conn, _ = srv.accept()
            except (ssl.SSLError, OSError):
                continue    # a client that refused our certificate
            threading.Thread(target=serve, args=(conn, args),
                             daemon=True).start()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
