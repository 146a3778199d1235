"""Reports for supervisors and billing: shift figures, merchant statements, the live floor.

Read-only services over the recorded facts (audit events, pick tasks, parcels, stock moves);
each checks the caller is a supervisor (``warehouse.users.require_role``). No Textual here.
"""
