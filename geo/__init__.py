"""Conflict News Atlas: news reports -> places, figures and maps.

The pipeline, in order:

1. ``geo.articles``   read articles (text, HTML, CSV, JSON Lines) into ``Article`` records
2. ``geo.gazetteer``  the offline gazetteer: a place name -> ranked ``Candidate`` places
3. ``geo.toponyms``   find place names in text and resolve them -> ``PlaceMention``
4. ``geo.dates``      publication date + relative expressions -> ``Period``
5. ``geo.figures``    hedged numbers -> ``Figure`` with bounds, place, period, sentence
6. ``geo.pipeline``   ``extract(article)`` runs 3 to 5 in one call
7. ``geo.store``      SQLite / PostGIS storage and filtered queries
8. ``geo.maps``       records -> folium layers (pure; no Streamlit)

Heavy modules (the gazetteer, geopandas) load lazily: ``import geo`` is cheap.
"""
