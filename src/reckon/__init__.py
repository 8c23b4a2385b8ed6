"""reckon: count the persecuted, estimate the undocumented, hold the responsible to account."""

__version__ = "0.1.0"
