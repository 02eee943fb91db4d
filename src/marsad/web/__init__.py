"""The dashboard: static files (HTML, CSS, vanilla JS, country outlines) the API serves at /.

No build step and nothing fetched at run time: every file the browser loads is in static/.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"

__all__ = ["STATIC_DIR"]
