"""dose record: the second clinician's check on a chart entry; sessions imported from paper

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no table rebuild, so a ten-year database migrates in a moment)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE chart_entries ADD COLUMN checked_by_id INTEGER '
                   'REFERENCES users (id)')
    else:
        op.add_column('chart_entries', sa.Column('checked_by_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_chart_entries_checked_by_id_users', 'chart_entries',
                              'users', ['checked_by_id'], ['id'])
    op.add_column('sessions', sa.Column('imported_from_paper', sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('sessions') as batch:
        batch.drop_column('imported_from_paper')
    with op.batch_alter_table('chart_entries') as batch:
        batch.drop_column('checked_by_id')
