"""monitor: devices heard by the listener, key-rule overrides, pending vitals sets, settings

Revision ID: 0006_monitor
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
import chairlog.db.types


revision = '0006_monitor'
down_revision = '0004_signatures'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('monitor_key_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_key', sa.String(length=200), nullable=False),
    sa.Column('rule', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_key')
    )
    op.create_table('monitor_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listen_in_window', sa.Boolean(), nullable=False),
    sa.Column('port', sa.Integer(), nullable=False),
    sa.Column('bind', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('monitor_devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_key', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sending_application', sa.String(length=200), nullable=False),
    sa.Column('first_seen', chairlog.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen', chairlog.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_control_id', sa.String(length=200), nullable=True),
    sa.Column('messages', sa.Integer(), nullable=False),
    sa.Column('refused', sa.Integer(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['chairs.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_key')
    )
    op.create_index(op.f('ix_monitor_devices_chair_id'), 'monitor_devices', ['chair_id'], unique=False)
    op.create_table('monitor_pending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('control_id', sa.String(length=200), nullable=False),
    sa.Column('raw_sha256', sa.String(length=64), nullable=False),
    sa.Column('observed_at', chairlog.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('received_at', chairlog.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('values_json', sa.JSON(), nullable=False),
    sa.Column('sources_json', sa.JSON(), nullable=False),
    sa.Column('refused_json', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('decided_at', chairlog.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('edited_json', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['chairs.id'], ),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['device_id'], ['monitor_devices.id'], ),
    sa.ForeignKeyConstraint(['entry_id'], ['chart_entries.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('device_id', 'raw_sha256', name='uq_monitor_pending_resend')
    )
    op.create_index('ix_monitor_pending_chair_state', 'monitor_pending', ['chair_id', 'state'], unique=False)
    op.create_index('ix_monitor_pending_session_state', 'monitor_pending', ['session_id', 'state'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_monitor_pending_session_state', table_name='monitor_pending')
    op.drop_index('ix_monitor_pending_chair_state', table_name='monitor_pending')
    op.drop_table('monitor_pending')
    op.drop_index(op.f('ix_monitor_devices_chair_id'), table_name='monitor_devices')
    op.drop_table('monitor_devices')
    op.drop_table('monitor_settings')
    op.drop_table('monitor_key_rules')
