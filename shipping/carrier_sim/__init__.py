"""The reference carrier: a tracking API on loopback for the demo and the tests."""
