"""statements by cohort and time: one index serves the cohort's reads and the live room's windows

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 13:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_statement_cohort_time", "statement", ["cohort_id", "timestamp"], unique=False)
    op.drop_index("ix_statement_cohort_id", table_name="statement")


def downgrade() -> None:
    op.create_index("ix_statement_cohort_id", "statement", ["cohort_id"], unique=False)
    op.drop_index("ix_statement_cohort_time", table_name="statement")
