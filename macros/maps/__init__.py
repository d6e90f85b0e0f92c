"""Maps: the model (model.py) drawn two ways, as folium maps (interactive.py) and static twins
(static.py), and shown in pages as figures (figure.py).

One spec becomes, at build time, in each edition's language:
  - an interactive map, its own HTML document in the site (maps/<id>.html, folium + Leaflet,
    every script served from the site), loaded by an <iframe> once the reader nears it;
  - a static twin (maps/<id>.svg, matplotlib) for print, PDF and readers without JavaScript;
  - in the page, a <figure> with both, a caption with sources and "as of" date, and the map as
    text (a table of its places and events) for screen readers.
The Arabic edition's maps are drawn from the book in Arabic into ar/maps/. The map files are
cached under build/generated/maps/<language>/, keyed by a hash of everything they are drawn
from, so an unchanged map is not drawn again on the next build.
"""

import hashlib
import json
import weakref
from collections import Counter
from importlib import metadata
from pathlib import Path

from .figure import (MAPS_DIR, maps_dir, places_file, places_geojson, render_figure,
                     render_gazetteer, static_size)
from .model import (EventsLayer, LineLayer, MapSpec, Place, ShownEvent, blank_order, check,
                    shown_events)
from ..i18n import WORDS_FILE, say
from ..sources import MONTH_NAMES
from ..text import html_attr

# What the rest of the book uses: the model (macros/book.py loads and checks it), the events as
# maps show them (the Sources page), the macros and the files written after the build.
__all__ = ["MapSpec", "Place", "ShownEvent", "check", "shown_events", "register",
           "on_post_build", "write_maps", "load_basemap", "places_geojson", "render_figure",
           "MAPS_DIR", "maps_dir"]

BASEMAP = Path(__file__).resolve().parents[2] / "data" / "basemap" / "levant.geojson"


# --- Drawing the maps, with a cache -----------------------------------------------------------

def load_basemap() -> dict:
    """The Natural Earth outlines every map is drawn on (derived by scripts/basemap.py)."""
    return json.loads(BASEMAP.read_text(encoding="utf-8"))


def _code_fingerprint(lang: str) -> str:
    """Changes whenever the code, the words or the libraries that draw a map in `lang` change."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(here.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update(WORDS_FILE.read_bytes())
    digest.update(json.dumps(MONTH_NAMES[lang], ensure_ascii=False).encode())
    for package in ("folium", "branca", "matplotlib"):
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    return digest.hexdigest()


def cache_key(spec: MapSpec, book, basemap_text: str, fingerprint: str, lang: str) -> str:
    """A hash of everything a map's files in `lang` are drawn from."""
    digest = hashlib.sha256(f"{lang} {fingerprint}".encode())
    digest.update(spec.model_dump_json().encode())
    for key in sorted({*spec.place_ids(), *(k for line in spec.of_kind(LineLayer)
                                              for k in line.through)}):
        digest.update(book.places[key].model_dump_json().encode())
    for layer in spec.of_kind(EventsLayer):        # the timeline gives each event its date and text
        for ref in layer.events:
            entry = book.events_by_id[ref.event]
            digest.update(json.dumps([entry.date.iso(), entry.text, entry.sources]).encode())
    digest.update(basemap_text.encode())
    return digest.hexdigest()[:16]


def draw(spec: MapSpec, book, basemap: dict, lang: str) -> dict[str, str]:
    """A map's files in `lang`, freshly drawn: {'html': ..., 'svg': ...}."""
    from . import interactive, static        # folium and matplotlib load only when a map is drawn
    return {"html": interactive.render_html(spec, book, basemap, lang),
            "svg": static.render_svg(spec, book, basemap, lang=lang),
            "blank.svg": static.render_svg(spec, book, basemap, blank=True, lang=lang)}


def write_maps(book, site_dir: Path, cache_dir: Path, write_generated,
               lang: str = "en") -> list[Path]:
    """Write every map's HTML and SVG in `lang` into the edition's maps/ folder in site_dir,
    drawing only those not in cache_dir/<lang>/ (the editions never share a file)."""
    out = site_dir / maps_dir(lang)
    out.mkdir(parents=True, exist_ok=True)
    cache = cache_dir / lang
    basemap_text = BASEMAP.read_text(encoding="utf-8")
    basemap = None
    fingerprint = _code_fingerprint(lang)
    written = []
    for spec in book.maps.values():
        key = cache_key(spec, book, basemap_text, fingerprint, lang)
        cached = {ext: cache / f"{spec.id}.{key}.{ext}" for ext in ("html", "svg", "blank.svg")}
        if all(path.exists() for path in cached.values()):
            files = {ext: path.read_text(encoding="utf-8") for ext, path in cached.items()}
        else:
            basemap = basemap or json.loads(basemap_text)
            files = draw(spec, book, basemap, lang)
            for stale in cache.glob(f"{spec.id}.*.*"):
                if stale.name.split(".")[1] != key:
                    stale.unlink()
            for ext, text in files.items():
                write_generated(f"{MAPS_DIR}/{lang}/{spec.id}.{key}.{ext}", text)
        for ext, text in files.items():
            target = out / f"{spec.id}.{ext}"
            target.write_text(text, encoding="utf-8")
            written.append(target)
    download = site_dir / places_file(lang)
    download.write_text(places_geojson(book), encoding="utf-8")
    written.append(download)
    return written


# --- Wiring -----------------------------------------------------------------------------------

def register(env, book) -> None:
    """The map(), places_download() and gazetteer() macros."""
    uses: "weakref.WeakKeyDictionary[object, Counter]" = weakref.WeakKeyDictionary()

    def problem(text: str) -> str:
        return env.here.problem(None, text)

    @env.macro
    def map(map_id: str) -> str:   # noqa: A001 - the name authors write: {{ map("offensive") }}
        """A map's figure: interactive map, static twin, caption and text version."""
        spec = book.maps.get(map_id)
        if spec is None:
            return problem(f"unknown map '{map_id}' (not in data/maps.yml)")
        count = uses.setdefault(env.here, Counter())
        count[map_id] += 1
        anchor = f"map-{map_id}" + (f"-{count[map_id]}" if count[map_id] > 1 else "")
        return render_figure(spec, book, env.here, anchor)

    @env.macro
    def places_download(text: str | None = None) -> str:
        """A link to the places as a GeoJSON file, written at build time from data/places.yml."""
        href = env.here.relative(places_file(env.here.lang))
        text = html_attr(text) if text else say(env.here.lang, "map-download-places")
        return f'<a href="{href}" download type="application/geo+json">{text}</a>'

    @env.macro
    def blank_map(map_id: str) -> str:
        """A map exercise: the static map with numbered places, lines to fill in, and the
        answers folded away for the teacher (never printed)."""
        spec = book.maps.get(map_id)
        if spec is None:
            return problem(f"unknown map '{map_id}' (not in data/maps.yml)")
        lang = env.here.lang
        image = env.here.relative(f"{maps_dir(lang)}/{spec.id}.blank.svg")
        width, height = static_size(spec, book.places, lang)
        order = [book.places[place] for place in blank_order(spec)]
        lines = "\n".join(f"<li>{'_' * 28}</li>" for _ in order)
        answers = "\n".join(f"<li>{html_attr(place.name)}</li>" for place in order)
        alt = say(lang, "map-blank-alt", title=html_attr(spec.title), n=len(order))
        return (env.here.stylesheet_block("shelf.css") +
                f'<figure class="blank-map"><img src="{image}" width="{width}" height="{height}" '
                f'alt="{alt}"></figure>\n\n'
                f'<ol class="blank-map-lines">\n{lines}\n</ol>\n\n'
                f'<details class="quiz-answer"><summary>{say(lang, "map-answers")}</summary>\n'
                f'<ol>\n{answers}\n</ol>\n</details>\n')

    @env.macro
    def gazetteer() -> str:
        """Every place with its coordinates and the source they come from."""
        return render_gazetteer(book, env.here.citations.cite, env.here.lang)


def on_post_build(env) -> None:
    """Write the map documents, their static twins and the places download of the edition
    being built (env.lang) into the site."""
    root = Path(env.project_dir)
    write_maps(env.book, Path(env.conf["site_dir"]), root / "build" / "generated" / MAPS_DIR,
               env.write_generated, env.lang)
