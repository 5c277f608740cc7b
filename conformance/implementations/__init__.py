"""Implementations that ship with the suite."""
