#!/usr/bin/env python3
"""Build assets/country-aliases.tsv: country names as people type them -> ISO 3166-1 alpha-3.

Usage
-----
    scripts/build-country-aliases.py \
        --i18n DIR           # unpacked npm package i18n-iso-countries (has package.json,
                             #   langs/en.json, codes.json), e.g. from `npm pack i18n-iso-countries@7.14.0`
        [--pycountry DIR]    # unpacked PyPI wheel pycountry (has pycountry/databases/iso3166-1.json
                             #   and pycountry-*.dist-info/METADATA); omit to leave the LGPL data out
        [--wbgapi DIR]       # unpacked PyPI wheel wbgapi (has wbgapi/lookup-data.yaml); omit to skip
        [--natural-earth FILE]  # assets/world.geojson (Natural Earth names, public domain); omit to skip
        [-o OUT]             # default: stdout
        [--check TSV]        # optional: a `name<TAB>code` test list (lines starting with '#' ignored);
                             #   prints how many names resolve to exactly the expected single code

Getting the inputs (only the package registries are needed):

    T=$(mktemp -d)
    (cd "$T" && npm pack --silent i18n-iso-countries@7.14.0 && mkdir i18n \
        && tar xzf i18n-iso-countries-7.14.0.tgz -C i18n \
        && pip download --no-deps pycountry==26.2.16 wbgapi==1.0.14 -d whl \
        && mkdir pyc wbg && (cd pyc && unzip -q ../whl/pycountry-26.2.16-*.whl) \
        && (cd wbg && unzip -q ../whl/wbgapi-1.0.14-*.whl))
    # from the repository root:
    python3 scripts/build-country-aliases.py --i18n "$T/i18n/package" --pycountry "$T/pyc" \
        --wbgapi "$T/wbg" --natural-earth assets/world.geojson -o assets/country-aliases.tsv

Standard library only. The output is deterministic for the same inputs.

Normalisation (the app must do exactly the same to what it looks up):
  lowercase; Unicode NFKD, then drop combining marks (é->e, ü->u, ô->o); "&" -> " and ";
  every run of characters other than a-z / 0-9 -> one space; trim.
  Letters that do not decompose under NFKD (ø, æ, ß, ł, đ, ı, œ, þ ...) are NOT transliterated:
  they become a space, like any other non a-z/0-9 character.

Output: '#' comment lines, then the header row `alias<TAB>codes<TAB>source<TAB>spellings`, then one
row per distinct normalised alias, sorted by alias (byte order):
  alias      the normalised alias
  codes      ISO 3166-1 alpha-3 code(s), '|'-separated and sorted; more than one code means the
             name is ambiguous (e.g. "congo" -> COD|COG) and the app should report it, not guess
  source     ';'-separated, from: i18n-iso-countries, pycountry, wbgapi, natural-earth,
             hand-wb (hand-written World Bank spelling), hand (hand-written other name),
             hand-ambiguous (hand-written: a name used for more than one country)
  spellings  the original spellings that normalise to this alias, '|'-separated, sorted
Only ISO 3166-1 alpha-3 codes, plus XKX for Kosovo (the World Bank's / EU's code; the app's map
uses it). i18n-iso-countries gives Kosovo as XK/XKK; it is rewritten to XKX.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import sys
import unicodedata

# --------------------------------------------------------------------------------------------
# Hand-written World Bank spellings (World Development Indicators / WB API country names) that
# the datasets above do not already give. No permissively licensed offline copy of the World
# Bank's country list was found on the package registries (wbgapi and wbdata query the API;
# country_converter is GPL-3 and was used only to check these), so they are written out here.
HAND_WB = [
    ("Bahamas, The", "BHS"),
    ("Brunei Darussalam", "BRN"),
    ("Cabo Verde", "CPV"),
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Cote d'Ivoire", "CIV"),
    ("Curacao", "CUW"),
    ("Czechia", "CZE"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Eswatini", "SWZ"),
    ("Faroe Islands", "FRO"),
    ("Gambia, The", "GMB"),
    ("Hong Kong SAR, China", "HKG"),
    ("Iran, Islamic Rep.", "IRN"),
    ("Korea, Dem. People's Rep.", "PRK"),
    ("Korea, Dem. Rep.", "PRK"),  # earlier World Bank name
    ("Korea, Rep.", "KOR"),
    ("Kosovo", "XKX"),
    ("Kyrgyz Republic", "KGZ"),
    ("Lao PDR", "LAO"),
    ("Macao SAR, China", "MAC"),
    ("Micronesia, Fed. Sts.", "FSM"),
    ("Micronesia", "FSM"),
    ("Russian Federation", "RUS"),
    ("Sao Tome and Principe", "STP"),
    ("Sint Maarten (Dutch part)", "SXM"),
    ("Slovak Republic", "SVK"),
    ("Somalia", "SOM"),
    ("Somalia, Fed. Rep.", "SOM"),
    ("St. Kitts and Nevis", "KNA"),
    ("St. Lucia", "LCA"),
    ("St. Martin (French part)", "MAF"),
    ("St. Vincent and the Grenadines", "VCT"),
    ("Syrian Arab Republic", "SYR"),
    ("Taiwan, China", "TWN"),
    ("Timor-Leste", "TLS"),
    ("Turkiye", "TUR"),
    ("Venezuela, RB", "VEN"),
    ("Viet Nam", "VNM"),
    ("Virgin Islands (U.S.)", "VIR"),
    ("British Virgin Islands", "VGB"),
    ("West Bank and Gaza", "PSE"),
    ("Yemen, Rep.", "YEM"),
    ("Tanzania", "TZA"),
    ("Bolivia", "BOL"),
    ("Moldova", "MDA"),
    ("North Macedonia", "MKD"),
    ("Macedonia, FYR", "MKD"),  # World Bank name until 2019
]

# Common informal, former and other organisations' names (hand-written). England, Scotland,
# Wales and Northern Ireland are left out on purpose (not states); so is "America" (a continent).
HAND = [
    ("Holland", "NLD"),
    ("Burma", "MMR"),
    ("Myanmar (Burma)", "MMR"),
    ("Ivory Coast", "CIV"),
    ("Swaziland", "SWZ"),
    ("Macedonia", "MKD"),
    ("The former Yugoslav Republic of Macedonia", "MKD"),  # ISO / UN name until 2019
    ("FYROM", "MKD"),
    ("Cape Verde", "CPV"),
    ("East Timor", "TLS"),
    ("Vatican", "VAT"),
    ("Vatican City", "VAT"),
    ("DR Congo", "COD"),
    ("DRC", "COD"),
    ("D.R. Congo", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("Congo, Democratic Republic of the", "COD"),  # CIA World Factbook
    ("Congo-Kinshasa", "COD"),
    ("Congo-Brazzaville", "COG"),
    ("Congo, Republic of the", "COG"),  # CIA World Factbook
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("Turkey", "TUR"),
    ("Kosovo", "XKX"),
    ("Republic of Kosovo", "XKX"),
    ("Palestine", "PSE"),
    ("State of Palestine", "PSE"),
    ("Palestinian Territories", "PSE"),
    ("Occupied Palestinian Territory", "PSE"),  # UN OCHA
    ("Palestinian Territory, Occupied", "PSE"),  # ISO 3166 name until 2013
    ("Taiwan", "TWN"),
    ("South Korea", "KOR"),
    ("Korea, South", "KOR"),  # CIA World Factbook
    ("North Korea", "PRK"),
    ("Korea, North", "PRK"),  # CIA World Factbook
    ("DPRK", "PRK"),
    ("Russia", "RUS"),
    ("Iran", "IRN"),
    ("Syria", "SYR"),
    ("Laos", "LAO"),
    ("Moldova", "MDA"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Tanzania", "TZA"),
    ("Micronesia", "FSM"),
    ("Vietnam", "VNM"),
    ("Czech Republic", "CZE"),
    ("Slovakia", "SVK"),
    ("Brunei", "BRN"),
    ("Macau", "MAC"),
    ("Macao", "MAC"),
    ("Hong Kong", "HKG"),
    ("UAE", "ARE"),
    ("Emirates", "ARE"),
    ("USA", "USA"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("U.S.A.", "USA"),
    ("United States", "USA"),
    ("United States of America", "USA"),
    ("Bosnia", "BIH"),
    ("The Bahamas", "BHS"),
    ("The Gambia", "GMB"),
    ("The Netherlands", "NLD"),
    ("Netherlands (Kingdom of the)", "NLD"),
    ("Faroes", "FRO"),
    ("Falklands", "FLK"),
    ("St. Pierre and Miquelon", "SPM"),
    ("St. Helena", "SHN"),
    ("St. Vincent", "VCT"),
    ("Timor Leste", "TLS"),
    ("Sao Tome", "STP"),
]

# Added after testing against world-countries (a different dataset, used only as a test): official
# long forms (as in the CIA World Factbook / UN terminology), former English spellings and common
# short forms that none of the sources above gives. Marked "hand" like the list above.
HAND += [
    ("Aaland", "ALA"),
    ("Aaland Islands", "ALA"),
    ("French Southern and Antarctic Lands", "ATF"),
    ("Territory of the French Southern and Antarctic Lands", "ATF"),
    ("Commonwealth of Australia", "AUS"),
    ("Collectivity of Saint Barthelemy", "BLM"),
    ("Saint Barthelemy", "BLM"),
    ("St. Barthelemy", "BLM"),
    ("St. Helena, Ascension and Tristan da Cunha", "SHN"),
    ("The Islands of Bermuda", "BMU"),
    ("The Bermudas", "BMU"),
    ("Somers Isles", "BMU"),  # historic
    ("Caribbean Netherlands", "BES"),
    ("BES Islands", "BES"),
    ("Nation of Brunei, the Abode of Peace", "BRN"),
    ("Nation of Brunei, Abode of Peace", "BRN"),
    ("Nation of Brunei", "BRN"),
    ("Territory of the Cocos (Keeling) Islands", "CCK"),
    ("Keeling Islands", "CCK"),
    ("Cocos Islands", "CCK"),
    ("Country of Curacao", "CUW"),
    ("Territory of Christmas Island", "CXR"),
    ("State of Eritrea", "ERI"),
    ("Sahrawi Arab Democratic Republic", "ESH"),
    ("Falkland Islands", "FLK"),
    ("Faeroe Islands", "FRO"),
    ("Bailiwick of Guernsey", "GGY"),
    ("Bailiwick of Jersey", "JEY"),
    ("Co-operative Republic of Guyana", "GUY"),
    ("Hong Kong Special Administrative Region of the People's Republic of China", "HKG"),
    ("Macao Special Administrative Region of the People's Republic of China", "MAC"),
    ("Republic of Ireland", "IRL"),
    ("Federation of Saint Christopher and Nevis", "KNA"),
    ("Federation of Saint Kitts and Nevis", "KNA"),
    ("State of Libya", "LBY"),
    ("Saint Martin", "MAF"),
    ("Collectivity of Saint Martin", "MAF"),
    ("Republic of the Maldives", "MDV"),
    ("Maldive Islands", "MDV"),
    ("Macedonia, The Former Yugoslav Republic of", "MKD"),  # ISO 3166 name until 2019
    ("Republic of the Union of Myanmar", "MMR"),
    ("Department of Mayotte", "MYT"),
    ("Republic of Niger", "NER"),
    ("Territory of Norfolk Island", "NFK"),
    ("Pleasant Island", "NRU"),  # historic
    ("Pitcairn Group of Islands", "PCN"),
    ("Pitcairn, Henderson, Ducie and Oeno Islands", "PCN"),
    ("Pitcairn Islands", "PCN"),
    ("Commonwealth of Puerto Rico", "PRI"),
    ("Reunion Island", "REU"),
    ("Rumania", "ROU"),  # former English spelling
    ("Roumania", "ROU"),  # former English spelling
    ("Republic of Rwanda", "RWA"),
    ("Saudi", "SAU"),
    ("South Georgia", "SGS"),
    ("Svalbard and Jan Mayen Islands", "SJM"),
    ("Most Serene Republic of San Marino", "SMR"),
    ("Tunisian Republic", "TUN"),
    ("Republic of Turkey", "TUR"),
    ("Republic of China", "TWN"),
    ("Republic of China (Taiwan)", "TWN"),
    ("Chinese Taipei", "TWN"),
    ("Oriental Republic of Uruguay", "URY"),
    ("Vatican City State", "VAT"),
    ("United States Virgin Islands", "VIR"),
    ("US Virgin Islands", "VIR"),
    ("U.S. Virgin Islands", "VIR"),
    ("Socialist Republic of Vietnam", "VNM"),
    ("Territory of the Wallis and Futuna Islands", "WLF"),
    ("Republic of Kiribati", "KIR"),
    ("Yemeni Republic", "YEM"),  # literal translation of al-Jumhuriyyah al-Yamaniyyah
]

# Names that are used for more than one country. Listed with every code so that the app reports
# "matches two countries" instead of guessing.
HAND_AMBIGUOUS = [
    ("Korea", ["KOR", "PRK"]),
    ("Congo", ["COD", "COG"]),
    ("Virgin Islands", ["VGB", "VIR"]),
]

# Names some source maps but that are not names of a state; left out of the table (normalised form).
EXCLUDE = {
    "england": "not a state (wbgapi maps it to GBR); Scotland, Wales, Northern Ireland are not listed either",
}

KOSOVO = "XKX"


def normalise(text):
    """The app's normalisation: see the module docstring."""
    s = text.lower()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


def read_i18n(pkg_dir):
    with open(os.path.join(pkg_dir, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(pkg_dir, "codes.json"), encoding="utf-8") as f:
        a2_to_a3 = {row[0]: row[1] for row in json.load(f)}
    a2_to_a3["XK"] = KOSOVO  # the package says XKK
    with open(os.path.join(pkg_dir, "langs", "en.json"), encoding="utf-8") as f:
        en = json.load(f)["countries"]
    out = []
    for a2, names in en.items():
        for name in names if isinstance(names, list) else [names]:
            out.append((name, a2_to_a3[a2]))
    desc = "i18n-iso-countries (npm) %s, %s, langs/en.json (sha256 %s) with codes.json; Kosovo XK/XKK written as XKX" % (
        meta["version"], meta["license"], sha256(os.path.join(pkg_dir, "langs", "en.json")))
    return out, desc, set(a2_to_a3.values())


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def dist_version(root, dist):
    metas = glob.glob(os.path.join(root, dist + "-*.dist-info", "METADATA"))
    if not metas:
        return "unknown version", "unknown licence"
    version, licence = "unknown version", "unknown licence"
    with open(metas[0], encoding="utf-8") as f:
        for line in f:
            if line.startswith("Version:"):
                version = line.split(":", 1)[1].strip()
            elif line.startswith("License-Expression:") or (line.startswith("License:") and licence == "unknown licence"):
                licence = line.split(":", 1)[1].strip()
            elif not line.strip():
                break
    return version, licence


def read_pycountry(root):
    path = os.path.join(root, "pycountry", "databases", "iso3166-1.json")
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)["3166-1"]
    out = []
    for r in rows:
        for key in ("name", "official_name", "common_name"):
            if r.get(key):
                out.append((r[key], r["alpha_3"]))
    version, licence = dist_version(root, "pycountry")
    return out, "pycountry (PyPI) %s, %s (data: Debian iso-codes), pycountry/databases/iso3166-1.json (sha256 %s): name, official_name, common_name" % (version, licence, sha256(path))


def read_wbgapi(root):
    """Plain strings from wbgapi/lookup-data.yaml (skips regex patterns, '~' exclusions, 'order')."""
    path = os.path.join(root, "wbgapi", "lookup-data.yaml")
    out = []
    code = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split(" #", 1)[0].rstrip()
            if not line or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^([A-Z]{3}):$", line)
            if m:
                code = m.group(1)
                continue
            m = re.match(r"^-\s*(.*)$", line)
            if m and code:
                item = m.group(1).strip()
                if not item or item.startswith("~"):
                    continue
                if item.startswith(":"):
                    item = item[1:]
                elif re.search(r"[\\.?*+()\[\]{}|^$]", item):
                    continue  # a regular expression, not a name
                out.append((item, code))
    version, licence = dist_version(root, "wbgapi")
    return out, "wbgapi (PyPI) %s, %s, wbgapi/lookup-data.yaml (sha256 %s): its plain names only, regex patterns skipped" % (version, licence, sha256(path))


def read_natural_earth(path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    out = []
    for feat in fc["features"]:
        p = feat["properties"]
        out.append((p["name"], p["iso_a3"]))
    return out, "Natural Earth 1:50m admin-0 names (public domain), via world-atlas 2.0.2, from assets/world.geojson (sha256 %s); ISO codes and XKX only" % sha256(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--i18n", required=True)
    ap.add_argument("--pycountry")
    ap.add_argument("--wbgapi")
    ap.add_argument("--natural-earth")
    ap.add_argument("-o", "--out")
    ap.add_argument("--check")
    args = ap.parse_args()

    entries = []  # (original spelling, code, source)
    sources = []
    i18n, desc, valid = read_i18n(args.i18n)
    entries += [(n, c, "i18n-iso-countries") for n, c in i18n]
    sources.append(desc)
    if args.pycountry:
        rows, desc = read_pycountry(args.pycountry)
        entries += [(n, c, "pycountry") for n, c in rows]
        sources.append(desc)
    if args.wbgapi:
        rows, desc = read_wbgapi(args.wbgapi)
        entries += [(n, c, "wbgapi") for n, c in rows]
        sources.append(desc)
    if args.natural_earth:
        rows, desc = read_natural_earth(args.natural_earth)
        entries += [(n, c, "natural-earth") for n, c in rows if c in valid]
        sources.append(desc)
    entries += [(n, c, "hand-wb") for n, c in HAND_WB]
    entries += [(n, c, "hand") for n, c in HAND]
    for n, codes in HAND_AMBIGUOUS:
        entries += [(n, c, "hand-ambiguous") for c in codes]

    for n, c, s in entries:
        if c not in valid:
            sys.exit("not an ISO 3166-1 alpha-3 code (or XKX): %r -> %r (%s)" % (n, c, s))

    table = {}
    for name, code, src in entries:
        key = normalise(name)
        if not key or key in EXCLUDE:
            continue
        row = table.setdefault(key, {"codes": set(), "sources": set(), "spellings": set()})
        row["codes"].add(code)
        row["sources"].add(src)
        row["spellings"].add(name)

    order = ["i18n-iso-countries", "pycountry", "wbgapi", "natural-earth", "hand-wb", "hand", "hand-ambiguous"]
    lines = [
        "# Country-name aliases -> ISO 3166-1 alpha-3 (plus XKX for Kosovo).",
        "# Generated by scripts/build-country-aliases.py; do not edit by hand, edit the script and rerun.",
        "# Lookup: normalise the typed name exactly as the script does (lowercase; NFKD; drop combining",
        "# marks; '&' -> ' and '; each run of characters other than a-z/0-9 -> one space; trim), then",
        "# match the alias column. More than one code in `codes` = an ambiguous name: report it, don't guess.",
        "# Sources:",
    ]
    lines += ["#   - " + s for s in sources]
    lines += [
        "#   - hand-wb: World Bank spellings (WDI / API country names), written by hand: no permissively",
        "#     licensed offline World Bank country list was found on npm or PyPI",
        "#   - hand: common informal, former and other organisations' names, written by hand",
        "#   - hand-ambiguous: names used for more than one country, listed with all their codes",
    ]
    lines += ["# Left out on purpose: %s (%s)" % (k, why) for k, why in sorted(EXCLUDE.items())]
    if args.pycountry:
        only = sum(1 for r in table.values() if r["sources"] == {"pycountry"})
        lines += [
            "# Licence note: the names from pycountry come from Debian's iso-codes (LGPL-2.1). %d rows have" % only,
            "# pycountry as their only source (mostly official long names such as \"Kingdom of Norway\"); rerun",
            "# without --pycountry for a table with none of that data (it then resolves far fewer long names).",
        ]
    lines.append("# Regenerate: see the usage at the top of scripts/build-country-aliases.py.")
    lines.append("# Columns: alias, codes ('|'-separated, sorted), source (';'-separated), spellings (original forms, '|'-separated).")
    lines.append("alias\tcodes\tsource\tspellings")
    for key in sorted(table):
        row = table[key]
        srcs = sorted(row["sources"], key=order.index)
        lines.append("%s\t%s\t%s\t%s" % (key, "|".join(sorted(row["codes"])), ";".join(srcs), "|".join(sorted(row["spellings"]))))
    text = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)

    conflicts = [(k, sorted(r["codes"])) for k, r in sorted(table.items()) if len(r["codes"]) > 1]
    print("%d aliases, %d ambiguous" % (len(table), len(conflicts)), file=sys.stderr)
    for k, codes in conflicts:
        print("  ambiguous: %-20s %s  (%s)" % (k, "|".join(codes), ";".join(sorted(table[k]["sources"], key=order.index))), file=sys.stderr)

    if args.check:
        total = hits = 0
        misses = []
        with open(args.check, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                name, code = line.rstrip("\n").split("\t")[:2]
                if name == "name" and code == "cca3":
                    continue
                total += 1
                row = table.get(normalise(name))
                if row and row["codes"] == {code}:
                    hits += 1
                else:
                    misses.append((name, code, "|".join(sorted(row["codes"])) if row else "-"))
        print("check: %d/%d resolve to the expected single code (%.2f%%)" % (hits, total, 100.0 * hits / max(total, 1)), file=sys.stderr)
        for name, code, got in misses:
            print("  miss: %s\texpected %s\tgot %s" % (name, code, got), file=sys.stderr)


if __name__ == "__main__":
    main()
