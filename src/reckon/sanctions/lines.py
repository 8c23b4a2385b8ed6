"""What a line of a sanctions list is told when it cannot be read as it is (CSV and FollowTheMoney alike).

Why a module of its own: the messages are stored in English in the import's report and its quarantined
rows, and said in the reader's language wherever they are shown (the CLI's import summary, ``reckon
quarantine``, the quarantine page) through :func:`reckon.i18n.said_from` over :data:`LINE_MESSAGES`. The
surfaces that say them must not import the readers (followthemoney, the register's table readers)."""

from __future__ import annotations

from reckon.errors import N_

# a CSV (or spreadsheet) list
NO_NAME_IN = N_("no name in %(columns)s")
BIRTH_UNREADABLE = N_("birth date not readable; stored without it")
JURISDICTION_UNKNOWN = N_("jurisdiction not recognised (use an ISO code or EU)")
BIRTH_ALTERNATIVES = N_("several birth dates given: %(stored)s, the first, is stored for matching; the others stay "
                        "in the raw row")
# a FollowTheMoney file, one entity a line (parameters: the schema's and the property's names, never values)
NOT_JSON = N_("not valid JSON (%(problem)s at column %(column)s)")
NOT_OBJECT = N_("not a JSON object; each line must be one FtM entity")
NO_SCHEMA = N_("entity has no schema")
UNKNOWN_SCHEMA = N_("unknown schema '%(schema)s'; reckon imports %(kept)s")
NO_ID = N_("%(schema)s entity has no id; every FtM entity needs one")
PROPERTIES_NOT_OBJECT = N_("'properties' must be an object")
NOT_KEPT = N_("schema %(schema)s is valid FtM but not kept by reckon (only %(kept)s); line skipped")
NOT_TEXT = N_("%(schema)s property '%(property)s': values that are not text dropped")
VALUE_DROPPED = N_("%(schema)s property '%(property)s': invalid value dropped")
PROPERTY_REFUSED = N_("%(schema)s property '%(property)s': %(problem)s")
NOT_VALIDATED = N_("%(schema)s entity could not be validated (%(kind)s)")
UNKNOWN_PROPERTIES = N_("%(schema)s has no properties %(properties)s; dropped")
NOT_READ = N_("%(schema)s entity could not be read (%(kind)s)")
NO_USABLE_ID = N_("%(schema)s entity has no usable id; every FtM entity needs one")
LACKS_PROPERTY = N_("%(schema)s entity lacks required property '%(property)s'")
PERSON_REPEATS = N_("Person id repeats an earlier line; the later one wins")
NO_HOLDER = N_("Occupancy holder is not a Person in this file; skipped")
NO_POST = N_("Occupancy post is not a Position in this file; skipped")
NO_ENTITY = N_("Sanction entity is not a Person in this file or earlier imports of this source; skipped")

# in the order they are tried: a message that another's pattern would also fit comes first
LINE_MESSAGES = (NO_NAME_IN, BIRTH_UNREADABLE, BIRTH_ALTERNATIVES, JURISDICTION_UNKNOWN, NOT_JSON, NOT_OBJECT,
                 NO_SCHEMA, UNKNOWN_SCHEMA, NO_ID, PROPERTIES_NOT_OBJECT, NOT_KEPT, NOT_TEXT, VALUE_DROPPED,
                 PROPERTY_REFUSED, NOT_VALIDATED, UNKNOWN_PROPERTIES, NOT_READ, NO_USABLE_ID, LACKS_PROPERTY,
                 PERSON_REPEATS, NO_HOLDER, NO_POST, NO_ENTITY)
