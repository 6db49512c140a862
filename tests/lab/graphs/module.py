#!/usr/bin/env python3
"""Expand the graph templates of icinga-conf/graphite/ as Icinga Web 2's
graphite module (Debian icingaweb2-module-graphite 1.2) does, against a
real graphite-web, and render each graph.

  module.py check --templates DIR --graphite URL --object HOST!SERVICE!COMMAND
                  [--object ...] --from EPOCH --until EPOCH [--png-dir DIR]
                  [--width W --height H] [--expect-points N]

For every object, every template whose check_command names its command
is expanded: each curve's metrics filter gets the module's default
service_name_template (icinga2.$host.name$.services.$service.name$.
$service.check_command$), its $host.name$/$service.name$/
$service.check_command$ macros the object's values escaped as the module
escapes a metric step, other macros `*` (or their wildcard); graphite-web's
/metrics/expand lists the metrics; the metrics are combined into charts as
Template::getCharts does; each chart's URL is built as GraphImage::render
and Graphs (the light theme's colours) do, $metric$ and the other macros
resolved in the functions.  Each chart is then fetched twice from /render:
as JSON (every target must hold datapoints, at least --expect-points of
them for the first target) and as the PNG the module would show (the PNG
signature, the requested size in its IHDR, and more than a blank graph's
bytes).  With --png-dir the PNGs are kept as TEMPLATE.png.

Prints one TAP-like line per assertion ("ok"/"not ok"), exits 1 if one
failed.  Ports of the module's PHP are marked with the class they follow.

  module.py list --templates DIR
      Print "template check_command curves" per template.

Stdlib only.
"""
import argparse
import json
import os
import re
import struct
import sys
import urllib.parse
import urllib.request

HOST_NAME_TEMPLATE = "icinga2.$host.name$.host.$host.check_command$"
SERVICE_NAME_TEMPLATE = \
    "icinga2.$host.name$.services.$service.name$.$service.check_command$"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


RECORD = None	# [op, ...] when --php checks this port against the module


def record(template, op, args, result):
    if RECORD is not None:
        RECORD.append({"template": template.org, "op": op, "args": args,
                       "result": result})
    return result


class MacroTemplate:
    """Util/MacroTemplate.php."""

    def __init__(self, template, char="$"):
        self.org = template
        self.char = char
        self.parts = template.split(char)
        self.wildcards = {}
        self.cut = []	# text the module drops: a ':' outside a macro
        for i, part in enumerate(self.parts):
            m = re.match(r"([^:]+):(.+)", part, re.S)
            if m:
                self.parts[i] = m.group(1)
                self.wildcards[m.group(1)] = m.group(2)
                if i % 2 == 0:
                    self.cut.append(part)
        if len(self.parts) % 2 == 0:
            raise ValueError("template contains odd number of %r: %r"
                             % (char, template))

    def __str__(self):
        return self.org

    def resolve(self, variables, default=None):
        variables = {k: str(v) for k, v in variables.items()}
        return record(self, "resolve", [variables, default],
                      self._resolve(variables, default))

    def _resolve(self, variables, default):
        out = []
        macro = False
        for part in self.parts:
            if macro:
                if part in variables:
                    out.append(str(variables[part]))
                elif part == "":
                    out.append(self.char)
                elif default is None:
                    out.append(self.char + part)
                    if part in self.wildcards:
                        out.append(":" + self.wildcards[part])
                    out.append(self.char)
                else:
                    out.append(self.wildcards.get(part, default))
            else:
                out.append(part)
            macro = not macro
        return "".join(out)

    def macros(self):
        seen = []
        for i, part in enumerate(self.parts):
            if i % 2 == 1 and part != "" and part not in seen:
                seen.append(part)
        return record(self, "getMacros", [], seen)

    def pattern(self):
        out, index = [r"\A"], {}
        for i, part in enumerate(self.parts):
            if i % 2 == 1:
                if part in index:
                    out.append("(?P=m%d)" % index[part])
                else:
                    index[part] = len(index) + 1
                    out.append("(?P<m%d>.*)" % index[part])
            else:
                out.append(re.escape(part))
        out.append(r"\Z")
        return re.compile("".join(out), re.S), index

    def reverse_resolve(self, resolved):
        rx, index = self.pattern()
        m = rx.match(resolved)
        got = None if not m else {name: m.group("m%d" % i)
                                  for name, i in index.items()}
        return record(self, "reverseResolve", [resolved], got)


def parse_ini(path):
    """Sections and options in file order, values unquoted, as PHP's
    parse_ini_file reads the module's templates."""
    sections = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line[0] in ";#":
                continue
            if line.startswith("["):
                if not line.endswith("]"):
                    raise ValueError("%s:%d: bad section" % (path, n))
                current = sections.setdefault(line[1:-1], {})
                continue
            if current is None or "=" not in line:
                raise ValueError("%s:%d: not key = value" % (path, n))
            key, value = line.split("=", 1)
            key, value = key.strip(), value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            elif '"' in value:
                raise ValueError("%s:%d: stray quote" % (path, n))
            current[key] = value
    return sections


class Template:
    def __init__(self, name, command, curves, urlparams):
        self.name = name
        self.commands = command
        self.curves = curves		# name -> (filter, function)
        self.urlparams = urlparams	# key -> MacroTemplate

    def full_curves(self):
        """Template::getFullCurves: the name templates put in."""
        out = {}
        for name, (flt, fn) in self.curves.items():
            out[name] = (MacroTemplate(flt.resolve({
                "host_name_template": HOST_NAME_TEMPLATE,
                "service_name_template": SERVICE_NAME_TEMPLATE,
                "": "$$"})), fn)
        return out


def load_templates(directory):
    """Templates::loadIni over every *.ini of DIR (sorted, as the module's
    directory walk meets them), with the same checks."""
    templates = []
    for fn in sorted(os.listdir(directory)):
        if fn.startswith(".") or not fn.endswith(".ini"):
            continue
        path = os.path.join(directory, fn)
        by_name = {}
        for section, options in parse_ini(path).items():
            m = re.match(r"\A(.+)\.(graph|metrics_filters|urlparams|"
                         r"functions)\Z", section, re.S)
            if not m:
                raise ValueError('bad section name "%s" in %s' %
                                 (section, path))
            by_name.setdefault(m.group(1), {})[m.group(2)] = dict(options)
        for name, t in by_name.items():
            graph = t.get("graph", {})
            commands = [c for c in re.split(r"\s*,\s*",
                                            graph.pop("check_command", ""))
                        if c]
            if graph:
                raise ValueError("bad options %s for %s" % (list(graph),
                                                            name))
            functions = dict(t.get("functions", {}))
            curves = {}
            for curve, flt in t.get("metrics_filters", {}).items():
                mt = MacroTemplate(flt)
                if len(set(mt.macros()) & {"host_name_template",
                                           "service_name_template"}) != 1:
                    raise ValueError("curve %s of %s: needs exactly one name"
                                     " template" % (curve, name))
                fn_t = MacroTemplate(functions.pop(curve, "$metric$"))
                curves[curve] = (mt, fn_t)
            if functions:
                raise ValueError("functions without a metrics filter in %s:"
                                 " %s" % (name, sorted(functions)))
            urlparams = {k: MacroTemplate(v)
                         for k, v in t.get("urlparams", {}).items()}
            if not curves or not commands:
                raise ValueError("template %s in %s: no curves or no "
                                 "check_command" % (name, path))
            templates.append(Template(name, commands, curves, urlparams))
    return templates


def escape_step(s):
    """MetricsQuery::escapeMetricStep."""
    return re.sub(r"[^a-zA-Z0-9*\-:^\[\]$#%']", "_", s)


def natural_key(s):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s)]


class Graphite:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, params):
        q = urllib.parse.urlencode(params, doseq=True)
        with urllib.request.urlopen("%s%s?%s" % (self.url, path, q),
                                    timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()

    def expand(self, query):
        """MetricsQuery::fetchColumn's /metrics/expand, natsorted."""
        _, _, body = self.get("/metrics/expand", {"query": query})
        return sorted(json.loads(body)["results"], key=natural_key)


def charts(graphite, template, obj):
    """Template::getCharts for one monitored object."""
    host, service, command = obj
    values = {"host.name": escape_step(host),
              "service.name": escape_step(service),
              "service.check_command": escape_step(command)}
    full = template.full_curves()
    metrics = {}
    for curve, (flt, _) in full.items():
        known = {k: v for k, v in values.items() if k in flt.macros()}
        for metric in graphite.expand(flt.resolve(known, "*")):
            got = flt.reverse_resolve(metric)
            if got is not None:
                metrics.setdefault(curve, {})[metric] = got
    if len(metrics) <= 1:
        return [{c: m} for c, ms in metrics.items() for m in ms]
    names = list(metrics)

    def compatible(a, b):
        shared = set(a) & set(b)
        return all(a[k] == b[k] for k in shared)
    out = []

    def combine(current):
        if len(current) == len(names):
            out.append(dict(current))
            return
        nxt = names[len(current)]
        for m, v in metrics[nxt].items():
            if all(compatible(metrics[c][cm], v)
                   for c, cm in current.items()):
                current[nxt] = m
                combine(current)
                del current[nxt]
    for m in metrics[names[0]]:
        combine({names[0]: m})
    return out


def render_params(template, chart, start, until, width, height):
    """GraphImage::render with the colours and size Graphs sets."""
    full = template.full_curves()
    variables = {}
    for curve, metric in chart.items():
        variables.update(full[curve][0].reverse_resolve(metric) or {})
    params = {
        "from": str(start), "until": str(until),
        "bgcolor": "white", "fgcolor": "black",
        "majorGridLineColor": "grey", "minorGridLineColor": "white",
        "width": str(width), "height": str(height), "hideLegend": "",
        "tz": "UTC", "_salt": "%d.000" % until, "vTitle": "Percent",
        "lineMode": "connected", "drawNullAsZero": "false",
        "graphType": "line", "_ext": "whatever.svg",
    }
    for key, value in template.urlparams.items():
        params[key] = value.resolve(variables)
    # Graphs: a template's width/height win when larger than the widget's.
    targets = []
    all_vars = {}
    for curve, (flt, _) in template.curves.items():
        if curve in chart:
            all_vars.update(flt.reverse_resolve(chart[curve]) or {})
    for curve, metric in chart.items():
        all_vars["metric"] = metric
        targets.append(template.curves[curve][1].resolve(all_vars))
    items = list(params.items()) + [("target", t) for t in targets]
    return items, targets


def png_size(data):
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


class Tap:
    def __init__(self):
        self.failed = 0

    def ok(self, cond, what, note=""):
        print("%s - %s" % ("ok" if cond else "not ok", what))
        if not cond:
            self.failed += 1
            if note:
                print("#   " + note.replace("\n", "\n#   "))


PHP_ORACLE = r"""<?php
// Replays module.py's MacroTemplate operations and ini reads with the
// module's own MacroTemplate class and Icinga Web's parse_ini_string mode.
require $argv[1];
use Icinga\Module\Graphite\Util\MacroTemplate;
$in = json_decode(stream_get_contents(STDIN), true);
$bad = [];
foreach ($in['ini'] as $path => $want) {
    $got = parse_ini_string(file_get_contents($path), true, INI_SCANNER_RAW);
    if ($got != $want) $bad[] = "ini $path: " . json_encode($got);
}
foreach ($in['ops'] as $op) {
    $t = new MacroTemplate($op['template']);
    $a = $op['args'];
    if ($op['op'] === 'resolve') $r = $t->resolve($a[0], $a[1]);
    elseif ($op['op'] === 'reverseResolve') $r = $t->reverseResolve($a[0]);
    else $r = $t->getMacros();
    if ($r === false) $r = null;
    if (is_array($r) ? $r != $op['result'] : $r !== $op['result'])
        $bad[] = json_encode($op) . ' module: ' . json_encode($r);
}
echo json_encode(['checked' => count($in['ops']), 'bad' => $bad]), "\n";
"""


def php_check(a, tap):
    """The port against the module's MacroTemplate.php, where PHP and the
    module are installed (Debian php-cli, icingaweb2-module-graphite)."""
    import shutil
    import subprocess
    php = shutil.which("php")
    if not php or not os.path.exists(a.php_macrotemplate):
        print("# module.py: no php or no %s: the port is not replayed "
              "against the module's own MacroTemplate" % a.php_macrotemplate)
        return
    ini = {}
    for fn in sorted(os.listdir(a.templates)):
        if fn.endswith(".ini"):
            path = os.path.join(a.templates, fn)
            ini[path] = parse_ini(path)
    import tempfile
    fd, oracle = tempfile.mkstemp(suffix=".php")
    with os.fdopen(fd, "w") as f:
        f.write(PHP_ORACLE)
    try:
        p = subprocess.run([php, oracle, a.php_macrotemplate],
                           input=json.dumps({"ini": ini, "ops": RECORD})
                           .encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
    finally:
        os.unlink(oracle)
    try:
        res = json.loads(p.stdout)
    except ValueError:
        tap.ok(False, "php replays the module's MacroTemplate", (
            p.stdout + p.stderr).decode("utf-8", "replace")[:600])
        return
    tap.ok(not res["bad"] and res["checked"] == len(RECORD),
           "the module's own MacroTemplate.php and parse_ini_string agree "
           "with this port on the %d operations done and the %d ini files"
           % (res["checked"], len(ini)), "\n".join(res["bad"][:5]))


def check(a):
    global RECORD
    graphite = Graphite(a.graphite)
    if a.php_macrotemplate:
        RECORD = []
    templates = load_templates(a.templates)
    tap = Tap()
    tap.ok(len(templates) > 0, "templates read from %s (%d)"
           % (a.templates, len(templates)))
    objects = [tuple(o.split("!")) for o in a.object]
    for obj in objects:
        mine = [t for t in templates if obj[2] in t.commands]
        tap.ok(len(mine) > 0, "%s: templates for %s" % (obj[1], obj[2]))
        for t in mine:
            cut = [str(v) for v in list(t.urlparams.values()) +
                   [fn for _, fn in t.curves.values()] if v.cut]
            tap.ok(not cut, "%s: no ':' outside a macro in %s (the module"
                   " cuts the text there)" % (obj[1], t.name), "\n".join(cut))
            found = charts(graphite, t, obj)
            tap.ok(len(found) == 1, "%s: template %s expands to one chart"
                   " (got %d)" % (obj[1], t.name, len(found)),
                   json.dumps(found)[:600])
            for chart in found:
                check_chart(a, graphite, tap, t, obj, chart)
    if RECORD is not None:
        php_check(a, tap)
    return 1 if tap.failed else 0


def check_chart(a, graphite, tap, t, obj, chart):
    items, targets = render_params(t, chart, a.start, a.until, a.width,
                                   a.height)
    name = "%s %s" % (obj[1], t.name)
    if a.show:
        print("# %s: %s/render?%s" % (name, a.graphite,
                                      urllib.parse.urlencode(items)))
    missing = [c for c in t.curves if c not in chart]
    if missing:
        print("# %s: curves without metrics: %s" % (name,
                                                    ", ".join(missing)))
    for c in a.require_curve or []:
        tname, curve = c.split(":", 1)
        if tname == t.name:
            tap.ok(curve in chart, "%s: curve %s has its metric" %
                   (name, curve))
    try:
        status, ctype, body = graphite.get("/render",
                                           items + [("format", "json")])
        series = json.loads(body)
    except (OSError, ValueError) as e:
        tap.ok(False, "%s: /render format=json" % name, str(e))
        return
    tap.ok(len(series) >= len(targets), "%s: %d targets answer %d series"
           % (name, len(targets), len(series)), "\n".join(targets))
    for s in series:
        points = [v for v, _ in s["datapoints"] if v is not None]
        tap.ok(len(points) > 0, "%s: series %s has datapoints (%d)" %
               (name, s["target"], len(points)))
    if series:
        first = [ts for v, ts in series[0]["datapoints"] if v is not None]
        n = len(first)
        tap.ok(n >= a.expect_points, "%s: %d datapoints in the first series"
               " (at least %d: one a minute, stored at their own times)" %
               (name, n, a.expect_points))
        if first:
            begin = a.data_start if a.data_start is not None else a.start
            tap.ok(0 <= first[0] - begin < 120, "%s: the first datapoint "
                   "is at the data's start (%+d s)" % (name,
                                                       first[0] - begin))
    try:
        status, ctype, png = graphite.get("/render", items)
    except OSError as e:
        tap.ok(False, "%s: /render PNG" % name, str(e))
        return
    size = png_size(png)
    tap.ok(status == 200 and ctype.startswith("image/png") and
           size == (a.width, a.height),
           "%s: a %dx%d PNG (got %s, %s, %s)" % (name, a.width, a.height,
                                                  status, ctype, size))
    tap.ok(len(png) > a.min_png_bytes, "%s: the PNG holds a drawing (%d "
           "bytes, a blank graph is under %d)" % (name, len(png),
                                                  a.min_png_bytes))
    if a.png_dir:
        with open(os.path.join(a.png_dir, t.name + ".png"), "wb") as f:
            f.write(png)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("--templates", required=True)
    c.add_argument("--graphite", required=True)
    c.add_argument("--object", action="append", required=True)
    c.add_argument("--from", dest="start", type=int, required=True)
    c.add_argument("--until", type=int, required=True)
    c.add_argument("--data-start", type=int,
                   help="when the first point is due (default --from)")
    c.add_argument("--width", type=int, default=350)
    c.add_argument("--height", type=int, default=200)
    c.add_argument("--expect-points", type=int, default=1)
    c.add_argument("--min-png-bytes", type=int, default=4000)
    c.add_argument("--require-curve", action="append")
    c.add_argument("--png-dir")
    c.add_argument("--show", action="store_true")
    c.add_argument("--php-macrotemplate", help="the module's MacroTemplate"
                   ".php: replay this port's operations with it (php)")
    ls = sub.add_parser("list")
    ls.add_argument("--templates", required=True)
    a = ap.parse_args()
    if a.cmd == "check":
        return check(a)
    for t in load_templates(a.templates):
        print(t.name, ",".join(t.commands), " ".join(t.curves))
    return 0


if __name__ == "__main__":
    sys.exit(main())
