"""One router per resource; app.py mounts them under /api.

Cross-source incidents, aggregate series and stance timelines will be routers of their own
(incidents.py, series.py, stances.py) using the same filters, pages and ETags.
"""
