"""After-sales returns: receiving a return parcel, grading each unit, where it goes, and the
outcome the mall hears (no Textual; the screens are in ``warehouse_tui.screens.returns``)."""
