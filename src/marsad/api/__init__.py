"""marsad's REST API and dashboard (FastAPI).

from marsad.api import create_app
app = create_app("marsad.db", token=None)   # read-only
# uvicorn.run(app, host="127.0.0.1", port=8000)  -- or: marsad serve
"""

from marsad.api.app import create_app

__all__ = ["create_app"]
