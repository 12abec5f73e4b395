"""VERA WRV JSON exchange: the schemas and code lists (``schema``, shipped data beside it), the
shared codes, the export, and the import per kind."""
