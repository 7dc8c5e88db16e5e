"""The learning record store: people, cohorts, and an append-only log of learning statements."""
