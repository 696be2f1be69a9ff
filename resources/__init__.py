"""Data files shipped with Roundtable, installed as ``roundtable.resources``."""
