"""Synthetic worlds with a known truth, for the demo, the tests and the benchmarks.

Two levels: :func:`simulate_captures` gives only capture-history tables (for estimator coverage), and
:func:`simulate_world` gives whole lists of named people as documenters would export them, plus which
row is which person and how many people there really were.
"""

from reckon.simulate.captures import CaptureSettings, CaptureWorld, capture_matrix, simulate_captures
from reckon.simulate.world import NOISE_LEVELS, STYLES, ListStyle, World, simulate_two_lists, simulate_world

__all__ = ["NOISE_LEVELS", "STYLES", "CaptureSettings", "CaptureWorld", "ListStyle", "World",
           "capture_matrix", "simulate_captures", "simulate_two_lists", "simulate_world"]
