"""Sample ASCC data and reference tables, with typed loaders."""
