#!/usr/bin/env python3
"""A loopback stand-in for CUC's "Connection Jetty" notification endpoint.

Exchange POSTs EWS push notifications to CUC on TCP 7080; Jetty answers
200 with a SOAP SendNotificationResult.  This server answers the same way
(or misbehaves on purpose) so the plugins can be tested without a CUC box.

  fake_jetty.py [--bind ADDR] [--port N] [--port-file FILE]
                [--mode soap|unsubscribe|fault|nonsoap|hang|close]
                [--subscription-status TEXT]
                [--request-log PATH] [--log-shape jetty|cisco]
                [--server-header TEXT]

soap answers SubscriptionStatus OK, unsubscribe Unsubscribe (what a real CUC
answers for a subscription it does not know), --subscription-status any other
text; fault answers HTTP 500 with a SOAP 1.1 Fault (SOAP 1.1 section 4.4 puts
faults in HTTP 500; the faultstring is Apache CXF's for a body it cannot read).
--port 0 picks a free port; --port-file receives the bound port (written
atomically) once the socket listens, so a test waits for the file.
--request-log appends one NCSA common-log line per answered request in the
shape Jetty writes (jetty) or the one in Cisco's tech note (cisco), time in
UTC, flushed line by line.  --server-header replaces the Server header's
value with TEXT, backslash escapes (\\xNN) decoded to raw bytes: how the
tests feed markup, controls and broken UTF-8 to check_cuc_port --http.
Python 3 standard library only.
"""

import argparse
import codecs
import http.server
import os
import socket
import socketserver
import sys
import threading
import time

SERVER = "Jetty(8.1.14.v20131031)"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

SOAP_ANSWER = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<soap:Body>"
    "<SendNotificationResult"
    " xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">"
    "<SubscriptionStatus>{status}</SubscriptionStatus>"
    "</SendNotificationResult>"
    "</soap:Body>"
    "</soap:Envelope>")

FAULT_ANSWER = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode>"
    "<faultstring>Unmarshalling Error</faultstring></soap:Fault>"
    "</soap:Body></soap:Envelope>")

NONSOAP_ANSWER = (
    "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>"
    "<body><h1>It works</h1></body></html>\n")


def ncsa_time(now, shape):
    """'29/Jun/2014:11:30:50 +0000' (jetty) or '29/Jun/2014:11:30:50] -0000'."""
    t = time.gmtime(now)
    stamp = "%02d/%s/%04d:%02d:%02d:%02d" % (
        t.tm_mday, MONTHS[t.tm_mon - 1], t.tm_year,
        t.tm_hour, t.tm_min, t.tm_sec)
    if shape == "cisco":
        return "[%s] -0000" % stamp
    return "[%s +0000]" % stamp


class RequestLog:
    """Appends NCSA lines; one lock so threads never interleave a line."""

    def __init__(self, path, shape):
        self.fp = open(path, "a", encoding="utf-8") if path else None
        self.shape = shape
        self.lock = threading.Lock()

    def write(self, addr, requestline, status, size):
        if self.fp is None:
            return
        line = '%s - - %s "%s" %d %d\n' % (
            addr, ncsa_time(time.time(), self.shape), requestline,
            status, size)
        with self.lock:
            self.fp.write(line)
            self.fp.flush()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        # http.server writes headers as latin-1: each byte as it is.
        return self.server.server_header or SERVER

    def log_message(self, fmt, *args):
        pass    # the request log is ours; stderr stays quiet

    def handle(self):
        mode = self.server.mode
        if mode == "close":
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if mode == "hang":
            # Accept and never answer: hold the connection until shutdown.
            self.server.stop.wait()
            return
        super().handle()

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            self.rfile.read(length)
        mode = self.server.mode
        code = 200
        if mode == "nonsoap":
            body, ctype = NONSOAP_ANSWER, "text/html; charset=utf-8"
        elif mode == "fault":
            code, body = 500, FAULT_ANSWER
            ctype = "text/xml; charset=utf-8"
        else:
            status = self.server.status or (
                "Unsubscribe" if mode == "unsubscribe" else "OK")
            body = SOAP_ANSWER.format(status=status)
            ctype = "text/xml; charset=utf-8"
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.server.log.write(self.client_address[0], self.requestline,
                              code, len(data))

    do_GET = do_POST = do_HEAD = do_PUT = answer


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def server_bind(self):
        # Skip HTTPServer's getfqdn(): it may ask DNS, which can be slow.
        socketserver.TCPServer.server_bind(self)
        self.server_name = self.server_address[0]
        self.server_port = self.server_address[1]


def write_port_file(path, port):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w", encoding="ascii") as fp:
        fp.write("%d\n" % port)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--mode", default="soap",
                    choices=("soap", "unsubscribe", "fault", "nonsoap", "hang",
                             "close"))
    ap.add_argument("--subscription-status")
    ap.add_argument("--request-log")
    ap.add_argument("--log-shape", default="jetty", choices=("jetty", "cisco"))
    ap.add_argument("--server-header")
    args = ap.parse_args()

    Server.address_family = socket.AF_INET6 if ":" in args.bind \
        else socket.AF_INET
    srv = Server((args.bind, args.port), Handler)
    srv.mode = args.mode
    srv.status = args.subscription_status
    srv.server_header = None
    if args.server_header is not None:
        raw = codecs.escape_decode(args.server_header.encode("latin-1"))[0]
        srv.server_header = raw.decode("latin-1")
    srv.stop = threading.Event()
    srv.log = RequestLog(args.request_log, args.log_shape)
    if args.port_file:
        write_port_file(args.port_file, srv.server_address[1])
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop.set()
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
