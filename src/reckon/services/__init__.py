"""Service functions shared by the CLI and the web app: they hold the logic the commands only call.

- :mod:`reckon.services.estimate` — multiple-systems estimation on a CSV table or on the linked persons of
  a workspace (per stratum and in total).
"""
