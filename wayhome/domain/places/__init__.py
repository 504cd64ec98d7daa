"""Places: the registry of scam compounds and trafficking hotspots named in public
sources, the country outlines for an offline map, and the map itself as SVG.

Pure Python (no Django): the web app stores and edits the registry; this package holds
the starting data with its sources and draws the map.
"""
