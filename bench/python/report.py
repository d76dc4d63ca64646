"""Writes bench/run-all's figures into docs/BENCHMARKS.md and draws its charts as SVG.

    python3 report.py DOC.md CHART_DIR REPORT.tsv...

Each REPORT.tsv is what one benchmark script wrote through bench/lib.sh (tab-separated):
    row    SECTION MEASURE OURS REFERENCE RATIO GOAL
    point  CHART SERIES X Y
    chart  CHART TITLE XLABEL YLABEL
    note   SECTION TEXT
    run    NAME COMMAND EXIT_STATUS SECONDS          (added by run-all)
The text between "<!-- run-all:begin -->" and "<!-- run-all:end -->" in DOC.md is rewritten (the
markers are added after the first paragraph when missing): the part of each script that ran is
replaced, the parts of scripts that did not run this time are kept; everything else in DOC.md is
left as written.
"""
import datetime
import html
import math
import os
import sys
from collections import OrderedDict

BEGIN, END = "<!-- run-all:begin -->", "<!-- run-all:end -->"
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def read(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                rows.append(parts)
    return rows


def nice_ticks(top, n=5):
    if top <= 0:
        return [0, 1]
    raw = top / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(math.ceil(top / step)) + 1)]


def fmt(v):
    if v >= 1000:
        return f"{v / 1000:g}k"
    return f"{v:g}"


def svg_chart(title, xlabel, ylabel, series):
    w, h, left, right, top, bottom = 720, 380, 70, 200, 40, 50
    pw, ph = w - left - right, h - top - bottom
    xs = sorted({x for pts in series.values() for x, _ in pts})
    ymax = max((y for pts in series.values() for _, y in pts), default=1)
    log_x = len(xs) > 2 and xs[0] > 0 and xs[-1] / xs[0] >= 8
    lo, hi = (math.log2(xs[0]), math.log2(xs[-1])) if log_x else (min(xs), max(xs))

    def sx(x):
        v = math.log2(x) if log_x else x
        return left + (pw * (v - lo) / (hi - lo) if hi > lo else pw / 2)

    ticks = nice_ticks(ymax)

    def sy(y):
        return top + ph - ph * y / ticks[-1]

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left + pw / 2}" y="22" text-anchor="middle" font-size="15">{html.escape(title)}</text>']
    for t in ticks:
        y = sy(t)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(t)}</text>')
    for x in xs:
        out.append(f'<line x1="{sx(x):.1f}" y1="{top + ph}" x2="{sx(x):.1f}" y2="{top + ph + 5}" stroke="#333"/>')
        out.append(f'<text x="{sx(x):.1f}" y="{top + ph + 18}" text-anchor="middle">{fmt(x)}</text>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#333"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#333"/>')
    out.append(f'<text x="{left + pw / 2}" y="{h - 10}" text-anchor="middle">{html.escape(xlabel)}'
               f'{" (log scale)" if log_x else ""}</text>')
    out.append(f'<text transform="translate(16 {top + ph / 2}) rotate(-90)" text-anchor="middle">{html.escape(ylabel)}</text>')
    for i, (name, pts) in enumerate(series.items()):
        color = COLORS[i % len(COLORS)]
        dash = ' stroke-dasharray="6 4"' if i % 2 else ""
        pts = sorted(pts)
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for x, y in pts:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{color}"><title>{html.escape(name)}: '
                       f'{fmt(x)} → {y:g}</title></circle>')
        ly = top + 10 + 18 * i
        out.append(f'<line x1="{left + pw + 15}" y1="{ly}" x2="{left + pw + 40}" y2="{ly}" stroke="{color}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{left + pw + 45}" y="{ly + 4}">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    doc, chart_dir, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(chart_dir, exist_ok=True)
    rel = os.path.relpath(chart_dir, os.path.dirname(os.path.abspath(doc)))
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    parts = OrderedDict()  # script name -> its markdown
    for path in reports:
        md = []
        entries = read(path)
        run = next((e for e in entries if e[0] == "run"), None)
        sections = OrderedDict()
        notes = OrderedDict()
        charts, points = OrderedDict(), OrderedDict()
        for e in entries:
            if e[0] == "row":
                sections.setdefault(e[1], []).append(e[2:])
            elif e[0] == "note":
                notes.setdefault(e[1], []).append(e[2])
            elif e[0] == "chart":
                charts[e[1]] = e[2:]
            elif e[0] == "point":
                points.setdefault(e[1], OrderedDict()).setdefault(e[2], []).append((float(e[3]), float(e[4])))
        name = run[1] if run else os.path.basename(path).rsplit(".", 1)[0]
        md.append(f"### {name}")
        md.append("")
        if run:
            status = "" if run[3] == "0" else f" — **failed (exit {run[3]})**, figures below are partial"
            md.append(f"`{run[2]}` — {int(run[4]) // 60} min {int(run[4]) % 60} s{status}")
            md.append("")
        for section, rows in sections.items():
            md += [f"**{section}**", "", "| measure | ours | reference | ratio | goal |", "|---|---|---|---|---|"]
            for r in rows:
                r = (r + [""] * 5)[:5]
                md.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
            md.append("")
            for n in notes.pop(section, []):
                md += [n, ""]
        for section, ns in notes.items():
            md += [f"**{section}**: " + " ".join(ns), ""]
        for chart, series in points.items():
            title, xlabel, ylabel = (charts.get(chart) or [chart, "x", "y"])[:3]
            with open(os.path.join(chart_dir, chart + ".svg"), "w", encoding="utf-8") as f:
                f.write(svg_chart(title, xlabel, ylabel, series))
            md += [f"![{title}]({rel}/{chart}.svg)", ""]
        parts[name] = "\n".join(md[2:]).strip("\n")  # without its heading

    text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else "# Benchmarks\n\n"
    kept = OrderedDict()
    if BEGIN in text and END in text:
        old = text.split(BEGIN, 1)[1].split(END, 1)[0]
        for chunk in old.split("\n### ")[1:]:
            name, _, body = chunk.partition("\n")
            kept[name.strip()] = body.strip("\n")
    kept.update(parts)
    md = [BEGIN, "", "## Latest run of `bench/run-all`", "",
          f"Written {now} ({os.cpu_count()} cores, load average {load} when written), for the scripts "
          f"{', '.join(parts)}; the others keep the figures of their last run. Each table is one "
          "script's medians; *ratio* is as the goal states it (ours ÷ reference for rates, "
          "reference ÷ ours or ours ÷ reference for times as labelled).", ""]
    for name in sorted(kept):
        md += [f"### {name}", "", kept[name], ""]
    md.append(END)
    block = "\n".join(md)
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        parts = text.split("\n\n", 2)
        cut = min(2, len(parts) - 1)
        text = "\n\n".join(parts[:cut]) + "\n\n" + block + "\n\n" + "\n\n".join(parts[cut:])
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
