#!/usr/bin/env python3
"""A fake CUC Serviceability log collection service for the lab tests.

HTTPS on 127.0.0.1 with HTTP Basic auth, speaking the message shapes of
the real services (see common/logsvc.h):

  POST /logcollectionservice2/services/LogCollectionPortTypeService
       selectLogFiles -> SetOfFiles/File{name,absolutepath,filesize,modifiedDate}
       GetOneFile     -> the file as an MTOM/XOP part (Axis2), unless --current
       getTimeZone    -> the server's TimeZone string
  POST /logcollectionservice/services/DimeGetFileService
       GetOneFile     -> the file as a DIME or MIME multipart attachment

  fake_serviceability.py --cert C --key K --port-file F --count-log L \
      --service "Connection Mailbox Sync=DIR[=GLOB]" ... [--mode dime|multipart]
      [--fault none|401|soapfault|truncated|toolarge|hang] [--chunk N]
      [--current present|404|fault] [--select both|absolute] [--no-gettz]
      [--zone Europe/Dublin] [--now 2026-07-15T10:00:30Z] [--gate FILE]

Files are served from DIR under the remote directory
/var/log/active/cuc/<service-slug>/, their mtimes printed as modifiedDate
the way Java's Date.toString() does in --zone ("Wed Jul 15 11:00:00 IST
2026"; Java's own abbreviation where tzdata has only a number, else
"GMT+08:00").  The server's clock is --now (fixed) or the real one; every
answer carries it as the HTTP Date header.

Selection (shapes from Cisco's LogCollectionPortTypeService.wsdl and
public clients): RelText Minutes/Hours/Days/Weeks/Months with RelTime N
lists the files modified in the last N units by the server's clock; with
--select absolute that form is refused by a fault (an older CUC).
FromDate/ToDate ("MM/DD/YY hh:mm AM") are read in the zone of TimeZone
("Client: (GMT-8:0)...") and refused with a fault carrying -101 unless its
(GMT+h:m) is the server's own offset, as a public client reports of live
servers.  getTimeZone answers "(GMT+h:m)ZONE" (--no-gettz: an unknown
operation).

GetOneFile on logcollectionservice2 answers multipart/related with
type="application/xop+xml": the envelope's GetOneFileReturn holds an
xop:Include href="cid:..." naming the part with the bytes (W3C XOP; the
WSDL's GetOneFileReturn is base64Binary with xmime:expectedContentTypes).
--current 404 or fault makes that endpoint absent (Tomcat's 404 page, or
Axis2's "The endpoint reference (EPR) for the Operation not found is ..."),
so a client has to use DimeGetFileService.

Every request appends a line to the count log ("selectLogFiles SERVICE
rel Hours 3" or "... abs", "GetOneFile2 NAME" on the current service,
"GetOneFile2-absent NAME", "GetOneFile NAME" on the older one,
"getTimeZone", "connect" for each new connection), so a test can prove
what was fetched and that the connection was reused.  Faults: 401 to every
request; a SOAP fault to every request; a DIME attachment record cut short
(with an honest Content-Length); a listing that gives a small filesize for
files it then sends whole (the cap must stop them); a GetOneFile that
never answers.  --gate FILE holds every GetOneFile until FILE exists (a
test's cue to act while a run is under way).  Standard library only.
"""
import argparse
import base64
import calendar
import datetime
import email.utils
import fnmatch
import os
import re
import ssl
import struct
import sys
import threading
import time
import zoneinfo
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


# Axis2's fault for an operation this service does not have.
AXIS2_NO_OP = fault("The endpoint reference (EPR) for the Operation not found "
                    "is /logcollectionservice2/services/LogCollectionPortTypeService "
                    "and the WSA Action = GetOneFile")


def xml_unescape(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


# Java's names where tzdata prints a number (JDK 8 TimeZoneNames).
JAVA_NAMES = {"Asia/Kuala_Lumpur": "MYT", "Asia/Kathmandu": "NPT",
              "Asia/Dhaka": "BDT", "America/Bogota": "COT",
              "Europe/Istanbul": "TRT", "Asia/Riyadh": "AST"}


def java_date(t):
    """Date.toString() of epoch t in Config.zone: 'EEE MMM dd HH:mm:ss zzz yyyy'."""
    d = datetime.datetime.fromtimestamp(t, Config.zone)
    name = d.tzname()
    if name[0] in "+-":
        off = int(d.utcoffset().total_seconds()) // 60
        name = JAVA_NAMES.get(Config.zone.key, "GMT%s%02d:%02d" % (
            "-" if off < 0 else "+", abs(off) // 60, abs(off) % 60))
    return d.strftime("%a %b %d %H:%M:%S ") + name + d.strftime(" %Y")


def server_now():
    return Config.now if Config.now is not None else time.time()


def server_offset():
    """The server's offset now, minutes east of UTC."""
    d = datetime.datetime.fromtimestamp(server_now(), Config.zone)
    return int(d.utcoffset().total_seconds()) // 60


def gmt_text(minutes):
    """'(GMT-8:0)': the shape public clients send in TimeZone."""
    return "(GMT%s%d:%d)" % ("-" if minutes < 0 else "+", abs(minutes) // 60,
                             abs(minutes) % 60)


def tz_offset(s):
    """The minutes of '(GMT+5:30)' in a TimeZone string, or None."""
    m = re.search(r"GMT([+-])(\d{1,2}):(\d{1,2})", s or "")
    if not m:
        return None
    v = int(m.group(2)) * 60 + int(m.group(3))
    return -v if m.group(1) == "-" else v


def cisco_date(s, minutes=0):
    """'MM/DD/YY hh:mm AM' in the zone `minutes` east of UTC -> epoch."""
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d\d) (\d\d):(\d\d) (AM|PM)", s.strip())
    if not m:
        return None
    mo, d, y, h, mi, ampm = m.groups()
    h = int(h) % 12 + (12 if ampm == "PM" else 0)
    return calendar.timegm((2000 + int(y), int(mo), int(d), h, int(mi), 0)) - minutes * 60


REL_UNITS = {"Minutes": 60, "Hours": 3600, "Days": 86400, "Weeks": 7 * 86400,
             "Months": 31 * 86400}


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
    current = "present"
    select = "both"
    gettz = True
    zone = zoneinfo.ZoneInfo("UTC")
    now = None
    gate = None
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

    def date_time_string(self, timestamp=None):
        # The HTTP Date header: the server's (maybe fixed) clock, RFC 7231.
        return email.utils.formatdate(server_now(), usegmt=True)

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
        action = self.headers.get("SOAPAction", "").strip('"')
        if self.path == SELECT_PATH and "selectLogFiles" in body:
            return self.select(body)
        if self.path == SELECT_PATH and action == "getTimeZone":
            count("getTimeZone")
            if not Config.gettz:
                return self.send(500, AXIS2_NO_OP)
            return self.send(200, envelope(
                '<ns:TimeZone xmlns:ns="%s">%s%s</ns:TimeZone>'
                % (NS, gmt_text(server_offset()), Config.zone.key)))
        if self.path == SELECT_PATH and action == "GetOneFile":
            return self.getfile2(body)
        if self.path == GETFILE_PATH and "GetOneFile" in body:
            return self.getfile(body)
        self.send(500, fault("No such operation"))

    def select(self, body):
        m = re.search(r"<(?:\w+:)?ServiceLogs>\s*<(?:\w+:)?item>(.*?)</", body, re.S)
        service = xml_unescape(m.group(1)) if m else ""
        if Config.fault == "soapfault":
            return self.send(500, fault("Service Name is not valid: " + service))
        if service not in Config.services:
            return self.send(500, fault("Service Name is not valid: " + service))
        rt = re.search(r"<(?:\w+:)?RelText>(.*?)</", body)
        rn = re.search(r"<(?:\w+:)?RelTime>(.*?)</", body)
        rel = rt.group(1) if rt else "None"
        if rel != "None":
            n = int(rn.group(1)) if rn and rn.group(1).isdigit() else 0
            count("selectLogFiles %s rel %s %d" % (service, rel, n))
            if Config.select == "absolute":
                return self.send(500, fault("Invalid RelText: " + rel))
            if rel not in REL_UNITS or not 1 <= n <= 127:
                return self.send(500, fault("Invalid RelTime"))
            lo, hi = server_now() - n * REL_UNITS[rel], None
        else:
            f = re.search(r"<(?:\w+:)?FromDate>(.*?)</", body)
            t = re.search(r"<(?:\w+:)?ToDate>(.*?)</", body)
            z = re.search(r"<(?:\w+:)?TimeZone>(.*?)</", body)
            tz = xml_unescape(z.group(1)) if z else ""
            count("selectLogFiles %s abs %s" % (service, tz))
            off = tz_offset(tz)
            if off is None or off != server_offset():
                # The code a public client reports from live servers.
                return self.send(500, fault("-101: TimeZone %s is not the "
                                            "server's %s" % (tz, gmt_text(server_offset()))))
            lo = cisco_date(f.group(1), off) if f else None
            hi = cisco_date(t.group(1), off) if t else None
            if lo is None or hi is None:
                return self.send(500, fault("Invalid date format"))
        items = []
        for name, path, size, mtime, _ in service_files(service):
            if mtime < lo or (hi is not None and mtime > hi + 59):
                continue
            if Config.fault == "toolarge":
                size = 10   # lies: the cap on the answer must stop it
            items.append('<ns1:File><ns1:name>%s</ns1:name><ns1:absolutepath>%s'
                         '</ns1:absolutepath><ns1:filesize>%d</ns1:filesize>'
                         '<ns1:modifiedDate>%s</ns1:modifiedDate></ns1:File>'
                         % (xml_escape(name), xml_escape(path), size, java_date(mtime)))
        if Config.fault == "biglisting":
            # Past the plugins' 16 MiB cap on a listing: ~70000 entries of
            # the shape above (no real CUC keeps that many in one span).
            pad = ('<ns1:File><ns1:name>pad_%06d.uc</ns1:name><ns1:absolutepath>'
                   '/var/log/active/pad/</ns1:absolutepath><ns1:filesize>1'
                   '</ns1:filesize><ns1:modifiedDate>%s</ns1:modifiedDate></ns1:File>')
            stamp = java_date(server_now())
            items.extend(pad % (i, stamp) for i in range(90000))
        xml = envelope('<ns1:selectLogFilesResponse xmlns:ns1="%s"><ns1:ResultSet>'
                       '<ns1:SchemaFileSelectionResult><ns1:Node><ns1:name>cuc1</ns1:name>'
                       '<ns1:ServiceList><ns1:ServiceLogs><ns1:SetOfFiles>%s'
                       '</ns1:SetOfFiles></ns1:ServiceLogs></ns1:ServiceList></ns1:Node>'
                       '</ns1:SchemaFileSelectionResult></ns1:ResultSet>'
                       '</ns1:selectLogFilesResponse>' % (NS, "".join(items)))
        if Config.mode == "multipart":
            return self.multipart(xml, None)
        self.send(200, dime_record(6, 2, SOAP_TYPE, xml), "application/dime")

    def file_data(self, f, path):
        """The bytes GetOneFile answers with (both endpoints), or None once
        a fault was sent or the hang is over."""
        # --gate: the test's cue, given once it did its part mid-run.
        for _ in range(1200):
            if Config.gate is None or os.path.exists(Config.gate):
                break
            time.sleep(0.05)
        if Config.fault == "hang":
            time.sleep(120)
            return None
        if Config.fault == "soapfault" or f is None:
            self.send(500, fault("java.io.FileNotFoundException: %s "
                                 "(No such file or directory)" % path))
            return None
        with open(f[4], "rb") as fp:
            data = fp.read()
        if Config.fault == "toolarge":
            data *= (1 << 20) // max(len(data), 1) + 1  # far past the listed size
        return data

    def getfile(self, body):
        m = re.search(r"<FileName[^>]*>(.*?)</FileName>", body, re.S)
        path = xml_unescape(m.group(1)) if m else ""
        f = find_remote(path)
        count("GetOneFile " + (f[0] if f else path))
        data = self.file_data(f, path)
        if data is None:
            return
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

    def getfile2(self, body):
        m = re.search(r"<(?:\w+:)?FileName[^>]*>(.*?)</", body, re.S)
        path = xml_unescape(m.group(1)) if m else ""
        f = find_remote(path)
        name = f[0] if f else path
        if Config.current == "404":
            count("GetOneFile2-absent " + name)
            return self.send(404, b"<html><body><h1>HTTP Status 404 - Not Found"
                             b"</h1></body></html>", "text/html;charset=utf-8")
        if Config.current == "fault":
            count("GetOneFile2-absent " + name)
            return self.send(500, AXIS2_NO_OP)
        count("GetOneFile2 " + name)
        data = self.file_data(f, path)
        if data is None:
            return
        # Axis2's MTOM: ids urn:uuid:...@apache.org, root first, an unrelated
        # part before the file so the client must follow the cid.
        b = "MIMEBoundary_%032x" % os.getpid()
        root = "0.urn:uuid:%032X@apache.org" % 1
        cid = "1.urn:uuid:%032X@apache.org" % 2
        xml = envelope('<ns:GetOneFileResponse xmlns:ns="%s"><ns:GetOneFileReturn>'
                       '<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include"'
                       ' href="cid:%s"/></ns:GetOneFileReturn></ns:GetOneFileResponse>'
                       % (NS, cid))
        out = ("--%s\r\nContent-Type: application/xop+xml; charset=UTF-8; "
               'type="text/xml"\r\nContent-Transfer-Encoding: binary\r\n'
               "Content-ID: <%s>\r\n\r\n" % (b, root)).encode() + xml
        out += ("\r\n--%s\r\nContent-Type: text/plain\r\n"
                "Content-ID: <other@apache.org>\r\n\r\nnot the file" % b).encode()
        out += ("\r\n--%s\r\nContent-Type: application/octet-stream\r\n"
                "Content-Transfer-Encoding: binary\r\nContent-ID: <%s>\r\n\r\n"
                % (b, cid)).encode() + data
        out += ("\r\n--%s--\r\n" % b).encode()
        if Config.fault == "truncated":
            out = out[:-(len(data) // 2 + 10)]
        self.send(200, out, 'multipart/related; boundary=%s; type="application/xop+xml";'
                  ' start="<%s>"; start-info="text/xml"' % (b, root))

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
                    choices=["none", "401", "soapfault", "truncated", "toolarge",
                             "hang", "biglisting"])
    ap.add_argument("--chunk", type=int, default=0)
    ap.add_argument("--current", choices=["present", "404", "fault"], default="present")
    ap.add_argument("--select", choices=["both", "absolute"], default="both")
    ap.add_argument("--no-gettz", action="store_true")
    ap.add_argument("--zone", default="UTC")
    ap.add_argument("--now", help="fixed clock, ISO 8601 UTC")
    ap.add_argument("--gate", help="GetOneFile answers once this file exists")
    a = ap.parse_args()
    Config.current, Config.select, Config.gettz = a.current, a.select, not a.no_gettz
    Config.zone = zoneinfo.ZoneInfo(a.zone)
    if a.now:
        Config.now = datetime.datetime.fromisoformat(a.now.replace("Z", "+00:00")).timestamp()
    for s in a.service:
        parts = s.split("=")
        Config.services[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "*")
    Config.user, Config.password = a.user, a.password
    Config.mode, Config.fault, Config.chunk = a.mode, a.fault, a.chunk
    Config.count_log = a.count_log
    Config.gate = a.gate
    # Room for a burst of clients (test_cuc_cache.sh: 200 runs at once);
    # socketserver's default backlog of 5 drops their SYNs.
    ThreadingHTTPServer.request_queue_size = 256
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
