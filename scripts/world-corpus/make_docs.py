#!/usr/bin/env python3
"""Build expected.json and ANALYSIS.md from reports/*.json (made by analyze.py).

Run from /tmp/worlds-corpus:  python tools/make_docs.py
"""
import json, os, glob
import pycountry
ISO3 = {c.alpha_3 for c in pycountry.countries}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)

# id, main file, other files of the set, code property a loader should read first, fallbacks
FILES = [
    ("world-atlas-110m", "world-atlas-110m/countries-110m.json", [], "<feature.id>", []),
    ("ne-lowres-shp", "ne-lowres-shp/naturalearth_lowres.shp",
     ["ne-lowres-shp/naturalearth_lowres.shx", "ne-lowres-shp/naturalearth_lowres.dbf",
      "ne-lowres-shp/naturalearth_lowres.prj", "ne-lowres-shp/naturalearth_lowres.cpg"], "iso_a3", []),
    ("visionscarto-ne110m", "visionscarto-ne110m/110m_countries.geojson", [], "iso_a3", ["iso_a3_eh", "adm0_a3"]),
    ("world-geo-json-zh", "world-geo-json-zh/world.zh.json", [], "iso_a3", []),
    ("country-coder", "country-coder/borders.json", [], "iso1A3", []),
    ("osm-borders-maritime", "osm-borders-maritime/borders.geo.json", [], "isoA3", []),
]


NOTES = {
    "world-atlas-110m": [
        "No alpha-3 code anywhere: the only code is the TopoJSON geometry `id` (ISO 3166-1 numeric, string with leading zeros, e.g. \"004\"); the 3 features without `id` are the -99 cases of Natural Earth.",
        "North Korea's first polygon is a ring made of one arc repeated (`arcs: [[386, 386, 386]]`), which decodes to a single repeated point: quantization collapsed a tiny island.",
        "Self-crossings at lon ≈ ±179.9 (Fiji, Russia/Wrangel, Antarctica) come from quantizing rings that touch the antimeridian; Sudan's is a real 1:110m simplification artefact at the Sudan/South Sudan border.",
    ],
    "ne-lowres-shp": [
        "Only 5 DBF fields (pop_est, continent, name, iso_a3, gdp_md_est): there is NO ADM0_A3 / ISO_A3_EH column to fall back on, so Norway, France, N. Cyprus, Somaliland and Kosovo can only be matched by name.",
        "`.cpg` says ISO-8859-1 (not UTF-8); the one non-ASCII name is \"Côte d'Ivoire\" (byte 0xF4 in the DBF).",
        "Russia has vertices at lon = 180.00000000000006 (floating-point overshoot of the antimeridian), i.e. just outside [-180, 180].",
        "geopandas 0.12+ ships a re-generated file where iso_a3 was patched (only Kosovo stays -99); this corpus deliberately keeps the 0.10.2 copy that still has the raw Natural Earth -99 values.",
    ],
    "visionscarto-ne110m": [
        "Full Natural Earth attribute table (95 properties, names lower-cased; `fill` was added by the packager) incl. `name_ar, name_bn, name_de, name_el, name_en, name_es, name_fr, name_hi, name_hu, name_id, name_it, name_ja, name_ko, name_nl, name_pl, name_pt, name_ru, name_sv, name_tr, name_vi, name_zh` (e.g. Fiji: name_ru \"Фиджи\", name_zh \"斐濟\", name_ar \"فيجي\"). name_bn is null for Fr. S. Antarctic Lands.",
        "ISO_A3 is -99 for Norway, France, N. Cyprus, Somaliland, Kosovo. ISO_A3_EH recovers only France (FRA); ADM0_A3 recovers all (NOR, FRA, CYN, SOL, KOS), but CYN/SOL/KOS are Natural-Earth-only codes, not ISO.",
        "ADM0_A3 is not always ISO: W. Sahara SAH (ISO ESH), Palestine PSX (PSE), S. Sudan SDS (SSD). A loader that prefers ADM0_A3 over ISO_A3 gets non-ISO codes for these three.",
        "Feature-level `id` is ISO numeric, but the packager gave negative ids to the unnumbered ones: N. Cyprus \"-1\", Kosovo \"-2\", Somaliland \"-3\".",
        "ADM0_A3_IS / ADM0_A3_US map breakaway areas to their parent (SOM twice, CYP twice, MAR twice): duplicates appear if those columns are used.",
        "Coordinates are rounded to 2 decimals (\"quantized GeoJSON\"), which is what collapses the North Korea islet to 2 identical points.",
    ],
    "world-geo-json-zh": [
        "All names are Simplified Chinese (`name` short, `full_name` official). There is no English name at all.",
        "Ashmore and Cartier Islands (阿什莫尔和卡捷群岛) is a separate feature carrying Australia's codes (AUS / AU / 036): the classic 'same code twice'.",
        "-99 in iso_a2, iso_a3 and iso_n3 for Somaliland (索马里兰), Northern Cyprus (北塞浦路斯) and Siachen Glacier (锡亚琴冰川).",
        "Politically edited (see the package README): Taiwan merged into China, no Kosovo feature (part of Serbia's geometry), extra South China Sea islands/line drawn as polygons in China's MultiPolygon — no LineString.",
        "USA and Chile each have a polygon whose 'hole' lies outside its shell (mis-nested rings) — invalid but not self-crossing.",
        "Based on Natural Earth 1:50m, simplified by the author with mapshaper; rings follow RFC 7946 (outer counter-clockwise).",
    ],
    "country-coder": [
        "Not a plain country layer: 392 features mixing countries, sub-country parts (England, Hawaii, Crimea, Mainland China ...) and groupings (World, Africa, EU, US Territories ...).",
        "78 features have `geometry: null` (groupings whose area is the union of other features).",
        "135 features have no iso1A3; most of them have a `country` alpha-2 parent instead (e.g. Hawaii, Alaska, Contiguous United States → country US), so a loader keyed on the parent code would get several features per code.",
        "iso1A3 includes exceptionally-reserved / user-assigned codes: ASC, CPT, CRQ, DGA, EUE (European Union), FXX, TAA, XKX (Kosovo).",
        "Geometry is hand-drawn and very coarse over water (the README says it is not for rendering); no ring problems found.",
    ],
    "osm-borders-maritime": [
        "Every feature's geometry is a `GeometryCollection` (of 1+ Polygon/MultiPolygon), never a bare Polygon/MultiPolygon.",
        "No name property at all; only isoA3 (all 249 set) and isoA2 (missing for BES, CUW, SXM).",
        "Kosovo is XKX (user-assigned, not ISO 3166-1).",
        "Maritime (territorial-waters) borders, so coastal countries extend into the sea and outlines differ a lot from the land-only files.",
    ],
}


def usable(v, numeric=False):
    if numeric:
        return isinstance(v, str) and len(v) == 3 and v.isdigit()
    return isinstance(v, str) and len(v) == 3 and v.isalpha() and v.isupper()


def main():
    expected = {"generated_by": "tools/analyze.py + tools/make_docs.py (shapely %s)" % __import__("shapely").__version__,
                "notes": {
                    "code_property_best": "property holding the ISO 3166-1 code a loader should read first; "
                                          "'<feature.id>' means the feature's top-level id (not a property)",
                    "codes_unusable": "feature names whose code_property_best value is missing, empty, '-99' or not a 3-letter/3-digit code",
                    "self_crossing": "features with at least one ring whose edges cross (GEOS 'Self-intersection'; shapely LinearRing.is_simple == False)",
                    "degenerate_rings": "features with a ring of < 4 coordinates or < 3 distinct points",
                    "invalid_other": "features invalid for other reasons (shapely explain_validity)",
                    "non_polygon": "features whose top-level geometry is not Polygon/MultiPolygon (null, GeometryCollection, Point, LineString ...)",
                    "out_of_range": "features with any coordinate outside lon [-180,180] / lat [-90,90]",
                    "names": "the name property used in the lists (Chinese in world-geo-json-zh); '<feature #N>' = 0-based index when the file has no names"},
                "files": []}
    md = ["# ANALYSIS of the country-boundary test corpus", "",
          "Generated by `tools/analyze.py` (per file, full JSON in `reports/`) and `tools/make_docs.py`.",
          "Geometry checks use shapely %s (GEOS): a ring 'crosses itself' when `LinearRing(ring).is_simple` is False; "
          "the reason is `explain_validity(Polygon(ring))`. ISO membership checked with pycountry (ISO 3166-1, 249 codes)."
          % __import__("shapely").__version__, "",
          "TopoJSON is decoded by the script itself (delta-decoded, de-quantized arcs; object `countries`).", ""]
    for fid, main, others, best, fallbacks in FILES:
        r = json.load(open("reports/%s.json" % fid))
        paths = [main] + others
        total = sum(os.path.getsize(p) for p in paths)
        numeric = best == "<feature.id>"
        # unusable on the primary property
        unusable = r["codes_unusable"] if r["code_property_best"] == best else r.get("codes_unusable_in_" + best, [])
        if r["code_property_best"] != best and not r.get("codes_unusable_in_" + best):
            unusable = []
        dups = r["code_candidates"].get(best, {}).get("duplicates", {})
        self_cross = [x["name"] for x in r["self_crossing"]
                      if any(d.get("kind") == "edges cross" for d in x["details"])]
        touching = [x["name"] for x in r["self_crossing"]
                    if any(d.get("kind") != "edges cross" for d in x["details"])]
        degenerate = sorted({d["name"] for d in r["degenerate_rings"]})
        invalid_other = [{"name": x["name"], "explain": x["explain_feature"]} for x in r["invalid_features"]
                         if x["name"] not in self_cross and x["name"] not in degenerate and x["name"] not in touching]
        non_poly = sum(1 for t, n in r["geometry_types"].items() if t not in ("Polygon", "MultiPolygon") for _ in range(n))
        # fallback resolution (only for the NE file with several code columns)
        resolved = {}
        if fallbacks:
            loaded = json.load(open(main))
            for ft in loaded["features"]:
                p = ft["properties"]
                if usable(p.get(best)):
                    continue
                for fb in fallbacks:
                    if usable(p.get(fb)):
                        resolved[p.get("name")] = {"property": fb, "code": p[fb]}
                        break
        e = {"id": fid, "path": main, "set_files": paths, "format": r["format"],
             "feature_count": r["feature_count"],
             "geometry_types": r["geometry_types"],
             "code_property_best": best,
             "code_kind": "iso3166-numeric" if numeric else "iso3166-alpha3",
             "code_fallback_properties": fallbacks,
             "codes_unusable": [u["name"] for u in unusable],
             "codes_unusable_values": {u["name"]: u["value"] for u in unusable},
             "codes_resolved_by_fallback": resolved,
             "codes_not_in_iso3166": (sorted(set(r["code_candidates"].get(best, {}).get("not_in_iso3166", {}).values()) |
                                             {v["code"] for v in resolved.values() if v["code"] not in ISO3})) if not numeric else [],
             "duplicate_codes": sorted(dups),
             "duplicate_codes_detail": dups,
             "self_crossing": self_cross,
             "self_touching": touching,
             "degenerate_rings": degenerate,
             "invalid_other": invalid_other,
             "non_polygon": non_poly,
             "out_of_range": len(r["out_of_range"]),
             "out_of_range_detail": r["out_of_range"],
             "name_property": r["name_key_used"],
             "name_scripts": {k: v["scripts"] for k, v in r["name_properties"].items()},
             "outer_ring_orientation": sorted(k for k in r["ring_orientation"] if k.startswith("outer")),
             "encoding": (r["meta"].get("cpg") if r["format"] == "shapefile" else "UTF-8"),
             "total_bytes": total}
        expected["files"].append(e)

        # ------------------------------------------------------------- markdown
        md += ["## %s — `%s`" % (fid, main), ""]
        md.append("- format: **%s**; files: %s; total %d bytes" % (r["format"], ", ".join("`%s` (%d B)" % (p, os.path.getsize(p)) for p in paths), total))
        md.append("- features: **%d**; geometry types: %s; polygons %d, rings %d, points %d; ring orientation: %s"
                  % (r["feature_count"], r["geometry_types"], r["polygons"], r["rings"], r["points"], r["ring_orientation"]))
        if r["format"] == "topojson":
            m = r["meta"]
            md.append("- TopoJSON objects: %s (used `%s`), quantized: %s, transform: %s" % (m["objects"], m["object_used"], m["quantized"], m["transform"]))
        if r["format"] == "shapefile":
            m = r["meta"]
            md.append("- shape type: %s; DBF fields: %s; `.cpg` = `%s`; `.prj` = `%s`" % (m["shapeType"], m["fields"], m["cpg"], m["prj"]))
        md.append("- property keys (count of features having them): %s" % ", ".join("`%s` %d" % kv for kv in r["property_keys"].items()))
        md.append("- name property: `%s`; scripts of name-like properties: %s" % (r["name_key_used"], {k: v["scripts"] for k, v in r["name_properties"].items()}))
        md.append("- code candidates (values matching `^[A-Z]{3}$` or 3-digit numeric):")
        md.append("")
        md.append("  | property | alpha-3 valid | alpha-3 unique | numeric valid | numeric unique | missing/empty | -99 | duplicates |")
        md.append("  |---|---|---|---|---|---|---|---|")
        for k, c in r["code_candidates"].items():
            md.append("  | `%s` | %d | %d | %d | %d | %d | %d | %s |" % (k, c["alpha3_valid"], c["alpha3_unique"], c["numeric3_valid"], c["numeric3_unique"],
                                                                  c["missing_or_empty"], c["minus99"], json.dumps(c["duplicates"], ensure_ascii=False) if c["duplicates"] else ""))
        md.append("")
        md.append("- **code property to use first**: `%s`%s" % (best, (" then fallbacks %s" % fallbacks) if fallbacks else ""))
        md.append("- **unusable codes in `%s`** (%d): %s" % (best, len(unusable), ", ".join("%s (`%r`)" % (u["name"], u["value"]) for u in unusable) or "none"))
        if resolved:
            md.append("- resolved by fallback: %s" % ", ".join("%s → `%s` (from `%s`)" % (n, v["code"], v["property"]) for n, v in resolved.items()))
        for k, c in r["code_candidates"].items():
            if c.get("not_in_iso3166") and (k == best or k in fallbacks):
                md.append("- 3-letter codes in `%s` that are NOT ISO 3166-1 alpha-3: %s" % (k, ", ".join("%s=`%s`" % kv for kv in c["not_in_iso3166"].items())))
        for k in r:
            if k.startswith("codes_unusable_in_") and k[len("codes_unusable_in_"):] != best:
                md.append("- unusable codes in `%s`: %s" % (k[len("codes_unusable_in_"):], ", ".join("%s (`%r`)" % (u["name"], u["value"]) for u in r[k]) or "none"))
        md.append("- **duplicate codes in `%s`**: %s" % (best, json.dumps(dups, ensure_ascii=False) if dups else "none"))
        md.append("- **self-crossing rings**: %s" % ("none" if not r["self_crossing"] else ""))
        for x in r["self_crossing"]:
            for d in x["details"]:
                md.append("  - %s: polygon %d ring %d (%s, %d points): %s — `%s`" % (x["name"], d["polygon"], d["ring"], d["role"], d["points"], d["kind"], d["explain"]))
        md.append("- **degenerate rings**: %s" % ("none" if not r["degenerate_rings"] else ""))
        for d in r["degenerate_rings"]:
            md.append("  - %s: polygon %d ring %d: %d coordinates, %d distinct point(s) %s" % (d["name"], d["polygon"], d["ring"], d["coords"], d["distinct_points"], d["coordinates"] or ""))
        md.append("- **invalid features (shapely, whole feature)**: %s" % ("none" if not r["invalid_features"] else ""))
        for x in r["invalid_features"]:
            md.append("  - %s: `%s`" % (x["name"], x["explain_feature"]))
        md.append("- **non-polygon features**: %d%s" % (non_poly, (" — " + json.dumps(r["geometry_types"])) if non_poly else ""))
        if non_poly:
            names = [x["name"] for x in r["non_polygon"]]
            if r["geometry_types"].get("GeometryCollection"):
                md.append("  - every feature is a `GeometryCollection` wrapping %s" % r["leaf_geometry_types"])
            if names and r["geometry_types"].get("<null>"):
                md.append("  - null geometry (%d): %s" % (len(names), ", ".join(x["name"] for x in r["non_polygon"] if x["top"] is None)))
        md.append("- **coordinates out of range**: %s" % (json.dumps(r["out_of_range"]) if r["out_of_range"] else "none"))
        md.append("- unclosed rings: %d" % r["unclosed_rings"])
        md.append("")
        md.append("Notes:")
        md.append("")
        for n in NOTES.get(fid, []):
            md.append("- " + n)
        md.append("")
    md += ["## Coverage matrix", "",
           "| problem | files |", "|---|---|"]
    def having(pred):
        return ", ".join(e["id"] for e in expected["files"] if pred(e)) or "—"
    md.append("| ring crosses itself | %s |" % having(lambda e: e["self_crossing"]))
    md.append("| degenerate ring (< 3 distinct points) | %s |" % having(lambda e: e["degenerate_rings"]))
    md.append("| other invalid polygon (hole outside shell) | %s |" % having(lambda e: e["invalid_other"]))
    md.append("| missing / empty / -99 code | %s |" % having(lambda e: e["codes_unusable"]))
    md.append("| code usable only via fallback column (ISO_A3_EH / ADM0_A3) | %s |" % having(lambda e: e["codes_resolved_by_fallback"]))
    md.append("| 3-letter code that is not ISO 3166-1 (XKX, KOS, SOL, ...) | %s |" % having(lambda e: e["codes_not_in_iso3166"]))
    md.append("| same code on two features | %s |" % having(lambda e: e["duplicate_codes"]))
    md.append("| non-polygon features (null geometry / GeometryCollection) | %s |" % having(lambda e: e["non_polygon"]))
    md.append("| Point / LineString features | — (none found in any country-boundary file checked) |")
    md.append("| coordinates out of range | %s |" % having(lambda e: e["out_of_range"]))
    md.append("| names in other languages/scripts | %s |" % having(lambda e: any(s not in ("LATIN", None, "null") for v in e["name_scripts"].values() for s in v)))
    md.append("| non-UTF-8 attribute encoding (.cpg ISO-8859-1) | %s |" % having(lambda e: e["encoding"] not in ("UTF-8",)))
    md.append("| no name property at all | %s |" % having(lambda e: not e["name_property"]))
    md.append("| outer rings clockwise (shapefile / d3 convention, opposite of RFC 7946) | %s |" % having(lambda e: "outer_cw" in e["outer_ring_orientation"]))
    md.append("| TopoJSON | %s |" % having(lambda e: e["format"] == "topojson"))
    md.append("| ESRI Shapefile | %s |" % having(lambda e: e["format"] == "shapefile"))
    md.append("")
    tot = sum(e["total_bytes"] for e in expected["files"])
    md.append("Total corpus data size: %d bytes (%.2f MB)." % (tot, tot / 1e6))
    expected["total_bytes"] = tot
    json.dump(expected, open("expected.json", "w"), ensure_ascii=False, indent=1)
    open("ANALYSIS.md", "w").write("\n".join(md) + "\n")
    print("total", tot)


if __name__ == "__main__":
    main()
