"""record returns: a physician sends a record back to the nurse with a reason (issue 13)

Revision ID: 0008_return
Revises: 0008_monitor2
"""
from alembic import op
import sqlalchemy as sa
import chairlog.db.types


revision = '0008_return'
down_revision = '0008_monitor2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('record_version', sa.Integer(), nullable=False),
    sa.Column('returned_by_id', sa.Integer(), nullable=False),
    sa.Column('returned_at', chairlog.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('resolved_at', chairlog.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ),
    sa.ForeignKeyConstraint(['returned_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_record_returns_session_open', 'record_returns',
                    ['session_id', 'resolved_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_record_returns_session_open', table_name='record_returns')
    op.drop_table('record_returns')
