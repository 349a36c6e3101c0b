"""The geopandas + matplotlib side of scripts/bench-vs-geopandas.sh: one initiative's map as an
SVG and a PNG, the work `microlateral-atlas export --initiative ID --format both` does.

Reads the world file (Natural Earth 1:50m countries, GeoJSON, code in `iso_a3`) and the
initiatives file, colours each country by its strongest role in the initiative (any date; the
countries not involved muted), projects to Web Mercator (EPSG:3857, latitudes clipped to the
square world's ±85.05°), frames the places the initiative is about as the atlas does, and draws
the borders, each role's outline, dots for involved countries too small to see, a legend, a
title and the credits. Colours and line widths are the atlas's (src/scene/palette.rs, style.rs).

Usage: python bench-vs-geopandas.py --initiative ID [--width W] [--height H] --out DIR
       python bench-vs-geopandas.py --versions
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# src/scene/style.rs and palette.rs
OCEAN = "#c9ddea"
BORDER = "#8a8a86"
MUTED = "#e2e0da"
# role: (label, fill, emphasis outline colour, outline width in px, strength)
ROLES = {
    "lead": ("lead", "#d55e00", "#202020", 2.5, 4),
    "co_lead": ("co-lead", "#e69f00", "#202020", 1.6, 3),
    "proposed_lead": ("proposed lead", "#cc79a7", "#202020", 1.6, 2),
    "participant": ("participant", "#56b4e9", "#1f5f8b", 0.8, 1),
    "supporter": ("supporter", "#009e73", "#004d38", 1.0, 0),
}
MAX_LATITUDE = 85.05112877980659
# src/scene/framing.rs: the smallest box framed (degrees) and the margin around it.
MIN_FRAME_DEG = (18.0, 11.0)
MARGIN = 0.1
TITLE_PX = 52.0
# src/scene/view.rs: below this many pixels across a country is a dot; below the other, ringed.
MICROSTATE_MAX_PX = 5.0
HALO_MAX_PX = 16.0
CREDIT = ("Borders: Natural Earth 1:50m (public domain) · Population: World Bank 2019 (CC BY 4.0)"
          " · geopandas + matplotlib")


def versions():
    import platform

    import geopandas
    import matplotlib
    import pyogrio
    import pyproj
    import shapely

    print(f"geopandas {geopandas.__version__}, matplotlib {matplotlib.__version__}, "
          f"shapely {shapely.__version__}, pyogrio {pyogrio.__version__}, "
          f"pyproj {pyproj.__version__}, Python {platform.python_version()}")


def places(initiative):
    """Each place (a state, or the territory an organisation stands for) once, with its
    strongest role at any date, in the order the file first lists them."""
    roles = {}
    for actor in initiative["actors"]:
        code = actor.get("state") or actor.get("territory")
        role = actor["role"]
        if code and (code not in roles or ROLES[role][4] > ROLES[roles[code]][4]):
            roles[code] = role
    return roles


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--initiative")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--world", type=Path, default=ROOT / "assets/world.geojson")
    parser.add_argument("--data", type=Path, default=ROOT / "assets/initiatives.json")
    parser.add_argument("--versions", action="store_true")
    args = parser.parse_args()
    if args.versions:
        return versions()
    if not (args.initiative and args.out):
        parser.error("--initiative and --out are needed")

    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    with open(args.data, encoding="utf-8") as f:
        dataset = json.load(f)
    initiative = next((i for i in dataset["initiatives"] if i["id"] == args.initiative), None)
    if initiative is None:
        sys.exit(f"no initiative {args.initiative!r} in {args.data}")
    roles = places(initiative)

    world = gpd.read_file(args.world)
    world["role"] = world["iso_a3"].map(roles)

    # The box to frame: the largest polygon of each place the picture is about (supporters
    # only when there is no one else), widened to MIN_FRAME_DEG.
    core = [c for c, r in roles.items() if r != "supporter"] or list(roles)
    parts = world[world["iso_a3"].isin(core)].explode(index_parts=False)
    b = parts.bounds
    b["area"] = (b.maxx - b.minx) * (b.maxy - b.miny)
    main = b.sort_values("area").groupby(level=0).tail(1)
    box = [main.minx.min(), main.miny.min(), main.maxx.max(), main.maxy.max()]
    for axis, min_span in enumerate(MIN_FRAME_DEG):
        grow = max(0.0, min_span - (box[axis + 2] - box[axis])) / 2
        box[axis] -= grow
        box[axis + 2] += grow
    box[1], box[3] = max(box[1], -85.0), min(box[3], 85.0)

    # Web Mercator, the poles cut where its square world ends.
    world["geometry"] = world.geometry.clip_by_rect(-180, -MAX_LATITUDE, 180, MAX_LATITUDE)
    world = world[~world.geometry.is_empty].to_crs(3857)
    corners = gpd.GeoSeries(gpd.points_from_xy([box[0], box[2]], [box[1], box[3]]), crs=4326)
    corners = corners.to_crs(3857)
    (x0, x1), (y0, y1) = corners.x, corners.y

    # Fit the box, with its margin, into the band between the title and the legend (with its
    # margins), where the atlas puts a wide box; at least the zoom at which the world is as
    # wide as the picture's shorter side.
    w, h = args.width, args.height
    present = [r for r in ROLES if r in roles.values()]
    legend_h = 34 + 22 * (len(present) + 1) + 24 + 12
    free_h = h - TITLE_PX - legend_h
    world_m = 2 * 20037508.342789244
    scale = min(w / ((x1 - x0) * (1 + 2 * MARGIN)), free_h / ((y1 - y0) * (1 + 2 * MARGIN)))
    scale = max(scale, min(w, h) / world_m)  # px per metre
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    xlim = (cx - w / 2 / scale, cx + w / 2 / scale)
    top = cy + (TITLE_PX + free_h / 2) / scale
    ylim = (top - h / scale, top)
    shown = world.cx[xlim[0]:xlim[1], ylim[0]:ylim[1]]

    dpi = 96  # CSS pixels: the SVG is then 1200x675 pt, which is 1600x900 px, as the PNG
    pt = 72 / dpi  # points per pixel
    fig = plt.figure(figsize=(w / dpi, h / dpi), dpi=dpi, facecolor=OCEAN)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_facecolor(OCEAN)
    fills = shown["role"].map(lambda r: ROLES[r][1] if isinstance(r, str) else MUTED)
    shown.plot(ax=ax, color=fills, edgecolor=BORDER, linewidth=0.6 * pt)
    for role, (_, _, stroke, width, _) in ROLES.items():
        mine = shown[shown["role"] == role]
        if len(mine):
            mine.boundary.plot(ax=ax, color=stroke, linewidth=width * pt)
    # Involved countries too small to see: a dot, or a ring round them.
    involved = shown[shown["role"].notna()]
    ib = involved.bounds
    span = ((ib.maxx - ib.minx).combine(ib.maxy - ib.miny, max)) * scale
    points = involved.representative_point()
    for code, s, p, role in zip(involved["iso_a3"], span, points, involved["role"]):
        _, fill, stroke, width, _ = ROLES[role]
        if s < MICROSTATE_MAX_PX:
            ax.plot(p.x, p.y, "o", ms=7 * pt, mfc=fill, mec=BORDER, mew=pt)
        elif s < HALO_MAX_PX:
            ax.plot(p.x, p.y, "o", ms=(s + 12) * pt, mfc="none", mec=fill, mew=(width + 1.5) * pt)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")

    handles = [Patch(facecolor=ROLES[r][1], edgecolor=ROLES[r][2], linewidth=ROLES[r][3] * pt,
                     label=ROLES[r][0]) for r in present]
    handles.append(Patch(facecolor=MUTED, edgecolor="#787878", linewidth=pt, label="not involved"))
    legend = ax.legend(handles=handles, title=f"Roles in {initiative['name']}", loc="lower left",
                       bbox_to_anchor=(12 / w, 24 / h), fontsize=13 * pt, title_fontsize=14 * pt,
                       facecolor="#1b1b1b", framealpha=0.9, edgecolor="none",
                       labelcolor="#dddddd", alignment="left")
    legend.get_title().set_color("#ffffff")

    fig.add_artist(Rectangle((12 / w, 1 - 44 / h), (w - 24) / w, 34 / h,
                             transform=fig.transFigure, facecolor="#1b1b1b", alpha=0.9))
    fig.text(24 / w, 1 - 33 / h, f"{initiative['name']} · all dates", color="#ffffff",
             fontsize=18 * pt, va="baseline")
    fig.text(8 / w, 8 / h, CREDIT, color="#555555", fontsize=11 * pt, va="baseline")

    args.out.mkdir(parents=True, exist_ok=True)
    for suffix in ("svg", "png"):
        path = args.out / f"{args.initiative}.{suffix}"
        fig.savefig(path, dpi=dpi, facecolor=OCEAN)
        print(path)


if __name__ == "__main__":
    main()
