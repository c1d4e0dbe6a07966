"""signatures: authority holder, lockout, timestamp service, CRL, certificate lifecycle

Revision ID: 0004_signatures
Revises: 0002
Create Date: 2026-12-02 01:40:00
"""
import sqlalchemy as sa
from alembic import op

import chairlog.db.types

revision = "0004_signatures"
down_revision = "0003"
branch_labels = None
depends_on = None

_DT = chairlog.db.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("clinic") as b:
        b.add_column(sa.Column("ca_holder", sa.String(120), nullable=False, server_default=""))
        b.add_column(sa.Column("lockout_attempts", sa.Integer(), nullable=False,
                               server_default="5"))
        b.add_column(sa.Column("tsa_url", sa.String(500), nullable=False, server_default=""))
        b.add_column(sa.Column("tsa_cert_pem", sa.LargeBinary(), nullable=True))
        b.add_column(sa.Column("crl_der", sa.LargeBinary(), nullable=True))
        b.add_column(sa.Column("crl_number", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("users") as b:
        b.add_column(sa.Column("locked_until", _DT, nullable=True))
        b.add_column(sa.Column("name_qualifier", sa.String(60), nullable=False,
                               server_default=""))
    with op.batch_alter_table("signing_keys") as b:
        b.add_column(sa.Column("issued_by", sa.String(120), nullable=False, server_default=""))
        b.add_column(sa.Column("revoked_at", _DT, nullable=True))
        b.add_column(sa.Column("revocation_reason", sa.String(40), nullable=True))
        b.add_column(sa.Column("seen_at", _DT, nullable=True))
        b.add_column(sa.Column("flagged_at", _DT, nullable=True))
        b.add_column(sa.Column("token_ref", sa.String(500), nullable=True))
    # certificates issued before this revision were made without the holder's presence:
    # the physician has seen them already (they signed with them)
    op.execute("UPDATE signing_keys SET seen_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table("signing_keys") as b:
        for c in ("token_ref", "flagged_at", "seen_at", "revocation_reason", "revoked_at", "issued_by"):
            b.drop_column(c)
    with op.batch_alter_table("users") as b:
        b.drop_column("name_qualifier")
        b.drop_column("locked_until")
    with op.batch_alter_table("clinic") as b:
        for c in ("crl_number", "crl_der", "tsa_cert_pem", "tsa_url", "lockout_attempts",
                  "ca_holder"):
            b.drop_column(c)
