"""SQLAlchemy (postgresql+psycopg2), Core and ORM, used the way an application uses it, against pgforce.

Run by test/clients/sqlalchemy.test.ts with the Debian interpreter:
    PGFORCE_URL=postgres://... /usr/bin/python3 sqlalchemy_scenarios.py SCENARIO [ARG...]
Each scenario prints one JSON object of what the application saw; the TypeScript test asserts
on it and checks Salesforce itself. Written for SQLAlchemy 1.4 in 2.0 style (future=True), so
it runs unchanged on 2.0.
"""
import json
import os
import sys
import warnings

import sqlalchemy
from sqlalchemy import Column, DateTime, FetchedValue, ForeignKey, MetaData, String, Table, Text, create_engine, delete, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, relationship

# A warning from SQLAlchemy (e.g. a primary key it cannot expect a value for) fails the scenario.
warnings.simplefilter("error", sqlalchemy.exc.SAWarning)

Base = declarative_base()


def server_id():
    """Salesforce assigns the Id: the ORM fetches it with INSERT … RETURNING."""
    return Column("id", String(18), primary_key=True, server_default=FetchedValue())


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = {"schema": "salesforce"}

    id = server_id()
    name = Column(Text, nullable=False)
    industry = Column(Text)
    contacts = relationship("Contact", back_populates="account")


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = {"schema": "salesforce"}
    # Server-set columns come back in the INSERT's and UPDATE's RETURNING.
    __mapper_args__ = {"eager_defaults": True}

    id = server_id()
    account_id = Column(String(18), ForeignKey("salesforce.accounts.id"))
    last_name = Column(Text, nullable=False)
    email = Column(Text)
    note = Column(Text)
    external_id = Column(Text, unique=True)
    system_modstamp = Column(DateTime(timezone=True), server_default=FetchedValue(), server_onupdate=FetchedValue())
    account = relationship(Account, back_populates="contacts")


def diagnostics(e):
    """What an application reads from a DBAPI error wrapped by SQLAlchemy."""
    return {
        "class": type(e).__name__,
        "orig_class": type(e.orig).__name__,
        "pgcode": e.orig.pgcode,
        "constraint": e.orig.diag.constraint_name,
        "column": e.orig.diag.column_name,
        "detail": e.orig.diag.message_detail,
    }


def core(engine):
    """Tables reflected from schema salesforce; insert/select/update/delete with Core."""
    meta = MetaData()
    # Reflected, with the one thing reflection cannot know: Salesforce, not the client, sets the Id.
    contacts = Table("contacts", meta, server_id(), autoload_with=engine, schema="salesforce")
    accounts = Table("accounts", meta, server_id(), autoload_with=engine, schema="salesforce")
    with engine.begin() as conn:
        # The new primary key, fetched by SQLAlchemy with an implicit RETURNING.
        account_id = conn.execute(insert(accounts).values(name="Alchemy Core Ltd")).inserted_primary_key[0]
        contact = conn.execute(
            insert(contacts).values(last_name="Corer", email="core@sqlalchemy.org", account_id=account_id).returning(contacts)
        ).mappings().one()
        joined = conn.execute(
            select(contacts.c.last_name, accounts.c.name)
            .join_from(contacts, accounts, contacts.c.account_id == accounts.c.id)
            .where(contacts.c.id == contact["id"])
        ).one()
        updated = conn.execute(update(contacts).where(contacts.c.id == contact["id"]).values(email="core2@sqlalchemy.org")).rowcount
        # executemany: SQLAlchemy 1.4 hands the rows to psycopg2.extras.execute_values (one INSERT).
        many = conn.execute(insert(contacts), [{"last_name": f"CoreMany{i}", "note": "sqlalchemy-core"} for i in range(3)]).rowcount
        counted = conn.execute(
            text("SELECT count(*) FROM salesforce.contacts WHERE note = :note"), {"note": "sqlalchemy-core"}
        ).scalar_one()
    with engine.begin() as conn:
        deleted = conn.execute(delete(contacts).where(contacts.c.note == "sqlalchemy-core")).rowcount
    return {
        "reflected_primary_key": [c.name for c in contacts.primary_key],
        "reflected_types": {c: type(contacts.c[c].type).__name__ for c in ("email", "birthdate", "has_opted_out_of_email", "system_modstamp")},
        "account_id": account_id,
        "contact": dict(contact),
        "joined": list(joined),
        "updated": updated,
        "many": many,
        "counted": counted,
        "deleted": deleted,
    }


def orm(engine):
    """A new Account and its Contact in one commit (unit of work), read back, then changed."""
    with Session(engine, future=True) as session:
        contact = Contact(last_name="Alchemist", email="a@sqlalchemy.org", account=Account(name="Alchemy Corp"))
        session.add(contact)
        session.commit()
        created = {"id": contact.id, "account_id": contact.account_id, "account": contact.account.id, "modstamp": contact.system_modstamp}
    with Session(engine, future=True) as session:
        found = session.scalars(select(Contact).where(Contact.id == created["id"])).one()
        read = {"last_name": found.last_name, "account_name": found.account.name, "account_contacts": [c.id for c in found.account.contacts]}
        found.email = "alchemist@sqlalchemy.org"
        found.account.industry = "Technology"
        session.commit()
        updated = {"email": found.email, "industry": found.account.industry, "modstamp": found.system_modstamp}
        legacy = session.query(Contact).filter_by(email="alchemist@sqlalchemy.org").count()
    return {"created": created, "read": read, "updated": updated, "legacy_query_count": legacy}


def orm_delete(engine, contact_id, account_id):
    """session.delete of the Contact, then of its Account."""
    with Session(engine, future=True) as session:
        session.delete(session.get(Contact, contact_id))
        session.commit()
        session.delete(session.get(Account, account_id))
        session.commit()
        return {"contact": session.get(Contact, contact_id), "account": session.get(Account, account_id)}


def orm_many(engine):
    """session.add_all: one INSERT … RETURNING per new object, read back before the commit; one deleted."""
    with Session(engine, future=True) as session:
        contacts = [Contact(last_name=f"Alchemany{i}", note="sqlalchemy-many") for i in range(3)]
        session.add_all(contacts)
        session.flush()
        # Own writes, read in the same transaction before the commit.
        ids = [c.id for c in contacts]
        seen = session.scalars(select(Contact.last_name).where(Contact.id.in_(ids)).order_by(Contact.last_name)).all()
        session.commit()
        session.delete(contacts[0])
        session.commit()
        remaining = session.scalars(select(Contact.id).where(Contact.id.in_(ids)).order_by(Contact.last_name)).all()
    return {"ids": ids, "seen": seen, "remaining": remaining}


def upsert(engine):
    """postgresql.insert(...).on_conflict_do_update on the external id, twice with the same key."""
    table = Contact.__table__

    def upsert_contact(session, last_name):
        stmt = pg_insert(table).values(last_name=last_name, external_id="sqlalchemy-1")
        stmt = stmt.on_conflict_do_update(index_elements=["external_id"], set_={"last_name": stmt.excluded.last_name})
        return session.execute(stmt.returning(table.c.id)).scalar_one()

    with Session(engine, future=True) as session:
        first = upsert_contact(session, "AlUp1")
        session.commit()
        second = upsert_contact(session, "AlUp2")
        session.commit()
        rows = [(c.id, c.last_name) for c in session.scalars(select(Contact).where(Contact.external_id == "sqlalchemy-1"))]
        # DO NOTHING on the external id: the row exists, so nothing is inserted.
        nothing = session.execute(
            pg_insert(table).values(last_name="AlUp3", external_id="sqlalchemy-1").on_conflict_do_nothing(index_elements=["external_id"])
        ).rowcount
        session.commit()
    return {"first": first, "second": second, "rows": rows, "do_nothing_rowcount": nothing}


def rejection(engine):
    """Salesforce rejections as sqlalchemy.exc.IntegrityError (ORM flush and Core), session usable afterwards."""
    result = {}
    with Session(engine, future=True) as session:
        session.add(Contact(last_name="AlBad", email="not-an-email"))
        try:
            session.commit()
            result["orm"] = "no error"
        except IntegrityError as e:
            result["orm"] = diagnostics(e)
            session.rollback()
        good = Contact(last_name="AlGood", email="good@sqlalchemy.org")
        session.add(good)
        session.commit()
        result["after_rollback"] = good.id
    try:
        with engine.begin() as conn:
            conn.execute(update(Contact.__table__).where(Contact.id == result["after_rollback"]).values(email="still-not-an-email"))
        result["core"] = "no error"
    except IntegrityError as e:
        result["core"] = diagnostics(e)
    return result


SCENARIOS = {f.__name__: f for f in (core, orm, orm_delete, orm_many, upsert, rejection)}


def main():
    scenario, args = sys.argv[1], sys.argv[2:]
    # pgforce hands out postgres:// URLs; SQLAlchemy names the dialect and driver.
    url = make_url(os.environ["PGFORCE_URL"]).set(drivername="postgresql+psycopg2")
    engine = create_engine(url, future=True)
    try:
        result = SCENARIOS[scenario](engine, *args)
        print(json.dumps({"sqlalchemy": sqlalchemy.__version__, **result}, default=str))
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
