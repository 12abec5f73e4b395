"""Exchange with the corporation's other systems: VERA WRV JSON export and import, ERP CSV import,
and the import receipts (ImportBatch). Serves homes, households and letting alike."""
