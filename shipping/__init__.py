"""Carriers and their rules: zones, billed weight, rates, cut-offs, COD, insurance and
tracking numbers. No Textual; imports only the core (``warehouse``).

- :func:`shipping.choice.choose_service`: the cheapest service that meets the promise.
- :func:`shipping.insurance.insurance_for`: 保价 and its premium.
- :func:`shipping.tracking.draw_tracking_number` and the :class:`~shipping.tracking.Carrier`
  interface.
- :func:`shipping.rates.quote_for`: a plain freight callable for the box chooser.
"""
