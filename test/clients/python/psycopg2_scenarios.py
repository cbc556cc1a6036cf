"""psycopg2, used the way an application uses it, against a pgforce proxy.

Run by test/clients/psycopg2.test.ts with the Debian interpreter:
    PGFORCE_URL=postgres://... /usr/bin/python3 psycopg2_scenarios.py SCENARIO [ARG...]
Each scenario prints one JSON object of what the application saw; the TypeScript test asserts
on it and checks Salesforce itself. (Not named psycopg2.py: that would shadow the library.)
"""
import json
import os
import sys

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.extras

CONTACT_INSERT = "INSERT INTO salesforce.contacts (last_name, email, account_id) VALUES (%s, %s, %s) RETURNING *"
CONTACT_UPSERT = (
    "INSERT INTO salesforce.contacts (last_name, external_id) VALUES (%s, %s) "
    "ON CONFLICT (external_id) DO UPDATE SET last_name = EXCLUDED.last_name RETURNING id"
)


def columns(cur, row):
    return {d.name: value for d, value in zip(cur.description, row)}


def diagnostics(e):
    """What an application reads from a psycopg2 error."""
    return {
        "class": type(e).__name__,
        "integrity_error": isinstance(e, psycopg2.IntegrityError),
        "pgcode": e.pgcode,
        "constraint": e.diag.constraint_name,
        "column": e.diag.column_name,
        "table": e.diag.table_name,
        "schema": e.diag.schema_name,
        "detail": e.diag.message_detail,
    }


def crud(conn):
    """An Account and its Contact, created, read and updated in psycopg2's implicit transaction."""
    cur = conn.cursor()
    cur.execute("INSERT INTO salesforce.accounts (name) VALUES (%s) RETURNING id, name", ("Psycopg Industries",))
    account_id, account_name = cur.fetchone()
    cur.execute(CONTACT_INSERT, ("Psycopger", "p@psycopg.org", account_id))
    contact = columns(cur, cur.fetchone())
    in_transaction = conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INTRANS
    conn.commit()
    cur.execute(
        "SELECT c.last_name, a.name FROM salesforce.contacts c JOIN salesforce.accounts a ON a.id = c.account_id WHERE c.id = %s",
        (contact["id"],),
    )
    joined = cur.fetchone()
    cur.execute("UPDATE salesforce.contacts SET email = %s WHERE id = %s RETURNING id, email", ("new@psycopg.org", contact["id"]))
    updated = {"rowcount": cur.rowcount, "rows": cur.fetchall()}
    cur.execute("UPDATE salesforce.accounts SET name = %s, industry = %s WHERE id = %s", ("Psycopg Holdings", "Technology", account_id))
    account_updated = cur.rowcount
    conn.commit()
    return {
        "account": {"id": account_id, "name": account_name},
        "contact": contact,
        "system_modstamp_type": type(contact["system_modstamp"]).__name__,
        "in_transaction": in_transaction,
        "joined": joined,
        "updated": updated,
        "account_updated": account_updated,
    }


def delete(conn, contact_id, account_id):
    """The Contact, then its Account, deleted in one transaction (`with conn` commits)."""
    with conn, conn.cursor() as cur:
        cur.execute("DELETE FROM salesforce.contacts WHERE id = %s", (contact_id,))
        contacts_deleted = cur.rowcount
        cur.execute("DELETE FROM salesforce.accounts WHERE id = %s", (account_id,))
        accounts_deleted = cur.rowcount
        cur.execute("SELECT count(*) FROM salesforce.contacts WHERE id = %s", (contact_id,))
        remaining = cur.fetchone()[0]
    return {"contacts_deleted": contacts_deleted, "accounts_deleted": accounts_deleted, "remaining": remaining}


def upsert(conn):
    """ON CONFLICT (external_id) DO UPDATE twice with the same key: one record, updated."""
    with conn, conn.cursor() as cur:
        cur.execute(CONTACT_UPSERT, ("PsyUp1", "psycopg2-1"))
        first = cur.fetchone()[0]
        cur.execute(CONTACT_UPSERT, ("PsyUp2", "psycopg2-1"))
        second = cur.fetchone()[0]
        cur.execute("SELECT id, last_name FROM salesforce.contacts WHERE external_id = %s", ("psycopg2-1",))
        rows = cur.fetchall()
    return {"first": first, "second": second, "rows": rows}


def account_do_nothing(conn):
    """An Account inserted again by its id with ON CONFLICT (id) DO NOTHING: nothing to do."""
    with conn, conn.cursor() as cur:
        cur.execute("INSERT INTO salesforce.accounts (name) VALUES (%s) RETURNING id", ("Psycopg Once",))
        account_id = cur.fetchone()[0]
    result = {"account_id": account_id}
    try:
        with conn, conn.cursor() as cur:
            cur.execute(
                "INSERT INTO salesforce.accounts (id, name) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING RETURNING id",
                (account_id, "Psycopg Twice"),
            )
            result["again"] = {"rowcount": cur.rowcount, "rows": cur.fetchall()}
    except psycopg2.Error as e:
        result["again"] = {"error": diagnostics(e), "message": e.diag.message_primary}
    return result


def transaction(conn):
    """Writes in one transaction block: own writes read back, executemany, execute_values, a named cursor."""
    with conn, conn.cursor() as cur:
        cur.execute("INSERT INTO salesforce.contacts (last_name, note) VALUES (%s, %s) RETURNING id", ("PsyTrx", "psycopg2-trx"))
        own_id = cur.fetchone()[0]
        cur.execute("SELECT last_name FROM salesforce.contacts WHERE id = %s", (own_id,))
        own_read = cur.fetchone()[0]
        cur.executemany(
            "INSERT INTO salesforce.contacts (last_name, note) VALUES (%s, %s)",
            [("PsyMany1", "psycopg2-trx"), ("PsyMany2", "psycopg2-trx"), ("PsyMany3", "psycopg2-trx")],
        )
        executemany_rowcount = cur.rowcount
        values_ids = psycopg2.extras.execute_values(
            cur,
            "INSERT INTO salesforce.contacts (last_name, note) VALUES %s RETURNING id",
            [("PsyValues1", "psycopg2-trx"), ("PsyValues2", "psycopg2-trx")],
            fetch=True,
        )
        status_inside = conn.get_transaction_status()
        # A server-side cursor (DECLARE … FETCH), as applications use for large reads.
        with conn.cursor(name="psycopg2_trx_contacts") as named:
            named.itersize = 2
            named.execute("SELECT last_name FROM salesforce.contacts WHERE note = %s ORDER BY last_name", ("psycopg2-trx",))
            names = [row[0] for row in named]
        cur.execute("DELETE FROM salesforce.contacts WHERE last_name = ANY(%s)", (["PsyMany3", "PsyValues2"],))
        deleted = cur.rowcount
    status_after = conn.get_transaction_status()
    return {
        "own_id": own_id,
        "own_read": own_read,
        "executemany_rowcount": executemany_rowcount,
        "values_ids": [row[0] for row in values_ids],
        "in_transaction": status_inside == psycopg2.extensions.TRANSACTION_STATUS_INTRANS,
        "idle_after_commit": status_after == psycopg2.extensions.TRANSACTION_STATUS_IDLE,
        "names": names,
        "deleted": deleted,
    }


def rollback(conn):
    """conn.rollback() after a write: Salesforce keeps it, and psycopg2 collects pgforce's WARNING."""
    cur = conn.cursor()
    cur.execute("INSERT INTO salesforce.contacts (last_name) VALUES (%s) RETURNING id", ("PsyRolledBack",))
    contact_id = cur.fetchone()[0]
    conn.rollback()
    cur.execute("SELECT last_name FROM salesforce.contacts WHERE id = %s", (contact_id,))
    after = cur.fetchall()
    conn.commit()
    return {"id": contact_id, "notices": list(conn.notices), "after": after}


def rejection(conn):
    """Salesforce rejections as psycopg2's own exceptions, and the connection usable afterwards."""
    cur = conn.cursor()
    result = {}
    try:
        cur.execute(CONTACT_INSERT, ("PsyBad", "not-an-email", None))
        result["invalid_email"] = "no error"
    except psycopg2.errors.CheckViolation as e:
        result["invalid_email"] = diagnostics(e)
    result["failed_transaction"] = conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INERROR
    conn.rollback()
    cur.execute("INSERT INTO salesforce.contacts (last_name, external_id) VALUES (%s, %s) RETURNING id", ("PsyFirst", "psycopg2-dup"))
    result["after_rollback"] = cur.fetchone()[0]
    conn.commit()

    conn.autocommit = True
    try:
        cur.execute("INSERT INTO salesforce.contacts (last_name, external_id) VALUES (%s, %s)", ("PsyDup", "psycopg2-dup"))
        result["duplicate"] = "no error"
    except psycopg2.errors.UniqueViolation as e:
        result["duplicate"] = diagnostics(e)
    cur.execute("UPDATE salesforce.contacts SET last_name = %s WHERE id = %s", ("PsyStillFirst", result["after_rollback"]))
    result["autocommit_update"] = cur.rowcount
    return result


SCENARIOS = {f.__name__: f for f in (crud, delete, upsert, account_do_nothing, transaction, rollback, rejection)}


def main():
    scenario, args = sys.argv[1], sys.argv[2:]
    conn = psycopg2.connect(os.environ["PGFORCE_URL"])
    try:
        print(json.dumps(SCENARIOS[scenario](conn, *args), default=str))
    finally:
        conn.close()


if __name__ == "__main__":
    main()
