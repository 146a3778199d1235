"""warehouse_tui package."""
