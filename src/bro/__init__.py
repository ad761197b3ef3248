"""Bro: the domain package (loading, validation, models, exports). Never imports MkDocs.

The facts about Bro's two languages live here, once: which they are and each one's home country (a page's own
country: its addresses need no country name, its buyers' law comes first). `bro.i18n.other` gives the other one."""

LANGUAGES = ("da", "sv")
HOME_COUNTRY = {"da": "DK", "sv": "SE"}
LANGUAGE_OF_COUNTRY = {country: lang for lang, country in HOME_COUNTRY.items()}
CURRENCY = {"DK": "DKK", "SE": "SEK"}  # each home country's currency (a tender's default, the thresholds' column)
