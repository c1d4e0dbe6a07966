"""words and units: the clinic's language, weight entry unit and temperature display unit

Revision ID: 0010_words_units
Revises: 0009_outbox

Three clinic settings with the defaults every existing clinic had (English, kg, °C). Stored
weights and temperatures stay in kg and °C; only what the window shows and accepts changes.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_words_units'
down_revision = '0009_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clinic') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=False,
                                   server_default='en'))
        batch.add_column(sa.Column('weight_unit', sa.String(length=4), nullable=False,
                                   server_default='kg'))
        batch.add_column(sa.Column('temperature_unit', sa.String(length=4), nullable=False,
                                   server_default='C'))


def downgrade() -> None:
    with op.batch_alter_table('clinic') as batch:
        batch.drop_column('temperature_unit')
        batch.drop_column('weight_unit')
        batch.drop_column('language')
