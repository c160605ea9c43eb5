"""Where the project's files are: ``data/``, ``notebooks/`` and the default article."""
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
DEFAULT_ARTICLE = DATA_DIR / "articles" / "axis-of-resistance.md"
