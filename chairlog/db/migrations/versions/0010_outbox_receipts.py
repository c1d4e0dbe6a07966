"""outbox receipts: a workstation's queued entry is charted once, however often it is replayed

Revision ID: 0009_outbox
Revises: 0008_return

One table, ``outbox_receipts``, keyed by the id a workstation gave an entry before its first
attempt; the receipt is written in the same transaction as the chart entry, so finding it
proves the entry is on the server.
"""
from alembic import op
import sqlalchemy as sa
import chairlog.db.types


revision = '0009_outbox'
down_revision = '0008_return'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_receipts',
    sa.Column('entry_key', sa.String(length=32), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('use_case', sa.String(length=40), nullable=False),
    sa.Column('recorded_at', chairlog.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version_before', sa.Integer(), nullable=True),
    sa.Column('version_after', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('entry_key')
    )


def downgrade() -> None:
    op.drop_table('outbox_receipts')
