"""Importing reserved and social notices from TED (eForms) into Bro's tender plan; no MkDocs."""
