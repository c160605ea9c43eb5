"""Who is talked about in a political news article, how often, in what light, who takes which side.

A thin library behind the notebooks in ``notebooks/``: functions take and return plain data
(strings, tidy pandas DataFrames, matplotlib Axes).  Every offset points into ``Article.raw``.
"""
from .article import Article, ArticleError, Block, blocks_table, load_article
from .paths import DATA_DIR, DEFAULT_ARTICLE
from .tokens import (
    article_statistics,
    collocations,
    kwic,
    sentence_lengths,
    sentences,
    tokens,
    word_frequencies,
)

__all__ = [
    "Article", "ArticleError", "Block", "DATA_DIR", "DEFAULT_ARTICLE", "article_statistics",
    "blocks_table", "collocations", "kwic", "load_article", "sentence_lengths", "sentences",
    "tokens", "word_frequencies",
]
