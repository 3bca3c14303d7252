"""Conflict News Atlas: news reports -> places, figures and maps.

The pipeline, in order (where a place name becomes coordinates: ``gazetteer``):

==================  ==========================================================
``articles``        the ``Article`` record; the bundled corpus
``decoding``        a file's bytes -> text, with the encoding decision and its evidence
``formats``         streaming rows of CSV, JSON Lines and JSON files, each fault named
``readers``         text, saved web pages, CSV, JSON Lines -> articles (or per-record errors)
``names``           name keys that survive transliteration (Bāghūz = Baghouz = baghuz)
``regions``         the region packs shipped (data/regions.toml): detailed countries
``wordlists``       the word lists of place recognition, read from data/words/
``gazetteer``       the offline gazetteer: a place name -> ranked ``Candidate`` places
``folding``         capitalised stretches of text -> gazetteer keys
``recognition``     place-like names in text, with the evidence that they are places
``readings``        what a name can credibly mean: its candidate gazetteer entries
``resolution``      the scoring chain: each name -> one place, with evidence
``toponyms``        place names in text -> ``PlaceMention`` (the facade of the four above)
``dates``           publication date + relative expressions -> ``Period``
``quantities``      numbers as printed -> amount, hedge, bounds, unit
``cues``            the cue words that decide a figure's kind (data/vocabulary/)
``placing``         where a number gets its place: clause, sentence, focus, precision
``households``      families / households -> the people estimate the article itself gives
``periods``         a figure's period in an undated text: sections, totals, the lead's battle
``figures``         hedged numbers -> ``Figure`` with kind, modality, place, period, sentence
``pipeline``        ``extract(article)``: places, then figures, in one call
``tables``          an extraction as flat rows (the store's and the pages' shape)
``boundaries``      governorate / district / country polygons; the governorate of a place
``reviews``         people's confirmations and corrections, applied to the rows on read
``review_input``    what a reviewer types, checked against the reader's vocabularies
``review_csv``      the review history to and from CSV (a team's spreadsheet)
``review_access``   who may save a review: anyone locally, passphrase holders when hosted
``store``           the only module that talks to SQLite / PostgreSQL + PostGIS
``ingest``          files -> extraction -> store, one transaction per article
``filters``         the dashboard's ``Filters`` record and its URL query string
``summary``         what a selection says: counts, overview, conflicting claims
``territory``       reported areas drawn to scale in a local equal-area projection
``outage``          whether the shared store answers, and what pages say when it does not
``limits``          what one request to a hosted page may cost
``escaping``        article text made inert before it reaches HTML, Markdown or a spreadsheet
``highlight``       an article's text with its places and figures marked
``literal_render``  folium's rendered output kept as data, never compiled as a template again
``timeline``        the map as of a day; claims as bars over their periods
``labels``          names written on the offline map: countries, governorates, towns
``choropleth``      reports per governorate / district: counts and printed ranges, no sums
``maps``            records -> folium layers (pure; no Streamlit)
``static_map``      the selection as a PNG for a report (geopandas + matplotlib, Agg)
``cli``             ``python -m geo lookup | extract | ingest | reextract | reviews | stats``
==================  ==========================================================

Modules load lazily (the gazetteer and geopandas are heavy): ``import geo``
imports nothing else and never Streamlit; import the module you need.
"""
