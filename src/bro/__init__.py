"""Bro: the domain package (loading, validation, models, exports). Never imports MkDocs."""

LANGUAGES = ("da", "sv")
