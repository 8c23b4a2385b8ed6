"""Reports and plots: dashboard aggregates, small-cell suppression, SVG charts, HTML/PDF reports."""

from reckon.report.suppression import suppress, suppress_series, suppress_table

__all__ = ["suppress", "suppress_series", "suppress_table"]
