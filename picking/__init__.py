"""picking package."""
