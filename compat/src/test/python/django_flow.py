#!/usr/bin/env python3
"""Django 5.2 against a server: usage django_flow.py HOST PORT DBNAME USER PASSWORD connect|full|schema

connect: open a connection, create a table, insert, select through connection.cursor().
full:    migrate with django.contrib.auth and contenttypes; CRUD with the ORM (User, Group,
         many-to-many, aggregate); transaction.atomic() rolled back by an exception and a nested
         atomic (savepoint); bulk_create with update_conflicts (an upsert whose RETURNING rows Django
         assigns to its objects by position); introspection of the migrated tables.
schema:  what migrations do to a table that holds rows, through the schema editor, and row locks
         between two connections (django_schema.py).
Django uses psycopg 3 when it is installed.
"""
import sys

import django
from django.conf import settings

from steps import init, run_steps


def configure(host, port, name, user, password):
    database = {"ENGINE": "django.db.backends.postgresql", "HOST": host, "PORT": port,
                "NAME": name, "USER": user, "PASSWORD": password, "OPTIONS": {"sslmode": "disable"}}
    settings.configure(
        # "other" is a second connection to the same database, for the row-lock step
        DATABASES={"default": database, "other": dict(database)},
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
        USE_TZ=True, TIME_ZONE="UTC", DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    django.setup()


def first():
    from django.db import connection
    with connection.cursor() as c:
        c.execute("CREATE TABLE dj_first (id serial PRIMARY KEY, name varchar(50) NOT NULL)")
        c.execute("INSERT INTO dj_first (name) VALUES (%s), (%s)", ["a", "b"])
        c.execute("SELECT id, name FROM dj_first ORDER BY id")
        return [list(r) for r in c.fetchall()]


def connect():
    from django.db import connection
    connection.ensure_connection()
    return connection.pg_version // 10000


def migrate():
    from io import StringIO
    from django.core.management import call_command
    out = StringIO()
    call_command("migrate", interactive=False, verbosity=1, stdout=out)
    return [line.strip() for line in out.getvalue().splitlines() if line.strip().startswith("Applying")]


def crud():
    from django.contrib.auth.models import Group, Permission, User
    from django.db.models import Count
    ann = User.objects.create_user("ann", "ann@example.com", "pw")
    User.objects.create_user("bob", "bob@example.com", "pw")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(*Permission.objects.filter(codename__startswith="add_")[:3])
    ann.groups.add(editors)
    User.objects.filter(username="bob").update(first_name="Robert")
    User.objects.filter(username="bob").delete()
    counted = list(Group.objects.annotate(n=Count("user")).values_list("name", "n"))
    return {"users": list(User.objects.order_by("id").values_list("username", "email", "is_active")),
            "groups": counted, "perms": editors.permissions.count(),
            "ann in editors": User.objects.filter(groups__name="editors").exists()}


def atomic():
    from django.contrib.auth.models import User
    from django.db import IntegrityError, transaction

    class Boom(Exception):
        pass

    try:
        with transaction.atomic():
            User.objects.create_user("tmp", "tmp@example.com", "pw")
            raise Boom()
    except Boom:
        pass
    with transaction.atomic():
        User.objects.create_user("carl", "carl@example.com", "pw")
        try:
            with transaction.atomic():  # a savepoint
                User.objects.create_user("carl", "dup@example.com", "pw")
        except IntegrityError:
            pass
    return list(User.objects.order_by("id").values_list("username", flat=True))


def bulk_upsert():
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    ct = ContentType.objects.get(app_label="auth", model="group")
    existing = list(Permission.objects.filter(content_type=ct).order_by("codename").values_list("codename", flat=True))
    codenames = ["zz_new_b", existing[0], "zz_new_a", existing[-1], "aa_new_c"]
    objs = [Permission(content_type=ct, codename=c, name="renamed " + c) for c in codenames]
    Permission.objects.bulk_create(objs, update_conflicts=True, unique_fields=["content_type", "codename"],
                                   update_fields=["name"])
    # each object got the id of its own row: a wrong order would give one object another's id
    return [[o.codename, Permission.objects.get(pk=o.pk).codename == o.codename,
             Permission.objects.get(pk=o.pk).name] for o in objs]


def introspect():
    from django.db import connection
    with connection.cursor() as c:
        tables = sorted(t.name for t in connection.introspection.get_table_list(c))
        cons = connection.introspection.get_constraints(c, "auth_user_groups")
        desc = [[f.name, f.type_code, f.null_ok] for f in connection.introspection.get_table_description(c, "auth_user")]
        seqs = connection.introspection.get_sequences(c, "auth_user")
    return {"tables": tables, "auth_user_groups constraints": sorted(
        [[bool(v["primary_key"]), bool(v["unique"]), v["columns"], v["foreign_key"], bool(v["index"])] for v in cons.values()],
        key=repr), "auth_user": desc, "sequences": [[s["table"], s["column"]] for s in seqs]}


def iterate():
    """QuerySet.iterator(): Django reads it through a server-side cursor (psycopg's DECLARE, a
    Describe of the cursor's portal, FETCH), with the query's parameters, inside and outside
    atomic() (WITH HOLD then)."""
    from django.contrib.auth.models import Permission
    from django.db import transaction
    outside = [p.codename for p in Permission.objects.filter(codename__startswith="add_").order_by("codename").iterator(chunk_size=2)]
    with transaction.atomic():
        inside = [p.id for p in Permission.objects.filter(id__gt=3).order_by("id").iterator(chunk_size=5)]
    return [outside, len(inside), inside[:3]]


def main():
    init()
    host, port, name, user, password, mode = sys.argv[1:7]
    configure(host, port, name, user, password)
    if mode == "connect":
        run_steps([("connect", connect), ("create, insert, select", first)])
        return 0
    if mode == "schema":
        from django_schema import STEPS
        run_steps(STEPS)
        return 0
    if run_steps([("migrate", migrate)]):
        later = [("crud", crud), ("atomic", atomic), ("bulk upsert", bulk_upsert), ("introspection", introspect),
                 ("iterator", iterate)]
        if mode == "migrate":  # everything but the nested savepoint
            later = [step for step in later if step[0] != "atomic"]
        run_steps(later, independent=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
