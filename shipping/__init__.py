"""Carriers and their rules: zones, billed weight, rates, cut-offs, COD, insurance and
tracking numbers. No Textual; imports only the core (``warehouse``)."""
