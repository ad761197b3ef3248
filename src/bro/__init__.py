"""Bro: the domain package (loading, validation, models, exports). Never imports MkDocs.

Facts about the two countries and their languages live here, once: which languages, each one's home country (a
page's own country: its addresses need no country name, its buyer's law comes first), the identifier scheme of
each country's organisation numbers and each country's currency. `bro.i18n.other` gives the other language."""

LANGUAGES = ("da", "sv")
HOME_COUNTRY = {"da": "DK", "sv": "SE"}
LANGUAGE_OF_COUNTRY = {country: lang for lang, country in HOME_COUNTRY.items()}
# An organisation number's identifier scheme (org-id.guide), as OCDS and schema.org name it: CVR-nummer in Denmark,
# organisationsnummer in Sweden (both checked by python-stdnum in bro.rules).
ORG_ID_SCHEMES = {"DK": "DK-CVR", "SE": "SE-ON"}
CURRENCY = {"DK": "DKK", "SE": "SEK"}  # each home country's currency (a tender's default, the thresholds' column)
