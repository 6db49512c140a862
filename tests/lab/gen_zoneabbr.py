#!/usr/bin/env python3
"""Write common/zoneabbr_data.c: the UTC offsets each zone abbreviation
stands for, grouped by region, for reading Java's Date.toString() dates
("Wed May 16 02:11:27 EDT 2018") in CUC's selectLogFiles answers.

  python3 tests/lab/gen_zoneabbr.py [YEAR] > common/zoneabbr_data.c

Two sources:
- the tz database of this machine (/usr/share/zoneinfo through Python's
  zoneinfo): for every zone, the abbreviation and offset on 1 January and
  1 July of YEAR (the year's two halves: standard and daylight time).
  Numeric abbreviations ("+03", "-0430") are left out: Java prints no such
  name, it prints "GMT+03:00", which the parser reads itself.
- the names Java's own table prints where tzdata has dropped its invented
  abbreviations (tzdata 2017a on: "+08" where Java says MYT).  These come
  from JDK 8's sun.util.resources.TimeZoneNames as we know it, listed in
  JAVA below by zone; CUC runs a JDK 8 Tomcat.

A region is the set of (abbreviation, offset) pairs one zone uses in the
year: zones with the same set are one region.  Reading a listing, the
newest file's abbreviation picks a region (with the HTTP Date header when
it has several candidates); an older file's abbreviation (the other side
of a daylight-saving change) is read within the same region.
"""
import datetime
import sys
import zoneinfo

# zone -> [(abbreviation, minutes east of UTC)], Java's names (JDK 8).
JAVA = {
    "Asia/Kuala_Lumpur": [("MYT", 480)], "Asia/Kuching": [("MYT", 480)],
    "America/Bogota": [("COT", -300)],
    "Europe/Istanbul": [("TRT", 180)],
    "Asia/Manila": [("PHT", 480), ("PST", 480)],
    "Asia/Dhaka": [("BDT", 360)],
    "Asia/Kathmandu": [("NPT", 345)],
    "Asia/Riyadh": [("AST", 180)], "Asia/Kuwait": [("AST", 180)],
    "Asia/Aden": [("AST", 180)], "Asia/Baghdad": [("AST", 180)],
    "Asia/Qatar": [("AST", 180)], "Asia/Bahrain": [("AST", 180)],
    "Asia/Dubai": [("GST", 240)], "Asia/Muscat": [("GST", 240)],
    "Asia/Singapore": [("SGT", 480)],
    "Asia/Bangkok": [("ICT", 420)], "Asia/Ho_Chi_Minh": [("ICT", 420)],
    "Asia/Tehran": [("IRST", 210)],
    "Asia/Kabul": [("AFT", 270)],
    "Asia/Tashkent": [("UZT", 300)],
    "Asia/Colombo": [("IST", 330)],
    "Asia/Yangon": [("MMT", 390)],
    "Asia/Brunei": [("BNT", 480)],
    "Asia/Ulaanbaatar": [("ULAT", 480)],
    "Asia/Thimphu": [("BTT", 360)],
    "Asia/Dili": [("TLT", 540)],
    "Asia/Baku": [("AZT", 240)], "Asia/Tbilisi": [("GET", 240)],
    "Asia/Yerevan": [("AMT", 240)],
    "Asia/Yekaterinburg": [("YEKT", 300)],
    "Asia/Novosibirsk": [("NOVT", 420)],
    "Asia/Krasnoyarsk": [("KRAT", 420)], "Asia/Irkutsk": [("IRKT", 480)],
    "Asia/Yakutsk": [("YAKT", 540)], "Asia/Vladivostok": [("VLAT", 600)],
    "Indian/Mauritius": [("MUT", 240)],
    "Pacific/Fiji": [("FJT", 720)],
    "Atlantic/Azores": [("AZOT", -60), ("AZOST", 0)],
    "Atlantic/Cape_Verde": [("CVT", -60)],
    "America/Lima": [("PET", -300)],
    "America/Guayaquil": [("ECT", -300)],
    "America/Caracas": [("VET", -240)],
    "America/La_Paz": [("BOT", -240)],
    "America/Guyana": [("GYT", -240)],
    "America/Manaus": [("AMT", -240)],
    "America/Sao_Paulo": [("BRT", -180)],
    "America/Argentina/Buenos_Aires": [("ART", -180)],
    "America/Montevideo": [("UYT", -180)],
    "America/Paramaribo": [("SRT", -180)],
    "America/Cayenne": [("GFT", -180)],
    "America/Santiago": [("CLT", -240), ("CLST", -180)],
    "Etc/UTC": [("UTC", 0)], "Etc/GMT": [("GMT", 0)],
}


def pairs_of(zone, year):
    tz = zoneinfo.ZoneInfo(zone)
    out = set()
    for month in (1, 7):
        d = datetime.datetime(year, month, 1, 12, tzinfo=tz)
        name = d.tzname()
        if name and name[0] not in "+-" and not name[0].isdigit():
            out.add((name, int(d.utcoffset().total_seconds()) // 60))
    return out


def canonical():
    """Zones of zone.tab (not backward links such as Eire, Asia/Calcutta)."""
    try:
        with open("/usr/share/zoneinfo/zone.tab") as fp:
            return {l.split("\t")[2].strip() for l in fp if not l.startswith("#")}
    except OSError:
        return set()


def tz_version():
    try:
        with open("/usr/share/zoneinfo/tzdata.zi") as fp:
            return fp.readline().split()[-1]
    except OSError:
        return "unknown"


def main():
    year = int(sys.argv[1]) if len(sys.argv) > 1 else datetime.date.today().year
    regions = {}        # frozenset of pairs -> a zone name, for the comment
    canon = canonical()
    for zone in sorted(zoneinfo.available_timezones(), key=lambda z: (z not in canon, z)):
        if zone.startswith(("posix/", "right/")) or zone in ("Factory", "localtime"):
            continue
        p = pairs_of(zone, year) | set(JAVA.get(zone, []))
        if p:
            regions.setdefault(frozenset(p), zone)
    rows = []
    for rid, (p, zone) in enumerate(sorted(regions.items(), key=lambda r: r[1])):
        for abbr, off in sorted(p):
            rows.append((abbr, off, rid, zone))
    rows.sort()
    print("/*\n * zoneabbr_data.c - generated by tests/lab/gen_zoneabbr.py %d from\n"
          " * the %s database and Java's own names; do not edit, run it\n"
          " * again.  Rows sorted by abbreviation: name, minutes east of UTC,\n"
          " * region (zones using the same names and offsets in the year).\n */"
          % (year, "tzdata " + tz_version()))
    print('#include "zoneabbr.h"\n')
    print("const struct zoneabbr zoneabbr_table[] = {")
    for abbr, off, rid, zone in rows:
        print('\t{ "%s", %d, %d },\t/* %s */' % (abbr, off, rid, zone))
    print("};\n")
    print("const unsigned zoneabbr_count = %d;" % len(rows))


if __name__ == "__main__":
    main()
