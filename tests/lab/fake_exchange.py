#!/usr/bin/env python3
"""A stand-in for Exchange pushing keepalives to CUC's Jetty.

  fake_exchange.py --port N [--host 127.0.0.1] [--bind-source ADDR]
                   [--subscriptions N] [--period SECONDS] [--rounds N]
                   [--prefix TEXT]

Every --period seconds each of the --subscriptions subscriptions POSTs an
EWS SendNotification carrying a status (keepalive) event to
/NotificationService/services/NotificationService?id=<id>&pid=<n>, spread
evenly over the period, on one kept-alive connection as Exchange does.
--bind-source makes the posts come from another loopback address
(127.0.0.2: a proxy or a NAT as CUC would see it).  Runs --rounds periods
(0: until killed).  Subscription ids are <prefix>-0001 ... so two senders
can be told apart.  Python 3 standard library only.
"""

import argparse
import http.client
import signal
import sys
import time

PATH = "/NotificationService/services/NotificationService"
BODY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"'
    ' xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"'
    ' xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">'
    '<soap:Body><m:SendNotification><m:ResponseMessages>'
    '<m:SendNotificationResponseMessage ResponseClass="Success">'
    '<m:ResponseCode>NoError</m:ResponseCode><m:Notification>'
    '<t:SubscriptionId>{id}</t:SubscriptionId>'
    '<t:PreviousWatermark>AQAAAA==</t:PreviousWatermark>'
    '<t:MoreEvents>false</t:MoreEvents>'
    '<t:StatusEvent><t:Watermark>AQAAAA==</t:Watermark></t:StatusEvent>'
    '</m:Notification></m:SendNotificationResponseMessage>'
    '</m:ResponseMessages></m:SendNotification></soap:Body></soap:Envelope>')
HEADERS = {
    "Content-Type": "text/xml; charset=utf-8",
    "SOAPAction": "http://schemas.microsoft.com/exchange/services/2006/"
                  "messages/sendnotification",
    "User-Agent": "ExchangeServicesClient/15.00.0847.030",
}


class Sender:
    def __init__(self, host, port, source):
        self.host, self.port, self.source = host, port, source
        self.conn = None

    def post(self, sub_id, pid):
        body = BODY.format(id=sub_id).encode()
        for attempt in (1, 2):	# a dropped keep-alive connection: reconnect once
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        self.host, self.port, timeout=5,
                        source_address=(self.source, 0) if self.source
                        else None)
                self.conn.request("POST", "%s?id=%s&pid=%d" % (
                    PATH, sub_id, pid), body, HEADERS)
                resp = self.conn.getresponse()
                resp.read()
                return resp.status
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    return 0
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--bind-source")
    ap.add_argument("--subscriptions", type=int, default=5)
    ap.add_argument("--period", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=0)
    ap.add_argument("--prefix", default="sub")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))

    ids = ["%s-%04d" % (args.prefix, i + 1)
           for i in range(args.subscriptions)]
    sender = Sender(args.host, args.port, args.bind_source)
    gap = args.period / max(1, len(ids))
    start = time.monotonic()
    n = 0
    rounds = 0
    while args.rounds == 0 or rounds < args.rounds:
        for i, sub in enumerate(ids):
            due = start + n * gap
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            sender.post(sub, 1000 + i)
            n += 1
        rounds += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
