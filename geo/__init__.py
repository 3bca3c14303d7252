"""Conflict News Atlas: news reports -> places, figures and maps.

The pipeline, in order (where a place name becomes coordinates: ``gazetteer``):

==================  ==========================================================
``articles``        the ``Article`` record; the bundled corpus
``readers``         text, saved web pages, CSV, JSON Lines -> articles (or per-record errors)
``names``           name keys that survive transliteration (Bāghūz = Baghouz = baghuz)
``gazetteer``       the offline gazetteer: a place name -> ranked ``Candidate`` places
``toponyms``        place names in text -> ``PlaceMention`` resolved with evidence
``dates``           publication date + relative expressions -> ``Period``
``quantities``      numbers as printed -> amount, hedge, bounds, unit
``figures``         hedged numbers -> ``Figure`` with kind, place, period, sentence
``pipeline``        ``extract(article)``: places, then figures, in one call
``tables``          an extraction as flat rows (the store's and the pages' shape)
``boundaries``      governorate / district / country polygons; the governorate of a place
``store``           the only module that talks to SQLite / PostgreSQL + PostGIS
``ingest``          files -> extraction -> store, one transaction per article
``filters``         the dashboard's ``Filters`` record and its URL query string
``summary``         what a selection says: counts, overview, conflicting claims
``territory``       reported areas drawn to scale in a local equal-area projection
``escaping``        article text made inert before it reaches HTML or a Markdown label
``highlight``       an article's text with its places and figures marked
``maps``            records -> folium layers (pure; no Streamlit)
``cli``             ``python -m geo lookup | extract | ingest | stats``
==================  ==========================================================

Modules load lazily (the gazetteer and geopandas are heavy): ``import geo``
imports nothing else and never Streamlit; import the module you need.
"""
