"""The maps' colours and line styles, shared by the interactive map and its static twin."""

from .model import PlaceKind

# One colour per kind of place; interactive and static maps alike.
KIND_STYLE = {
    PlaceKind.city: {"color": "#1f2933", "radius": 6},
    PlaceKind.town: {"color": "#3e4c59", "radius": 4.5},
    PlaceKind.neighbourhood: {"color": "#7b1fa2", "radius": 6},
    PlaceKind.landmark: {"color": "#6d4c41", "radius": 5},
    PlaceKind.airport: {"color": "#455a64", "radius": 5},
    PlaceKind.crossing: {"color": "#00796b", "radius": 5},
    PlaceKind.base: {"color": "#c62828", "radius": 6},
    PlaceKind.post: {"color": "#ef6c00", "radius": 5},
    PlaceKind.camp: {"color": "#1565c0", "radius": 6},
}
LINE_STYLE = {
    "highway": {"color": "#d08a00", "weight": 4, "opacity": 0.9},
    "route": {"color": "#2e7d32", "weight": 3, "dash_array": "8 6"},
    "front": {"color": "#c62828", "weight": 3, "dash_array": "2 6"},
}
AREA_STYLE = {"color": "#6a1b9a", "weight": 2, "dash_array": "6 4", "fill": True,
              "fill_color": "#6a1b9a", "fill_opacity": 0.12}
EVENT_STYLE = {"radius": 8, "color": "#ffffff", "weight": 2, "fillColor": "#b71c1c",
               "fillOpacity": 0.95, "className": "map-event"}
BASE_STYLE = {
    "land": {"fillColor": "#f2efe6", "fillOpacity": 1, "stroke": False},
    "border": {"color": "#7a7a7a", "weight": 1.2, "dashArray": "5 3", "fill": False},
    "coast": {"color": "#5b86ad", "weight": 1, "fill": False},
}
SEA = "#cfe0ee"   # the map's background: wherever no land is drawn
