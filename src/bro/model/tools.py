"""The legal tools of social procurement, as the knowledge bank has a page on each and a case names one (the case
schema's `instrument` codes), and which of them a tender entry uses: the one mapping from what an entry says to the
tools, read by TenderEntry.tools (and through it by "who has done it", bro.peers).

An entry uses
- reserved_contract when its participation is reserved under art. 20 of directive 2014/24/EU (`reserved: art20`:
  udbudsloven § 54, LOU 4 kap. 18 §) or when it is to be performed within sheltered employment programmes
  (`reserved_execution: true`, the same article's second alternative, the same provisions);
- reserved_welfare when it is reserved under art. 77 (`art77`: udbudsloven § 190, LOU 19 kap. 25 §) or for
  idéburna organisations (`se_ideburen`: LOU 19 kap. 25 a §), the two rules of the knowledge bank's page on reserved
  welfare services;
- social_clause when it has one of the contract conditions the knowledge bank's page on social clauses lists
  (employment requirement, apprentices, internships and training, social enterprises as subcontractors). A labour
  clause (`fair_labour_conditions`, LOU 17 kap. 2 §) and accessibility (`accessibility_inclusion`, part of the
  technical specifications) are other rules and make no social clause here;
- social_award_criterion when it has the clause `social_award_criterion`;
- innovation_partnership, partnership (IOP and other partnerships with civil society) and below_threshold when its
  procedure is that one. A direct award (`direct_award`) is not below_threshold: the exceptional negotiated
  procedure without publication is a direct award above the thresholds too, and an entry does not say which.
"""
from __future__ import annotations

TOOLS = ("reserved_contract", "reserved_welfare", "social_clause", "social_award_criterion",
         "innovation_partnership", "partnership", "below_threshold")  # the order pages and open data list them in

BY_RESERVATION = {"art20": "reserved_contract", "art77": "reserved_welfare", "se_ideburen": "reserved_welfare"}
BY_EXECUTION = "reserved_contract"  # reserved_execution: true
BY_CLAUSE = {"employment_requirement": "social_clause", "apprenticeships": "social_clause",
             "internships_training": "social_clause", "subcontracting_social_enterprises": "social_clause",
             "social_award_criterion": "social_award_criterion"}
BY_PROCEDURE = {"innovation_partnership": "innovation_partnership", "partnership": "partnership",
                "below_threshold": "below_threshold"}


def entry_tools(reserved: str, reserved_execution: bool | None, clauses: tuple[str, ...],
                procedure: str) -> tuple[str, ...]:
    """The tools an entry uses (in the order of TOOLS, each once) from its reservation code, its reserved
    execution, its social clauses and its procedure."""
    found = {BY_RESERVATION.get(reserved), BY_EXECUTION if reserved_execution is True else None,
             *(BY_CLAUSE.get(code) for code in clauses), BY_PROCEDURE.get(procedure)}
    return tuple(tool for tool in TOOLS if tool in found)
