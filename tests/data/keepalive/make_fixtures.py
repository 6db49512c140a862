#!/usr/bin/env python3
"""Write the keepalive fixtures of tests/plugins/test_keepalive.sh.

    python3 tests/data/keepalive/make_fixtures.py [DIR]

Deterministic: running it again writes the same bytes.  Each fixture is
described where it is made; the answers the tests expect are worked out in
README (they are simple enough to count by hand).  All on 2014-06-29 UTC;
the tests run with --now=2014-06-29T16:15:00Z unless they say otherwise.
"""
import os
import sys

PATH = "/NotificationService/services/NotificationService"
DAY = "29/Jun/2014"


def stamp(sec, zone_min=0, shape="jetty"):
    """NCSA stamp for second-of-day sec (UTC), written in zone +zone_min."""
    local = sec + zone_min * 60
    day = 29 + local // 86400
    local %= 86400
    sign = "+" if zone_min >= 0 else "-"
    z = abs(zone_min)
    zone = "%s%02d%02d" % (sign, z // 60, z % 60)
    t = "%02d/Jun/2014:%02d:%02d:%02d" % (day, local // 3600,
                                          local // 60 % 60, local % 60)
    if shape == "cisco":
        return "[%s] %s" % (t, zone)
    return "[%s %s]" % (t, zone)


def hms(h, m, s=0):
    return h * 3600 + m * 60 + s


def notif(sec, sub, client="10.1.2.3", status=200, shape="jetty", zone=0,
          combined=False):
    line = '%s - - %s "POST %s?id=%s&pid=4242 HTTP/1.1" %d %d' % (
        client, stamp(sec, zone, shape), PATH, sub, status,
        343 if status == 200 else 0)
    if combined:
        line += ' "-" "ExchangeServicesClient/15.00.0847.030"'
    return (sec, line)


def other(sec, client="10.9.9.9"):
    return (sec, '%s - - %s "GET /cuadmin/home.do HTTP/1.1" 200 5120' % (
        client, stamp(sec)))


# check_cuc_port --soap's own id (common/probe.h); it posts with pid=0
# from the monitoring host.  Its lines have the shape of any notification
# (Jetty logs every POST: shared/domain.md section 2).
PROBE = "c4ecc4c0-0000-0000-0000-000000007080"


def probe(sec, status=200, client="10.40.0.7"):
    return (sec, '%s - - %s "POST %s?id=%s&pid=0 HTTP/1.1" %d %d' % (
        client, stamp(sec), PATH, PROBE, status, 343 if status == 200 else 0))


def sub_id(i):
    return "0000%04d-aaaa-bbbb-cccc-%012d" % (i, i)


def write(d, name, events, crlf=False, keep_order=False):
    if not keep_order:
        events = sorted(events, key=lambda e: e[0])
    nl = "\r\n" if crlf else "\n"
    with open(os.path.join(d, name), "w", newline="") as f:
        for _, line in events:
            f.write(line + nl)


def keepalives(subs, start, end, phase0=30, step=60, period=300, **kw):
    """subs post every period from start+phase (phase0 + step*i) to end."""
    ev = []
    for i, s in enumerate(subs):
        t = start + phase0 + step * i
        while t < end:
            ev.append(notif(t, s, **kw))
            t += period
    return ev


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    five = [sub_id(i) for i in range(1, 6)]

    # ok.log: 5 subscriptions every 300 s from 14:15 to 16:15, the newest
    # at 16:14:30 (age 30); 60 notifications in the default window; a GET
    # every 10 minutes.
    ev = keepalives(five, hms(14, 15), hms(16, 15))
    ev += [other(t) for t in range(hms(14, 15, 5), hms(16, 15), 600)]
    write(d, "ok.log", ev)

    # stale.log: 6 subscriptions; #5 stops after 15:40, #6 is answered
    # 500 throughout (errors).  At 16:15: 6 subscriptions, 2 stale.
    six = [sub_id(i) for i in range(1, 7)]
    ev = keepalives(six[:4], hms(15, 0), hms(16, 15))
    ev += keepalives(six[4:5], hms(15, 0), hms(15, 41), phase0=10)
    ev += keepalives(six[5:6], hms(15, 0), hms(16, 15), phase0=20,
                     status=500)
    write(d, "stale.log", ev)

    # errors_only.log: a 2xx notification at 14:50, then only 500s from
    # 15:20 on: the window holds errors only, age counts from 14:50.
    ev = [notif(hms(14, 50), five[0])]
    ev += keepalives(five[:3], hms(15, 20), hms(16, 15), status=500)
    ev += [other(t) for t in range(hms(14, 0), hms(16, 15), 600)]
    write(d, "errors_only.log", ev)

    # none.log: notifications stop at 14:30; only GETs after that.
    ev = keepalives(five, hms(13, 0), hms(14, 30), phase0=0, step=0)
    ev += [other(t) for t in range(hms(13, 0), hms(16, 15), 300)]
    write(d, "none.log", ev)

    # shapes.log: the ok.log traffic in every shape at once: Cisco's zone
    # outside the brackets, local stamps in +0200 and -0430, IPv6 and
    # IPv4-mapped clients, combined format, CRLF line ends.  Same answers
    # as ok.log.
    ev = []
    shapes = [
        dict(shape="cisco", zone=0, client="10.1.2.3"),
        dict(shape="jetty", zone=120, client="2001:db8::10"),
        dict(shape="cisco", zone=-270, client="::ffff:10.1.2.4"),
        dict(shape="jetty", zone=0, client="10.1.2.3", combined=True),
        dict(shape="jetty", zone=330, client="[2001:db8::11]"),
    ]
    for i, s in enumerate(five):
        t = hms(14, 15) + 30 + 60 * i
        while t < hms(16, 15):
            ev.append(notif(t, s, **shapes[i]))
            t += 300
    ev += [other(t) for t in range(hms(14, 15, 5), hms(16, 15), 600)]
    write(d, "shapes.log", ev, crlf=True)

    # foreign.log: 3 subscriptions from 10.1.2.3, one from 192.0.2.50 (a
    # NAT), one from 2001:db8::10; 12 notifications each in the window.
    ev = keepalives(five[:3], hms(15, 15), hms(16, 15))
    ev += keepalives(five[3:4], hms(15, 15), hms(16, 15), phase0=210,
                     client="192.0.2.50")
    ev += keepalives(five[4:5], hms(15, 15), hms(16, 15), phase0=270,
                     client="2001:db8::10")
    write(d, "foreign.log", ev)

    # garbage.log: not a request log at all.
    with open(os.path.join(d, "garbage.log"), "w") as f:
        f.write("2014-06-29 16:00:01,123 INFO  [main] Jetty started\n"
                "this is not a request log\n"
                "\n"
                "10.1.2.3 - - [29/Jun/2014:16:00:00 +0000] \"POST /x\n"
                "10.1.2.3 - - [32/Jun/2014:16:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n")

    # unparsed.log: ok.log's last hour with 3 broken lines among them.
    ev = keepalives(five, hms(15, 15), hms(16, 15))
    ev += [(hms(15, 30), "10.1.2.3 - - [29/Jun/2014:15:30:00 +0000] \"POST /Notif"),
           (hms(15, 40), "#garbled#\x01\x02"),
           (hms(15, 50), "10.1.2.3 - - [29/Jun/2014:25:50:00 +0000] \"GET / HTTP/1.1\" 200 0")]
    write(d, "unparsed.log", ev)

    # probe_dead.log: Exchange's keepalives stop at 15:14:30 (the 5
    # subscriptions of ok.log from 14:15), while check_cuc_port --soap
    # keeps probing every 300 s (xx:x2:45, xx:x7:45, 39 in all) from
    # 10.40.0.7, one probe answered 503 (15:47:45).  Without its probes:
    # at 16:15 CRITICAL, no notifications since 15:14:30 (3630 s ago); at
    # 15:26:10 WARNING, age 700.  The probes must change nothing.
    ev = keepalives(five, hms(14, 15), hms(15, 15))
    ev += [probe(t, status=503 if t == hms(15, 47, 45) else 200)
           for t in range(hms(13, 2, 45), hms(16, 15), 300)]
    ev += [other(t) for t in range(hms(14, 15, 5), hms(16, 15), 600)]
    write(d, "probe_dead.log", ev)

    # probe_ok.log: ok.log with probes every 300 s from 10.40.0.7
    # (xx:x4:50, xx:x9:50: the newest line of the log is a probe, 16:14:50)
    # and one probe answered 500 (15:49:50).  Same answers as ok.log: age
    # 30, 5 subscriptions, 60 notifications, 0 errors; 24 probes in all.
    ev = keepalives(five, hms(14, 15), hms(16, 15))
    ev += [other(t) for t in range(hms(14, 15, 5), hms(16, 15), 600)]
    ev += [probe(t, status=500 if t == hms(15, 49, 50) else 200)
           for t in range(hms(14, 19, 50), hms(16, 15), 300)]
    write(d, "probe_ok.log", ev)

    # empty.log
    open(os.path.join(d, "empty.log"), "w").close()

    # rotated/: Jetty's daily files; the window at 00:20 reaches back
    # into the 28th.  5 subscriptions every 300 s, continuously.
    rd = os.path.join(d, "rotated")
    os.makedirs(rd, exist_ok=True)
    ev = keepalives(five, hms(-4, 0), hms(0, 0))	# 20:00 on: enough to bisect
    write(rd, "2014_06_28.request.log", ev)
    ev = keepalives(five, hms(0, 0), hms(0, 20))
    write(rd, "2014_06_29.request.log", ev)
    ev = keepalives(five, hms(-25, 0), hms(-24, 0))
    write(rd, "2014_06_27.request.log", ev)

    # long.log: a whole day of 5 subscriptions (big enough to be
    # bisected), with lines written late (stamped up to 90 s before the
    # line above them) around the window's start at 15:15; one of them,
    # stamped 15:15:10, is written after lines of 15:16.
    ev = keepalives(five, hms(0, 0), hms(16, 15))
    ev = sorted(ev, key=lambda e: e[0])
    late = notif(hms(15, 15, 10), sub_id(9))
    ev2 = []
    for e in ev:
        ev2.append(e)
        if e[0] == hms(15, 16, 30):
            ev2.append(late)
    early = notif(hms(15, 13, 50), sub_id(8))	# before the window
    ev3 = []
    for e in ev2:
        ev3.append(e)
        if e[0] == hms(15, 15, 30):
            ev3.append(early)
    write(d, "long.log", ev3, keep_order=True)

    # ../sample/jetty/request.log, for `make demo` (--now=2014-06-29T16:15:00Z):
    # 30 subscriptions from two Exchange servers, an hour and a quarter of
    # keepalives, #7 stopped at 15:40 (stale), two answered 503, and the
    # odd admin page and WSDL fetch.
    sd = os.path.join(d, "..", "sample", "jetty")
    os.makedirs(sd, exist_ok=True)
    thirty = [sub_id(i) for i in range(101, 131)]
    ev = []
    for i, s in enumerate(thirty):
        t = hms(15, 0) + 7 + i * 9
        server = "10.20.1.11" if i % 2 == 0 else "10.20.1.12"
        while t < hms(16, 15):
            if not (i == 6 and t > hms(15, 40)):
                status = 503 if (i, t) in ((11, hms(15, 30, 106)),
                                           (23, hms(15, 53, 34))) else 200
                ev.append(notif(t, s, client=server, status=status))
            t += 300
    ev += [other(t, client="10.30.0.5") for t in range(hms(15, 2), hms(16, 15), 420)]
    ev += [(hms(15, 33, 3), '10.30.0.9 - - %s "GET %s?wsdl HTTP/1.1" 200 8870' % (
        stamp(hms(15, 33, 3)), PATH))]
    write(sd, "request.log", ev)


main()
