"""Import adapters: other malls' order shapes converted to contract snapshots."""
