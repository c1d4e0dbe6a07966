"""alert recheck: an acknowledgement can ask for the next vitals set sooner

Revision ID: 0011_alert_recheck
Revises: 0010_words_units

One nullable column, ``alerts.recheck_at``: when the nurse acknowledging an alert asked to
repeat the vitals ("Rechecked — repeat in 5 min"), the time the next set is then due. Old
alerts keep NULL (no recheck asked), so their audit bindings stay valid (a row's content hash
leaves NULL columns out: chairlog.db.binding).
"""
from alembic import op
import sqlalchemy as sa
import chairlog.db.types


revision = '0011_alert_recheck'
down_revision = '0010_words_units'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alerts') as batch:
        batch.add_column(sa.Column('recheck_at', chairlog.db.types.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('alerts') as batch:
        batch.drop_column('recheck_at')
