"""an attempt number is taken once per learner and object: the database keeps the attempt limit

Two tabs of one learner answering the same check at the same moment both read "one attempt so far"
and both recorded attempt 2, passing a limit of two. A unique index on (actor, object, attempt) makes
the second writer's insert a no-op (progress.statements.AttemptTaken). Rows that such a race wrote
before this migration are numbered again in the order they were recorded ([1, 2, 2] becomes
[1, 2, 3], which is what happened), only for the learner and object concerned, so the index can hold.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_WHERE = sa.text("attempt IS NOT NULL")


def upgrade() -> None:
    conn = op.get_bind()
    raced = conn.execute(
        sa.text(
            "SELECT DISTINCT actor_id, object_id FROM statement WHERE attempt IS NOT NULL"
            " GROUP BY actor_id, object_id, attempt HAVING COUNT(*) > 1"
        )
    ).all()
    for actor_id, object_id in raced:
        ids = conn.scalars(
            sa.text(
                "SELECT id FROM statement WHERE actor_id = :actor AND object_id = :object"
                " AND attempt IS NOT NULL ORDER BY id"
            ),
            {"actor": actor_id, "object": object_id},
        ).all()
        for number, statement_id in enumerate(ids, 1):
            conn.execute(
                sa.text("UPDATE statement SET attempt = :n WHERE id = :id"), {"n": number, "id": statement_id}
            )
    op.create_index(
        "uq_statement_attempt",
        "statement",
        ["actor_id", "object_id", "attempt"],
        unique=True,
        sqlite_where=_WHERE,
        postgresql_where=_WHERE,
    )


def downgrade() -> None:
    op.drop_index("uq_statement_attempt", table_name="statement")
