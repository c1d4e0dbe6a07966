"""audit rows bound to content, signed by a workstation key

Revision ID: 0005_audit
Revises: 0002
Create Date: 2026-12-02 01:50:00

Three nullable columns on ``audit_log`` (adding a column fires no UPDATE trigger, so the
append-only guards stay as they are): ``rows_json`` (the content hash of every clinical row
the record created, changed or deleted), ``key_id`` (which workstation key signed it) and
``signature`` (Ed25519 over the record's hash). Rows written before this revision keep NULLs:
the verifier counts them as unsigned legacy records, accepted only before the first signed one.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_audit'
down_revision = '0006_monitor'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('audit_log', sa.Column('rows_json', sa.Text(), nullable=True))
    op.add_column('audit_log', sa.Column('key_id', sa.String(length=16), nullable=True))
    op.add_column('audit_log', sa.Column('signature', sa.String(length=100), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite >= 3.35): a batch copy would drop the guard triggers
    for column in ('signature', 'key_id', 'rows_json'):
        op.drop_column('audit_log', column)
