"""Dock screens: the handover to a carrier (packer, supervisor) and the delivery-exception
queue (supervisor)."""
