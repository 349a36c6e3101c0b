#!/usr/bin/env python3
"""Analyse a country-boundary file (GeoJSON, TopoJSON, ESRI Shapefile).

Usage: analyze.py FILE [--format geojson|topojson|shapefile] [--object NAME]
Prints a JSON report on stdout. Needs shapely and pyshp (module `shapefile`).
"""
import json, re, sys, os, argparse, unicodedata
from collections import Counter, defaultdict

import shapely
from shapely.geometry import shape, LinearRing, Polygon
from shapely.validation import explain_validity

A3 = re.compile(r"^[A-Z]{3}$")
try:
    import pycountry
    ISO3 = {c.alpha_3 for c in pycountry.countries}
except ImportError:
    ISO3 = None
UNUSABLE = {None, "", "-99", "-1", "99"}


# ---------------------------------------------------------------- loaders
def load_geojson(path):
    d = json.load(open(path, encoding="utf-8"))
    feats = []
    for ft in d["features"]:
        props = dict(ft.get("properties") or {})
        if "id" in ft:
            props["<feature.id>"] = ft["id"]
        feats.append((props, ft.get("geometry")))
    return feats, {"top_level_type": d.get("type"), "crs": d.get("crs")}


def load_topojson(path, obj=None):
    d = json.load(open(path, encoding="utf-8"))
    tr = d.get("transform")
    arcs = []
    for arc in d["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                sx, sy = tr["scale"]
                tx, ty = tr["translate"]
                pts.append([x * sx + tx, y * sy + ty])
            else:
                pts.append(list(p[:2]))
        arcs.append(pts)

    def arc_pts(i):
        return arcs[i] if i >= 0 else arcs[~i][::-1]

    def ring(idx):
        out = []
        for k, i in enumerate(idx):
            pts = arc_pts(i)
            out.extend(pts if k == 0 else pts[1:])
        return out

    def geom(g):
        t = g.get("type")
        if t is None:
            return None
        if t == "Polygon":
            return {"type": t, "coordinates": [ring(r) for r in g["arcs"]]}
        if t == "MultiPolygon":
            return {"type": t, "coordinates": [[ring(r) for r in p] for p in g["arcs"]]}
        if t == "LineString":
            return {"type": t, "coordinates": ring(g["arcs"])}
        if t == "MultiLineString":
            return {"type": t, "coordinates": [ring(r) for r in g["arcs"]]}
        if t == "Point":
            c = g["coordinates"]
            if tr:
                c = [c[0] * tr["scale"][0] + tr["translate"][0], c[1] * tr["scale"][1] + tr["translate"][1]]
            return {"type": t, "coordinates": c}
        if t == "GeometryCollection":
            return {"type": t, "geometries": [geom(x) for x in g["geometries"]]}
        raise ValueError(t)

    names = list(d["objects"])
    o = d["objects"][obj or names[0]]
    feats = []
    for g in o["geometries"] if o["type"] == "GeometryCollection" else [o]:
        props = dict(g.get("properties") or {})
        if "id" in g:
            props["<feature.id>"] = g["id"]
        feats.append((props, geom(g)))
    return feats, {"objects": names, "object_used": obj or names[0], "quantized": bool(tr),
                   "transform": tr, "bbox": d.get("bbox")}


def load_shapefile(path):
    import shapefile
    base = path[:-4]
    enc = "utf-8"
    cpg = None
    if os.path.exists(base + ".cpg"):
        cpg = open(base + ".cpg").read().strip()
        enc = cpg
    r = shapefile.Reader(path, encoding=enc)
    feats = []
    for sr in r.iterShapeRecords():
        props = sr.record.as_dict()
        gi = sr.shape.__geo_interface__ if sr.shape.shapeType != 0 else None
        feats.append((props, gi))
    prj = open(base + ".prj").read() if os.path.exists(base + ".prj") else None
    return feats, {"cpg": cpg, "prj": prj, "shapeType": r.shapeTypeName,
                   "fields": [f[0] for f in r.fields[1:]], "bbox": list(r.bbox)}


# ---------------------------------------------------------------- helpers
def iter_coords(g):
    if g is None:
        return
    t = g["type"]
    if t == "GeometryCollection":
        for x in g["geometries"]:
            yield from iter_coords(x)
        return
    def rec(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from rec(x)
    yield from rec(g["coordinates"])


def polys_of(g):
    """List of polygons (each a list of rings) in geometry g."""
    if g is None:
        return []
    t = g["type"]
    if t == "Polygon":
        return [g["coordinates"]]
    if t == "MultiPolygon":
        return list(g["coordinates"])
    if t == "GeometryCollection":
        out = []
        for x in g["geometries"]:
            out += polys_of(x)
        return out
    return []


def leaf_types(g):
    if g is None:
        return ["<null>"]
    if g["type"] == "GeometryCollection":
        out = []
        for x in g["geometries"]:
            out += leaf_types(x)
        return out
    return [g["type"]]


def script_of(s):
    if not isinstance(s, str):
        return None
    scripts = Counter()
    for ch in s:
        if ch.isalpha():
            n = unicodedata.name(ch, "?").split(" ")[0]
            scripts[n] += 1
    return scripts.most_common(1)[0][0] if scripts else None


# ---------------------------------------------------------------- analysis
def analyse(path, fmt, obj=None):
    if fmt == "geojson":
        feats, meta = load_geojson(path)
    elif fmt == "topojson":
        feats, meta = load_topojson(path, obj)
    else:
        feats, meta = load_shapefile(path)

    rep = {"path": path, "format": fmt, "feature_count": len(feats), "meta": meta}
    rep["geometry_types"] = dict(Counter(g["type"] if g else "<null>" for _, g in feats))
    rep["leaf_geometry_types"] = dict(Counter(t for _, g in feats for t in leaf_types(g)))

    # name property
    keys = Counter(k for p, _ in feats for k in p)
    rep["property_keys"] = dict(keys)
    name_keys = [k for k in keys if k.lower() in ("name", "name_long", "admin", "nameen", "full_name", "sovereignt")
                 or re.match(r"^name_[a-z]{2}$", k.lower())]
    rep["name_properties"] = {}
    for k in name_keys:
        sc = Counter(script_of(p.get(k)) for p, _ in feats)
        rep["name_properties"][k] = {"scripts": dict(sc), "sample": [p.get(k) for p, _ in feats[:5]]}
    name_key = next((k for k in ["name", "NAME", "nameEn", "ADMIN", "admin"] if k in keys), None)
    rep["name_key_used"] = name_key

    def nm(i):
        p = feats[i][0]
        n = p.get(name_key) if name_key else None
        return n if n not in (None, "") else "<feature #%d%s>" % (i, (" id=" + str(p.get("<feature.id>"))) if "<feature.id>" in p else "")

    # code candidates
    cands = {}
    for k in keys:
        vals = [p.get(k) for p, _ in feats]
        a3 = [v for v in vals if isinstance(v, str) and A3.match(v)]
        num = [v for v in vals if (isinstance(v, str) and re.match(r"^\d{3}$", v)) or (isinstance(v, int) and 0 < v < 1000)]
        if len(a3) >= 0.3 * len(feats) or (k in ("<feature.id>", "iso_n3", "ISO_N3", "iso1N3") and num):
            cands[k] = {"alpha3_valid": len(a3), "alpha3_unique": len(set(a3)),
                        "numeric3_valid": len(num), "numeric3_unique": len(set(map(str, num))),
                        "missing_or_empty": sum(1 for v in vals if v in (None, "")),
                        "minus99": sum(1 for v in vals if str(v) == "-99")}
    for k in cands:
        dd = defaultdict(list)
        for i, (p, _) in enumerate(feats):
            v = p.get(k)
            if v is not None and str(v) not in ("", "-99"):
                dd[str(v)].append(i)
        cands[k]["duplicates"] = {v: ix for v, ix in dd.items() if len(ix) > 1}
    rep["code_candidates"] = cands
    alpha = {k: v for k, v in cands.items() if v["alpha3_valid"]}
    if alpha:
        best = max(alpha, key=lambda k: (alpha[k]["alpha3_unique"], alpha[k]["alpha3_valid"],
                                         k.upper() in ("ISO_A3", "ISO1A3", "ISOA3")))
        kind = "alpha3"
    elif cands:
        best = max(cands, key=lambda k: cands[k]["numeric3_unique"])
        kind = "numeric3"
    else:
        best, kind = None, None
    for k in cands:
        cands[k]["duplicates"] = {v: [nm(i) for i in ix] for v, ix in cands[k]["duplicates"].items()}
        if ISO3 and cands[k]["alpha3_valid"]:
            cands[k]["not_in_iso3166"] = {nm(i): p.get(k) for i, (p, _) in enumerate(feats)
                                          if isinstance(p.get(k), str) and A3.match(p.get(k)) and p.get(k) not in ISO3}
    if ISO3 and best and kind == "alpha3":
        rep["codes_not_in_iso3166"] = [{"name": nm(i), "value": p.get(best)} for i, (p, _) in enumerate(feats)
                                       if isinstance(p.get(best), str) and A3.match(p.get(best)) and p.get(best) not in ISO3]
    rep["code_property_best"] = best
    rep["code_kind"] = kind
    # also the conventional ISO_A3 field if different (documents the -99 problem)
    conv = next((k for k in keys if k.lower() in ("iso_a3", "iso1a3", "isoa3")), None)
    rep["iso_a3_property"] = conv

    def unusable_for(k, kind):
        out = []
        for i, (p, _) in enumerate(feats):
            v = p.get(k)
            ok = isinstance(v, str) and A3.match(v) if kind == "alpha3" else \
                (isinstance(v, str) and re.match(r"^\d{3}$", v)) or isinstance(v, int)
            if not ok:
                out.append({"name": nm(i), "value": v})
        return out

    rep["codes_unusable"] = unusable_for(best, kind) if best else [{"name": nm(i), "value": None} for i in range(len(feats))]
    if conv and conv != best:
        rep["codes_unusable_in_" + conv] = unusable_for(conv, "alpha3")
    # duplicates
    dup = defaultdict(list)
    if best:
        for i, (p, _) in enumerate(feats):
            v = p.get(best)
            if v not in UNUSABLE and v is not None:
                dup[str(v)].append(nm(i))
    rep["duplicate_codes"] = {k: v for k, v in dup.items() if len(v) > 1}
    if conv and conv != best:
        d2 = defaultdict(list)
        for i, (p, _) in enumerate(feats):
            v = p.get(conv)
            if v not in UNUSABLE:
                d2[str(v)].append(nm(i))
        rep["duplicate_codes_in_" + conv] = {k: v for k, v in d2.items() if len(v) > 1}

    # geometry checks
    self_cross = []   # rings that are not simple
    invalid = []
    non_poly = []
    oor = []
    nrings = npolys = npts = 0
    unclosed = 0
    degenerate = []
    orient = Counter()
    for i, (p, g) in enumerate(feats):
        lt = leaf_types(g)
        bad_types = [t for t in lt if t not in ("Polygon", "MultiPolygon")]
        if bad_types:
            non_poly.append({"name": nm(i), "types": sorted(set(bad_types)), "top": g["type"] if g else None})
        cnt_oor = 0
        bad = []
        for c in iter_coords(g):
            npts += 1
            if not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
                cnt_oor += 1
                if len(bad) < 5:
                    bad.append(list(c[:2]))
        if cnt_oor:
            oor.append({"name": nm(i), "points": cnt_oor, "examples": bad})
        crossing = []
        reasons = []
        for pi, rings in enumerate(polys_of(g)):
            npolys += 1
            for ri, r in enumerate(rings):
                nrings += 1
                if r[0] != r[-1]:
                    unclosed += 1
                distinct = len({(c[0], c[1]) for c in r})
                if len(r) < 4 or distinct < 3:
                    degenerate.append({"name": nm(i), "polygon": pi, "ring": ri, "coords": len(r),
                                       "distinct_points": distinct, "coordinates": r if len(r) <= 6 else None})
                    continue
                lr = LinearRing(r)
                orient[("outer" if ri == 0 else "hole") + ("_ccw" if lr.is_ccw else "_cw")] += 1
                if not lr.is_simple:
                    v = explain_validity(Polygon(r))
                    kind = ("edges cross" if v.startswith("Self-intersection") else
                            "ring touches itself at a vertex" if v.startswith("Ring Self-intersection") else v)
                    crossing.append({"polygon": pi, "ring": ri, "role": "outer" if ri == 0 else "hole",
                                     "points": len(r), "kind": kind, "explain": v})
            try:
                poly = Polygon(rings[0], rings[1:]) if rings and len(rings[0]) >= 4 else None
                if poly is not None and not poly.is_valid:
                    reasons.append({"polygon": pi, "explain": explain_validity(poly)})
            except Exception as e:
                reasons.append({"polygon": pi, "explain": "error: %s" % e})
        if crossing:
            self_cross.append({"name": nm(i), "rings_self_crossing": len(crossing), "details": crossing})
        try:
            if g is not None and g["type"] in ("Polygon", "MultiPolygon"):
                sg = shape(g)
                if not sg.is_valid:
                    invalid.append({"name": nm(i), "explain_feature": explain_validity(sg), "per_polygon": reasons})
            elif reasons:
                invalid.append({"name": nm(i), "explain_feature": None, "per_polygon": reasons})
        except Exception as e:
            invalid.append({"name": nm(i), "explain_feature": "error: %s" % e, "per_polygon": reasons})
    rep.update({"polygons": npolys, "rings": nrings, "points": npts, "unclosed_rings": unclosed,
                "self_crossing": self_cross, "invalid_features": invalid,
                "non_polygon": non_poly, "out_of_range": oor, "degenerate_rings": degenerate,
                "ring_orientation": dict(orient)})
    rep["total_bytes"] = None
    return rep


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--format", choices=["geojson", "topojson", "shapefile"])
    ap.add_argument("--object")
    a = ap.parse_args()
    fmt = a.format
    if not fmt:
        if a.file.endswith(".shp"):
            fmt = "shapefile"
        else:
            fmt = "topojson" if json.load(open(a.file)).get("type") == "Topology" else "geojson"
    rep = analyse(a.file, fmt, a.object)
    json.dump(rep, sys.stdout, ensure_ascii=False, indent=1)
