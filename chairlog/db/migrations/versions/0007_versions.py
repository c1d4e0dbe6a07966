"""a version on chairs: no lost updates on any setting

Revision ID: 0007_versions
Revises: 0005_audit
Create Date: 2026-12-02 06:30:00

Clinic settings, accounts, patients and sessions already carry a ``version`` (optimistic
locking); protocols are versioned by (key, version). Chairs get one here. It is nullable and
left NULL for existing chairs: a row's audit binding hashes its non-NULL columns, so filling
it would make every existing chair look changed outside chairlog. The service reads NULL as
version 1 and writes 2 on the first change (an audited write, which re-binds the row).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_versions'
down_revision = '0005_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('chairs', sa.Column('version', sa.Integer(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite >= 3.35), as 0005 does
    op.drop_column('chairs', 'version')
