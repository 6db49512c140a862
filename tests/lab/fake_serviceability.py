#!/usr/bin/env python3
"""A fake CUC Serviceability log collection service for the lab tests.

HTTPS on 127.0.0.1 with HTTP Basic auth, speaking the message shapes of
the real services (see common/logsvc.h):

  POST /logcollectionservice2/services/LogCollectionPortTypeService
       selectLogFiles -> SetOfFiles/File{name,absolutepath,filesize,modifiedDate}
  POST /logcollectionservice/services/DimeGetFileService
       GetOneFile     -> the file as a DIME or MIME multipart attachment

  fake_serviceability.py --cert C --key K --port-file F --count-log L \
      --service "Connection Mailbox Sync=DIR[=GLOB]" ... [--mode dime|multipart]
      [--fault none|401|soapfault|truncated|toolarge|hang] [--chunk N]

Files are served from DIR with their mtimes as modifiedDate (UTC), under
the remote directory /var/log/active/cuc/<service-slug>/.  Every request
appends a line to the count log ("selectLogFiles SERVICE", "GetOneFile
NAME", "connect" for each new connection), so a test can prove what was
fetched and that the connection was reused.  Faults: 401 to every
request; a SOAP fault to every request; a DIME attachment record cut short
(with an honest Content-Length); a listing that gives a small filesize for
files it then sends whole (the cap must stop them); a GetOneFile that
never answers.  Standard library only.
"""
import argparse
import base64
import calendar
import fnmatch
import os
import re
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NS = "http://schemas.cisco.com/ast/soap"
SOAP_TYPE = b"http://schemas.xmlsoap.org/soap/envelope/"
SELECT_PATH = "/logcollectionservice2/services/LogCollectionPortTypeService"
GETFILE_PATH = "/logcollectionservice/services/DimeGetFileService"


def envelope(body):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"'
            ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<soapenv:Body>' + body + '</soapenv:Body></soapenv:Envelope>').encode()


def fault(text):
    return envelope('<soapenv:Fault><faultcode>soapenv:Server.userException'
                    '</faultcode><faultstring>' + xml_escape(text) +
                    '</faultstring></soapenv:Fault>')


def xml_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def xml_unescape(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def java_date(t):
    return time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime(t))


def cisco_date(s):
    """'MM/DD/YY hh:mm AM' (UTC, as the client sends it) -> epoch."""
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d\d) (\d\d):(\d\d) (AM|PM)", s.strip())
    if not m:
        return None
    mo, d, y, h, mi, ampm = m.groups()
    h = int(h) % 12 + (12 if ampm == "PM" else 0)
    return calendar.timegm((2000 + int(y), int(mo), int(d), h, int(mi), 0))


def dime_record(flags, tnf, typ, data, ident=b""):
    def pad(b):
        return b + b"\0" * (-len(b) % 4)
    return (bytes([1 << 3 | flags, tnf << 4]) +
            struct.pack(">HHHI", 0, len(ident), len(typ), len(data)) +
            pad(ident) + pad(typ) + pad(data))


class Config:
    services = {}       # name -> (dir, glob)
    user = "monitor"
    password = "secret"
    mode = "dime"
    fault = "none"
    chunk = 0
    count_log = None
    lock = threading.Lock()


def slug(service):
    return re.sub(r"[^a-z0-9]+", "_", service.lower()).strip("_")


def service_files(service):
    d, pattern = Config.services[service]
    out = []
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        if os.path.isfile(p) and fnmatch.fnmatch(name, pattern):
            st = os.stat(p)
            out.append((name, "/var/log/active/cuc/%s/%s" % (slug(service), name),
                        st.st_size, int(st.st_mtime), p))
    return out


def find_remote(path):
    for service in Config.services:
        for f in service_files(service):
            if f[1] == path:
                return f
    return None


def count(line):
    if Config.count_log:
        with Config.lock, open(Config.count_log, "a") as fp:
            fp.write(line + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        count("connect")   # one per TCP connection: proves reuse

    def send(self, code, body, ctype="text/xml; charset=utf-8", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def authorised(self):
        auth = self.headers.get("Authorization", "")
        want = base64.b64encode(("%s:%s" % (Config.user, Config.password))
                                .encode()).decode()
        return auth == "Basic " + want and Config.fault != "401"

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        if not self.authorised():
            count("401")
            return self.send(401, b"<html><body>Unauthorized</body></html>",
                             "text/html", {"WWW-Authenticate": 'Basic realm="Cisco Serviceability"'})
        if self.path == SELECT_PATH and "selectLogFiles" in body:
            return self.select(body)
        if self.path == GETFILE_PATH and "GetOneFile" in body:
            return self.getfile(body)
        self.send(500, fault("No such operation"))

    def select(self, body):
        m = re.search(r"<(?:\w+:)?ServiceLogs>\s*<(?:\w+:)?item>(.*?)</", body, re.S)
        service = xml_unescape(m.group(1)) if m else ""
        count("selectLogFiles " + service)
        if Config.fault == "soapfault":
            return self.send(500, fault("Service Name is not valid: " + service))
        if service not in Config.services:
            return self.send(500, fault("Service Name is not valid: " + service))
        f = re.search(r"<(?:\w+:)?FromDate>(.*?)</", body)
        t = re.search(r"<(?:\w+:)?ToDate>(.*?)</", body)
        lo = cisco_date(f.group(1)) if f else None
        hi = cisco_date(t.group(1)) if t else None
        if lo is None or hi is None:
            return self.send(500, fault("Invalid date format"))
        items = []
        for name, path, size, mtime, _ in service_files(service):
            if not lo <= mtime <= hi + 59:
                continue
            if Config.fault == "toolarge":
                size = 10   # lies: the cap on the answer must stop it
            items.append('<ns1:File><ns1:name>%s</ns1:name><ns1:absolutepath>%s'
                         '</ns1:absolutepath><ns1:filesize>%d</ns1:filesize>'
                         '<ns1:modifiedDate>%s</ns1:modifiedDate></ns1:File>'
                         % (xml_escape(name), xml_escape(path), size, java_date(mtime)))
        xml = envelope('<ns1:selectLogFilesResponse xmlns:ns1="%s"><ns1:ResultSet>'
                       '<ns1:SchemaFileSelectionResult><ns1:Node><ns1:name>cuc1</ns1:name>'
                       '<ns1:ServiceList><ns1:ServiceLogs><ns1:SetOfFiles>%s'
                       '</ns1:SetOfFiles></ns1:ServiceLogs></ns1:ServiceList></ns1:Node>'
                       '</ns1:SchemaFileSelectionResult></ns1:ResultSet>'
                       '</ns1:selectLogFilesResponse>' % (NS, "".join(items)))
        if Config.mode == "multipart":
            return self.multipart(xml, None)
        self.send(200, dime_record(6, 2, SOAP_TYPE, xml), "application/dime")

    def getfile(self, body):
        m = re.search(r"<FileName[^>]*>(.*?)</FileName>", body, re.S)
        path = xml_unescape(m.group(1)) if m else ""
        f = find_remote(path)
        count("GetOneFile " + (f[0] if f else path))
        if Config.fault == "hang":
            time.sleep(120)
            return
        if Config.fault == "soapfault" or f is None:
            return self.send(500, fault("java.io.FileNotFoundException: %s "
                                        "(No such file or directory)" % path))
        with open(f[4], "rb") as fp:
            data = fp.read()
        if Config.fault == "toolarge":
            data *= (1 << 20) // max(len(data), 1) + 1  # far past the listed size
        xml = envelope('<ns1:GetOneFileResponse xmlns:ns1="%s/"><GetOneFileReturn '
                       'href="cid:F1"/></ns1:GetOneFileResponse>' % NS)
        if Config.mode == "multipart":
            return self.multipart(xml, data)
        out = dime_record(4, 2, SOAP_TYPE, xml, b"uuid:root")
        step = Config.chunk or len(data) or 1
        pieces = [data[i:i + step] for i in range(0, len(data), step)] or [b""]
        for i, piece in enumerate(pieces):
            first, last = i == 0, i == len(pieces) - 1
            flags = (2 if last else 1)
            out += dime_record(flags, 1 if first else 0,
                               b"application/octet-stream" if first else b"",
                               piece, b"F1" if first else b"")
        if Config.fault == "truncated":
            out = out[:-(len(data) // 2 + 4)]
        self.send(200, out, "application/dime")

    def multipart(self, xml, data):
        b = "----=_Part_0_%d.%d" % (os.getpid(), int(time.time()))
        out = ("\r\n--%s\r\nContent-Type: text/xml; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: binary\r\nContent-Id: <root>\r\n\r\n" % b).encode()
        out += xml
        if data is not None:
            out += ("\r\n--%s\r\nContent-Type: application/octet-stream\r\n"
                    "Content-Transfer-Encoding: binary\r\nContent-Id: <F1>\r\n\r\n" % b).encode()
            out += data
        out += ("\r\n--%s--\r\n" % b).encode()
        if Config.fault == "truncated" and data is not None:
            out = out[:-(len(data) // 2 + 10)]
        self.send(200, out, 'multipart/related; type="text/xml"; start="<root>"; '
                  'boundary="%s"' % b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--count-log")
    ap.add_argument("--service", action="append", default=[],
                    help="NAME=DIR[=GLOB]")
    ap.add_argument("--user", default="monitor")
    ap.add_argument("--password", default="secret")
    ap.add_argument("--mode", choices=["dime", "multipart"], default="dime")
    ap.add_argument("--fault", default="none",
                    choices=["none", "401", "soapfault", "truncated", "toolarge", "hang"])
    ap.add_argument("--chunk", type=int, default=0)
    a = ap.parse_args()
    for s in a.service:
        parts = s.split("=")
        Config.services[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "*")
    Config.user, Config.password = a.user, a.password
    Config.mode, Config.fault, Config.chunk = a.mode, a.fault, a.chunk
    Config.count_log = a.count_log
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as fp:
        fp.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
