"""Who is talked about in a political news article, how often, in what light, who takes which side.

A thin library behind the notebooks in ``notebooks/``: functions take and return plain data
(strings, tidy pandas DataFrames, matplotlib Axes).  Every offset points into ``Article.raw``.

The names below are imported on first use, so ``python -m analysis --help`` starts at once.
"""
import sys
import types
from importlib import import_module

EXPORTS = {
    "Article": "article", "ArticleError": "article", "Block": "article", "blocks_table": "article",
    "load_article": "article", "DATA_DIR": "paths", "DEFAULT_ARTICLE": "paths",
    "article_statistics": "tokens", "collocations": "tokens", "kwic": "tokens", "sentence_lengths": "tokens",
    "sentences": "tokens", "tokens": "tokens", "word_frequencies": "tokens",
}

__all__ = sorted(EXPORTS)


def __getattr__(name):
    if name in EXPORTS:
        value = getattr(import_module(f".{EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Package(types.ModuleType):
    """The package, where ``analysis.tokens`` is the function ``tokens`` even once the
    submodule of the same name is imported (the import system sets the submodule as an
    attribute of its package; the eager ``from .tokens import tokens`` used to rebind it)."""

    def __getattribute__(self, name):
        if name == "tokens":
            return import_module(".tokens", __name__).tokens
        return super().__getattribute__(name)


sys.modules[__name__].__class__ = Package
