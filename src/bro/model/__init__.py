"""Bro's model: typed records made once after validation (bro.model.records) and the domain's rules, each written
once (bro.model.rules: eligibility, staleness, archived, key dates, calendars; bro.model.reach: reach and
matching)."""
from bro.model.reach import Reach, match_table
from bro.model.records import Buyer, Case, Event, Organisation, Record, Supplier, TedNotice, TenderEntry, Term, build
from bro.model.rules import Eligibility

__all__ = ["Buyer", "Case", "Eligibility", "Event", "Organisation", "Reach", "Record", "Supplier", "TedNotice",
           "TenderEntry", "Term", "build", "match_table"]
