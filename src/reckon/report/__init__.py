"""``reckon report``: the dashboard's content as one self-contained HTML or PDF file (:mod:`reckon.report.build`).

An entry point, beside the CLI and the web app: what it shows comes from the services
(:mod:`reckon.services.report`, :mod:`reckon.services.dashboard`), the small-cell suppression from the pure
library :mod:`reckon.suppression` and the charts from :mod:`reckon.charts`.
"""
