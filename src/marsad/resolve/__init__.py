"""Resolve mentions to canonical values: dates (when.py), actors, places."""
