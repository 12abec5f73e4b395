"""Project work that needs letting or community data (above both in the import contract): the
per-project calendar with the key handovers of letting's offers."""
