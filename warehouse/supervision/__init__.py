"""What a shift supervisor sees and decides: queues, search, an order's history, held orders
and the end of every shortage case.

Every function takes the caller's session and an actor and starts with
:func:`warehouse.supervision.access.supervisor` (pickers and packers are refused here, not
only by the menu); every decision leaves an audit event and, where the mall must hear, an
outbox message in the same transaction.
"""
