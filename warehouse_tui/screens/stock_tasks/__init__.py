"""The floor's put-back and unpack tasks: the list, then guided scans (``tasks``), calling
the services through ``jobs``."""
