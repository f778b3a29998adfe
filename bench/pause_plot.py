#!/usr/bin/env python3
"""SVG plot of the full-collection pause per object against N, one line per interpreter.

Four panels (links ordered / shuffled x graph alive / garbage), each with the y range
(whole decades, log scale) of its own data; solid lines for the C extension kind, dashed
for the __slots__ class. Plain SVG: no plotting library needed.

  bench/pause_plot.py OUT.svg RESULT.json [RESULT.json ...]
"""
import math
import sys
from xml.sax.saxutils import escape

import bench_results

PANELS = [("ordered", "alive"), ("ordered", "garbage"), ("shuffled", "alive"),
          ("shuffled", "garbage")]
KINDS = [("cnode", ""), ("slots", "6,4")]
COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
          "#7f7f7f", "#bcbd22", "#17becf"]
PANEL_W, PANEL_H, MARGIN_L, MARGIN_B, MARGIN_T, GAP = 360, 250, 60, 40, 30, 30
LEGEND_W = 190


def series(results):
    """{(shape, state, kind, result index): [(N, ns per object)]}"""
    lines = {}
    for index, result in enumerate(results):
        for shape, state in PANELS:
            for kind, _ in KINDS:
                prefix = "full/%s/%s/%s" % (shape, kind, state)
                points = [(n, result.value("%s/%d" % (prefix, n), "ns_per_object"))
                          for n in result.sizes(prefix)]
                points = [(n, v) for n, v in points if v]
                if points:
                    lines[(shape, state, kind, index)] = points
    return lines


def decades(values):
    return math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))


def render(results):
    lines = series(results)
    if not lines:
        raise SystemExit("pause_plot: no full/ordered|shuffled cases in the results")
    xs = [n for points in lines.values() for n, _ in points]
    x0, x1 = decades(xs)
    x1 = max(x1, x0 + 1)
    width = 2 * (MARGIN_L + PANEL_W) + GAP + LEGEND_W
    height = 2 * (MARGIN_T + PANEL_H + MARGIN_B)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>']
    for panel, (shape, state) in enumerate(PANELS):
        left = (panel % 2) * (MARGIN_L + PANEL_W + GAP) + MARGIN_L
        top = (panel // 2) * (MARGIN_T + PANEL_H + MARGIN_B) + MARGIN_T
        # Each panel spans the decades of its own data: with one range for all, the
        # ordered panels' lines (30 to 200 ns) crowd into a sliver of the shuffled range.
        ys = [v for (s, st, _, _), points in lines.items() if (s, st) == (shape, state)
              for _, v in points] or [1, 10]
        y0, y1 = decades(ys)
        y1 = max(y1, y0 + 1)

        def px(n):
            return left + PANEL_W * (math.log10(n) - x0) / (x1 - x0)

        def py(v):
            return top + PANEL_H * (1 - (math.log10(v) - y0) / (y1 - y0))

        out.append('<text x="%d" y="%d" font-weight="bold">full collection, links %s, graph %s'
                   '</text>' % (left, top - 10, shape, state))
        out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>'
                   % (left, top, PANEL_W, PANEL_H))
        for exponent in range(x0, x1 + 1):
            x = px(10 ** exponent)
            out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>'
                       % (x, top, x, top + PANEL_H))
            out.append('<text x="%.1f" y="%d" text-anchor="middle">1e%d</text>'
                       % (x, top + PANEL_H + 14, exponent))
        for exponent in range(y0, y1 + 1):
            y = py(10 ** exponent)
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>'
                       % (left, y, left + PANEL_W, y))
            out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>'
                       % (left - 4, y + 4, "{:,}".format(10 ** exponent)))
        out.append('<text x="%d" y="%d" text-anchor="middle">objects N</text>'
                   % (left + PANEL_W // 2, top + PANEL_H + 30))
        out.append('<text transform="translate(%d,%d) rotate(-90)" text-anchor="middle">'
                   'ns per object (median)</text>' % (left - 45, top + PANEL_H // 2))
        for (s, st, kind, index), points in sorted(lines.items()):
            if (s, st) != (shape, state):
                continue
            dash = dict(KINDS)[kind]
            color = COLORS[index % len(COLORS)]
            path = " ".join("%.1f,%.1f" % (px(n), py(v)) for n, v in points)
            out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="1.8"%s/>'
                       % (path, color, ' stroke-dasharray="%s"' % dash if dash else ""))
            for n, v in points:
                out.append('<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"/>' % (px(n), py(v), color))
    legend_x = 2 * (MARGIN_L + PANEL_W) + GAP + 10
    out.append('<text x="%d" y="%d" font-weight="bold">interpreter</text>'
               % (legend_x, MARGIN_T))
    for index, result in enumerate(results):
        y = MARGIN_T + 18 * (index + 1)
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"/>'
                   % (legend_x, y - 4, legend_x + 20, y - 4, COLORS[index % len(COLORS)]))
        out.append('<text x="%d" y="%d">%s</text>' % (legend_x + 26, y, escape(result.label)))
    y = MARGIN_T + 18 * (len(results) + 2)
    for kind, dash in KINDS:
        label = {"cnode": "C type (tp_traverse)", "slots": "class with __slots__"}[kind]
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black" stroke-width="1.8"%s/>'
                   % (legend_x, y - 4, legend_x + 20, y - 4,
                      ' stroke-dasharray="%s"' % dash if dash else ""))
        out.append('<text x="%d" y="%d">%s</text>' % (legend_x + 26, y, label))
        y += 18
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], "w", encoding="utf-8") as handle:
        handle.write(render(bench_results.load(argv[2:])))


if __name__ == "__main__":
    main(sys.argv)
