"""Scorers behind `eventwire eval`: seed acceptance, events (CAMEO/PLOVER), geo, event location, stories, digests.

Each reads a gold file from ../shared/data (never shipped with the package) and returns a dict of metrics."""
