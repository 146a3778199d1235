"""The picker's screens: the guided pick, the short-pick dialog and the pick menu."""
