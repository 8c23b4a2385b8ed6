"""Import every stage's table module so ``metadata`` is the whole schema (Alembic and tests use it)."""

from reckon.store import estimates, histories, link, models, news, sanctions, web  # noqa: F401  (registers tables)
from reckon.store.base import Base

metadata = Base.metadata
