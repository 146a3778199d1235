"""packing package."""
