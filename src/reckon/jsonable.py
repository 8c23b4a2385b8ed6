"""The one encoder from reckon's objects to plain JSON values, for the API, templates, jobs and storage.

Results arrive as dataclasses, objects with ``to_dict``/``model_dump``/``_asdict``, numpy scalars and
arrays (from the estimators), tuples and sets. :func:`jsonable` turns any of them into dicts, lists,
strings, numbers, booleans and None; a float that is not finite becomes None, since JSON has no NaN.
Anything else becomes its ``str`` (dates as ISO text); a ``str`` with a ``to_dict`` (a warning's
:class:`~reckon.estimate.notes.Note`) becomes its dict. numpy is recognised by its ``dtype``, so this
module does not import it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

__all__ = ["jsonable"]


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (see the module docstring)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):  # a str that knows more of itself (a warning's code and parameters) says it
        to_dict = getattr(value, "to_dict", None)
        return jsonable(to_dict()) if callable(to_dict) else value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "dtype") and hasattr(value, "tolist"):  # a numpy scalar or array
        return jsonable(value.tolist())
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    for attr in ("to_dict", "model_dump", "_asdict"):
        method = getattr(value, attr, None)
        if callable(method):
            try:
                return jsonable(method())
            except TypeError:
                pass
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return str(value)
