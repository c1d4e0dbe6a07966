"""monitor devices: when each was bound to its chair

Revision ID: 0008_monitor2
Revises: 0007_versions

``monitor_devices.bound_at`` (nullable): set by ``monitor bind``, cleared by ``unbind``. A
message observed before it is refused (AE): a monitor that resends or queues what it measured
before it was bound (on another chair, maybe another patient) charts nothing on the new one.
Devices bound before this revision keep NULL (no such check, as before).
"""
from alembic import op
import sqlalchemy as sa
import chairlog.db.types


revision = '0008_monitor2'
down_revision = '0007_versions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('monitor_devices',
                  sa.Column('bound_at', chairlog.db.types.UTCDateTime(timezone=True),
                            nullable=True))


def downgrade() -> None:
    op.drop_column('monitor_devices', 'bound_at')
