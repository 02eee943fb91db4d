"""Models learned from open data, shipped with their weights (marsad/data/models/)."""
