#!/usr/bin/env python3
"""Measures a map as its reader sees it, from the SVG that klaverblad writes.

    measure.py FONT.ttf WIDTH_CM HEIGHT_CM MAP.svg...

For each map it checks, and prints every failure:
  - the picture's width and height are the paper's (to 1 pt), and the
    drawing is not shrunk to fit it;
  - every text, at the scale the drawing is drawn at and the picture placed
    on the paper at (as large as fits), is at least 7 pt;
  - every text is set in DejaVu Sans;
  - no two node boxes overlap, no two texts overlap, and each node's text
    lies inside its node's shape;
  - the legend has one row per entry: each row's swatch and words share a
    line, and no two rows share one;
  - the legend lists exactly the kinds of node and tie drawn (the classes
    k-... and t-... of the nodes and edges outside it);
  - no tie runs through the words of the legend.
Text widths come from the font's own advance widths (its cmap and hmtx
tables), as cairo sets them. Exits 0 when every map passes, else 1."""
import re
import struct
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
MIN_PT = 7.0


class Font:
    """Advance widths of a TrueType font, from its cmap (format 4) and hmtx."""

    def __init__(self, path):
        data = open(path, "rb").read()
        n = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(n):
            tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
            tables[tag.decode()] = (off, length)
        head = tables["head"][0]
        self.units = struct.unpack(">H", data[head + 18:head + 20])[0]
        hhea = tables["hhea"][0]
        n_metrics = struct.unpack(">H", data[hhea + 34:hhea + 36])[0]
        hmtx = tables["hmtx"][0]
        self.adv = [struct.unpack(">H", data[hmtx + 4 * i:hmtx + 4 * i + 2])[0]
                    for i in range(n_metrics)]
        cmap = tables["cmap"][0]
        self.glyph = {}
        n_sub = struct.unpack(">H", data[cmap + 2:cmap + 4])[0]
        for i in range(n_sub):
            pid, eid, off = struct.unpack(">HHI", data[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
            sub = cmap + off
            if struct.unpack(">H", data[sub:sub + 2])[0] != 4 or (pid, eid) not in ((3, 1), (0, 3)):
                continue
            segs = struct.unpack(">H", data[sub + 6:sub + 8])[0] // 2
            ends = struct.unpack(">%dH" % segs, data[sub + 14:sub + 14 + 2 * segs])
            p = sub + 16 + 2 * segs
            starts = struct.unpack(">%dH" % segs, data[p:p + 2 * segs])
            deltas = struct.unpack(">%dh" % segs, data[p + 2 * segs:p + 4 * segs])
            ro_at = p + 4 * segs
            ros = struct.unpack(">%dH" % segs, data[ro_at:ro_at + 2 * segs])
            for s in range(segs):
                for c in range(starts[s], ends[s] + 1):
                    if c == 0xFFFF:
                        continue
                    if ros[s] == 0:
                        g = (c + deltas[s]) & 0xFFFF
                    else:
                        a = ro_at + 2 * s + ros[s] + 2 * (c - starts[s])
                        g = struct.unpack(">H", data[a:a + 2])[0]
                        g = (g + deltas[s]) & 0xFFFF if g else 0
                    self.glyph.setdefault(c, g)
            break

    def width(self, text, size):
        total = 0
        for ch in text:
            g = self.glyph.get(ord(ch), 0)
            total += self.adv[min(g, len(self.adv) - 1)]
        return total * size / self.units


def numbers(s):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", s)]


def shape_box(g):
    """The box of a node's drawn shape: left, top, right, bottom (SVG y down)."""
    xs, ys = [], []
    for el in g:
        tag = el.tag.replace(NS, "")
        if tag == "polygon":
            v = numbers(el.get("points"))
            xs += v[0::2]
            ys += v[1::2]
        elif tag == "path":
            v = numbers(el.get("d"))
            xs += v[0::2]
            ys += v[1::2]
        elif tag == "ellipse":
            cx, cy, rx, ry = (float(el.get(k)) for k in ("cx", "cy", "rx", "ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def ellipse_of(g):
    for el in g:
        if el.tag == NS + "ellipse":
            return tuple(float(el.get(k)) for k in ("cx", "cy", "rx", "ry"))
    return None


def text_box(el, font):
    size = float(el.get("font-size"))
    x, y = float(el.get("x")), float(el.get("y"))
    w = font.width(el.text or "", size)
    anchor = el.get("text-anchor", "start")
    left = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    # DejaVu Sans: capitals reach 0.73 em above the baseline, descenders 0.24 below
    return (left, y - 0.73 * size, left + w, y + 0.24 * size)


def overlap(a, b, tol):
    return (min(a[2], b[2]) - max(a[0], b[0]) > tol
            and min(a[3], b[3]) - max(a[1], b[1]) > tol)


def inside(inner, outer, tol):
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def path_points(d):
    """Points along an edge's path: its cubic Bezier pieces sampled."""
    v = numbers(d)
    pts = list(zip(v[0::2], v[1::2]))
    out = []
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i:i + 4]
        for k in range(11):
            t = k / 10
            u = 1 - t
            out.append((u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
                        u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1]))
    return out


def classes(g):
    return set((g.get("class") or "").split())


def check(path, font, paper_w, paper_h):
    bad = []
    root = ET.parse(path).getroot()
    w, h = float(root.get("width").rstrip("pt")), float(root.get("height").rstrip("pt"))
    if abs(w - paper_w) > 1 or abs(h - paper_h) > 1:
        bad.append("the picture is %g x %g pt, the paper %.1f x %.1f pt" % (w, h, paper_w, paper_h))
    graph = root.find(NS + "g")
    drawn_at = numbers(graph.get("transform"))[0]
    if drawn_at != 1:
        bad.append("the drawing is shrunk to %g of its size to fit the paper" % drawn_at)
    # the drawing's own scale, and the picture's when it is placed on the paper
    scale = numbers(graph.get("transform"))[0] * min(paper_w / w, paper_h / h)
    texts = []        # (box, owner id, text)
    nodes = {}        # id -> (box, group)
    drawn_kinds, legend_kinds = set(), set()
    rows = {}         # legend row -> list of (centre y, what)
    edges = []
    for g in graph.iter(NS + "g"):
        cls = classes(g)
        title = g.find(NS + "title")
        name = title.text if title is not None else ""
        if "node" in cls or "edge" in cls or "graph" in cls:
            for t in g.findall(NS + "text"):
                size = float(t.get("font-size")) * scale
                if size < MIN_PT - 1e-6:
                    bad.append("%s: text %r is %.2f pt" % (name, t.text, size))
                if t.get("font-family") != "DejaVu Sans":
                    bad.append("%s: text %r is set in %s" % (name, t.text, t.get("font-family")))
                texts.append((text_box(t, font), name, t.text))
        kinds = {c for c in cls if c.startswith("k-") or c.startswith("t-")}
        if "legend" in cls:
            legend_kinds |= kinds
            m = re.match(r"legend:(\d+):", name)
            if m:
                box = shape_box(g)
                t = g.find(NS + "text")
                if t is not None:
                    tb = text_box(t, font)
                    rows.setdefault(int(m.group(1)), []).append(((tb[1] + tb[3]) / 2, tb, "text"))
                elif box is not None:
                    rows.setdefault(int(m.group(1)), []).append(((box[1] + box[3]) / 2, box, "swatch"))
            if "edge" in cls:
                p = g.find(NS + "path")
                if p is not None:
                    pts = path_points(p.get("d"))
                    ys = [q[1] for q in pts]
                    m = re.match(r"legend:(\d+):", name)
                    if m and ys:
                        rows.setdefault(int(m.group(1)), []).append(
                            ((min(ys) + max(ys)) / 2, (min(q[0] for q in pts), min(ys),
                                                       max(q[0] for q in pts), max(ys)), "swatch"))
            continue
        drawn_kinds |= kinds
        if "node" in cls:
            box = shape_box(g)
            if box is not None:
                nodes[name] = (box, g)
        if "edge" in cls:
            p = g.find(NS + "path")
            if p is not None:
                edges.append((name, path_points(p.get("d"))))
    names = sorted(nodes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if overlap(nodes[a][0], nodes[b][0], 0.5):
                bad.append("the boxes of %s and %s overlap" % (a, b))
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if overlap(texts[i][0], texts[j][0], 0.5):
                bad.append("the texts %r (%s) and %r (%s) overlap"
                           % (texts[i][2], texts[i][1], texts[j][2], texts[j][1]))
    for box, name, text in texts:
        if name not in nodes:
            continue
        shape, g = nodes[name]
        e = ellipse_of(g)
        if e is not None:
            cx, cy, rx, ry = e
            corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
            if any(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 > 1.0 for x, y in corners):
                bad.append("%s: text %r spills out of its circle" % (name, text))
        elif not inside(box, shape, 0.5) and "legend" not in classes(g):
            bad.append("%s: text %r spills out of its box" % (name, text))
    # the legend: one row per entry, rows apart
    spans = []
    for r, parts in sorted(rows.items()):
        ys = [p[0] for p in parts]
        if len(parts) < 2:
            bad.append("legend row %d has %d part" % (r, len(parts)))
        if max(ys) - min(ys) > 1.5:
            bad.append("legend row %d: swatch and words are not on one line (%s)"
                       % (r, ", ".join("%.1f" % y for y in ys)))
        spans.append((min(p[1][0] for p in parts), min(p[1][1] for p in parts),
                      max(p[1][2] for p in parts), max(p[1][3] for p in parts), r))
    # rows of one column (their boxes side by side overlap across) may not
    # share a line
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) - max(a[1], b[1]) > 0.5:
                bad.append("legend rows %d and %d share a line" % (a[4], b[4]))
    if legend_kinds != drawn_kinds:
        bad.append("the legend lists %s, the map draws %s"
                   % (sorted(legend_kinds), sorted(drawn_kinds)))
    if not rows:
        bad.append("no legend")
    legend_words = [t for t in texts if t[1].startswith("legend:")]
    for name, pts in edges:
        for box, owner, text in legend_words:
            if any(box[0] + 1 < x < box[2] - 1 and box[1] + 1 < y < box[3] - 1 for x, y in pts):
                bad.append("the tie %s runs through the legend's %r" % (name, text))
                break
    return bad


def main():
    font = Font(sys.argv[1])
    pw, ph = float(sys.argv[2]) / 2.54 * 72, float(sys.argv[3]) / 2.54 * 72
    failed = False
    for path in sys.argv[4:]:
        bad = check(path, font, pw, ph)
        for b in bad:
            print("FAIL: %s: %s" % (path, b))
        failed |= bool(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
