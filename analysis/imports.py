"""Import one module of a large package without the imports of the package's ``__init__``."""
from __future__ import annotations

import importlib
import importlib.util
import sys


def import_submodule(name: str):
    """Return the module ``name`` (such as ``"nltk.tokenize.punkt"``), loaded without running
    the ``__init__`` of the packages above it.

    ``import nltk`` imports nearly all of NLTK and SciPy's statistics with it, about a second,
    and ``import textblob`` imports NLTK: more than half the start-up of a one-line article, for
    two tokenizers and a lexicon.  When the top package is not imported yet, its packages are
    registered without running their ``__init__`` while ``name`` and what it needs load, and every
    module of the package loaded that way is taken out of ``sys.modules`` again, so a later
    ``import nltk`` (by the user, say) loads the whole package as usual.
    """
    top = name.partition(".")[0]
    if top in sys.modules:
        return importlib.import_module(name)
    before = set(sys.modules)
    try:
        parts = name.split(".")
        for depth in range(1, len(parts)):
            package = ".".join(parts[:depth])
            if package not in sys.modules:
                sys.modules[package] = importlib.util.module_from_spec(importlib.util.find_spec(package))
        return importlib.import_module(name)
    finally:
        for added in set(sys.modules) - before:
            if added == top or added.startswith(top + "."):
                del sys.modules[added]
