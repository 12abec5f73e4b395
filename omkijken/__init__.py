"""Omkijken: mixed-living letting, allocation and neighbour network for social-housing corporations."""

__version__ = "0.1.0"
