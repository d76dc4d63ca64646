"""django_flow.py's schema mode: what Django's migrations do to a table that already holds rows,
through the schema editor, and row locks taken by the ORM from two connections.

add positive field:  add_field of a PositiveIntegerField(default=0): ADD COLUMN … DEFAULT 0 NOT NULL
                     CHECK ("x" >= 0), then DROP DEFAULT; a negative value is refused.
alter field unique:  alter_field to unique=True (ADD CONSTRAINT … UNIQUE and a varchar_pattern_ops
                     index; refused while two rows share a name) and back (the constraint found by
                     introspection, then DROP CONSTRAINT).
check constraint:    add_constraint of a CheckConstraint that rows there break (refused), then that
                     they keep; remove_constraint.
alter field positive: to IntegerField (the column's check, found by introspection, dropped) and
                     back (ADD CONSTRAINT … CHECK, refused while a negative row is there).
table constraints:   the unique key and check of a CREATE TABLE dropped by alter_field and
                     remove_constraint.
one migration:       operations of one schema editor, in one transaction, each later one finding
                     what the earlier ones made: a table created, its field made unique and plain
                     again (the key found by introspection inside the transaction), a field with an
                     index added and its index dropped; then the same after a rollback and a commit.
select_for_update:   one connection holds the first row; the other's SKIP LOCKED gets the next, its
                     NOWAIT on the held row is 55P03.
Every step's value is ids, values, constraint lists or error classes with their SQLSTATEs.
"""
from django.db import IntegrityError, OperationalError, connection, models, transaction
from django.db.models import CheckConstraint, Q

from steps import sqlstate_of

TABLE = "dj_item"


def _model(class_name, table=TABLE, constraints=(), **fields):
    meta = type("Meta", (), {"app_label": "contenttypes", "db_table": table, "constraints": list(constraints)})
    return type(class_name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


# The table as first migrated, and as it is once the column is added: two models of one table.
ItemBefore = _model("DjItemBefore", name=models.CharField(max_length=20))
Item = _model("DjItem", name=models.CharField(max_length=20), x=models.PositiveIntegerField(default=0))
# A table whose unique key and check are declared in its CREATE TABLE.
TAG_NOT_EMPTY = CheckConstraint(condition=~Q(code=""), name="dj_tag_code_not_empty")
Tag = _model("DjTag", table="dj_tag", constraints=[TAG_NOT_EMPTY], code=models.CharField(max_length=10, unique=True))


def _refused(fn, using="default"):
    """fn in its own atomic block: the error class and SQLSTATE it raised, or its value."""
    try:
        with transaction.atomic(using=using):
            return ["ok", fn()]
    except (IntegrityError, OperationalError) as e:
        return [type(e).__name__, sqlstate_of(e)]


def _rows():
    return [list(r) for r in Item.objects.order_by("id").values_list("id", "name", "x")]


def _constraints(table=TABLE):
    """The table's constraints and indexes as Django's introspection reads them (its migrations
    look constraints up this way before dropping them)."""
    with connection.cursor() as c:
        found = connection.introspection.get_constraints(c, table)
    return sorted([name, v["columns"], bool(v["primary_key"]), bool(v["unique"]), bool(v["check"]),
                   bool(v["index"])] for name, v in found.items())


def _ids(qs):
    return list(qs.values_list("id", flat=True))


def add_positive_field():
    with connection.schema_editor() as editor:
        editor.create_model(ItemBefore)
    ItemBefore.objects.bulk_create([ItemBefore(name=n) for n in ("a", "b", "c")])
    with connection.schema_editor() as editor:
        editor.add_field(Item, Item._meta.get_field("x"))
    with connection.cursor() as c:
        column = [[f.name, f.null_ok, f.default] for f in connection.introspection.get_table_description(c, TABLE)
                  if f.name == "x"]
    return {"rows": _rows(), "column": column, "constraints": _constraints(),
            "negative": _refused(lambda: Item.objects.create(name="neg", x=-1).x),
            "positive": _refused(lambda: Item.objects.create(name="pos", x=7).x)}


def alter_field_unique():
    plain = Item._meta.get_field("name")
    unique = models.CharField(max_length=20, unique=True)
    unique.set_attributes_from_name("name")

    def make_unique():
        with connection.schema_editor() as editor:
            editor.alter_field(Item, plain, unique, strict=True)
        return "altered"

    Item.objects.create(name="c")
    rows_repeat = _refused(make_unique)
    Item.objects.filter(name="c").exclude(id=Item.objects.filter(name="c").order_by("id")[0].id).delete()
    altered = _refused(make_unique)
    while_unique = _constraints()
    duplicate = _refused(lambda: Item.objects.create(name="a").name)
    with connection.schema_editor() as editor:
        editor.alter_field(Item, unique, plain, strict=True)
    return {"rows repeat a name": rows_repeat, "rows do not": altered, "constraints while unique": while_unique,
            "duplicate while unique": duplicate, "constraints after": _constraints(),
            "duplicate after": _refused(lambda: Item.objects.create(name="a").name),
            "names": list(Item.objects.order_by("id").values_list("name", flat=True))}


def check_constraint():
    below = CheckConstraint(condition=Q(x__lt=1000), name="dj_item_x_lt_1000")

    def add():
        with connection.schema_editor() as editor:
            editor.add_constraint(Item, below)
        return "added"

    Item.objects.filter(name="b").update(x=1500)
    broken = _refused(add)
    Item.objects.filter(name="b").update(x=999)
    kept = _refused(add)
    while_there = _constraints()
    too_big = _refused(lambda: Item.objects.create(name="big", x=1000).x)
    with connection.schema_editor() as editor:
        editor.remove_constraint(Item, below)
    return {"rows break it": broken, "rows keep it": kept, "constraints": while_there, "1000": too_big,
            "after remove": _refused(lambda: Item.objects.create(name="big", x=1000).x), "rows": _rows()}


def alter_field_positive():
    """PositiveIntegerField to IntegerField drops the column's check (named by PostgreSQL when
    the column was added) and back adds one, which a negative row breaks."""
    integer = models.IntegerField(default=0)
    integer.set_attributes_from_name("x")
    with connection.schema_editor() as editor:
        editor.alter_field(Item, Item._meta.get_field("x"), integer, strict=True)
    without = _constraints()
    negative = _refused(lambda: Item.objects.create(name="minus", x=-5).x)

    def back():
        with connection.schema_editor() as editor:
            editor.alter_field(Item, integer, Item._meta.get_field("x"), strict=True)
        return "altered"

    broken = _refused(back)
    Item.objects.filter(x__lt=0).update(x=5)
    return {"constraints without": without, "negative": negative, "rows break it": broken,
            "rows keep it": _refused(back), "constraints": _constraints(),
            "negative again": _refused(lambda: Item.objects.create(name="minus", x=-5).x)}


def table_constraints():
    """The unique key and the check a CREATE TABLE declared, dropped by alter_field and
    remove_constraint."""
    with connection.schema_editor() as editor:
        editor.create_model(Tag)
    Tag.objects.bulk_create([Tag(code="t1"), Tag(code="t2")])
    declared = _constraints("dj_tag")
    duplicate = _refused(lambda: Tag.objects.create(code="t1").code)
    empty = _refused(lambda: Tag.objects.create(code="").code)
    plain = models.CharField(max_length=10)
    plain.set_attributes_from_name("code")
    with connection.schema_editor() as editor:
        editor.alter_field(Tag, Tag._meta.get_field("code"), plain, strict=True)
        editor.remove_constraint(Tag, TAG_NOT_EMPTY)
    return {"declared": declared, "duplicate": duplicate, "empty": empty, "after": _constraints("dj_tag"),
            "duplicate after": _refused(lambda: Tag.objects.create(code="t1").code),
            "empty after": _refused(lambda: Tag.objects.create(code="").code),
            "codes": list(Tag.objects.order_by("id").values_list("code", flat=True))}


def one_migration():
    Note = _model("DjNote", table="dj_note", title=models.CharField(max_length=20))
    plain = Note._meta.get_field("title")
    unique = models.CharField(max_length=20, unique=True)
    unique.set_attributes_from_name("title")
    indexed = models.IntegerField(default=0, db_index=True)
    indexed.set_attributes_from_name("rank")
    unindexed = models.IntegerField(default=0)
    unindexed.set_attributes_from_name("rank")

    def migrate(fail):
        seen = {}
        with transaction.atomic():
            with connection.schema_editor(atomic=False) as editor:
                editor.create_model(Note)
                editor.alter_field(Note, plain, unique, strict=True)
                seen["unique"] = _constraints("dj_note")
                editor.alter_field(Note, unique, plain, strict=True)
                seen["plain"] = _constraints("dj_note")
                editor.add_field(Note, indexed)
                seen["indexed"] = _constraints("dj_note")
                editor.alter_field(Note, indexed, unindexed, strict=True)
                seen["unindexed"] = _constraints("dj_note")
                with connection.cursor() as c:
                    seen["columns"] = [[f.name, f.type_code, f.null_ok] for f in
                                       connection.introspection.get_table_description(c, "dj_note")]
                    seen["tables"] = sorted(t.name for t in connection.introspection.get_table_list(c)
                                            if t.name.startswith("dj_note"))
            if fail:
                raise IntegrityError("rolled back")
        return seen

    rolled_back = _refused(lambda: migrate(True))
    with connection.cursor() as c:
        after_rollback = sorted(t.name for t in connection.introspection.get_table_list(c) if t.name.startswith("dj_note"))
    committed = migrate(False)
    return {"rolled back": rolled_back, "tables after rollback": after_rollback, "inside": committed,
            "after commit": _constraints("dj_note")}


def select_for_update_skip_locked():
    def first_free(using, n=1):
        return _ids(Item.objects.using(using).select_for_update(skip_locked=True).order_by("id")[:n])

    with transaction.atomic(using="default"):
        held = first_free("default")
        with transaction.atomic(using="other"):
            other = first_free("other")
            other_two = first_free("other", 2)
        nowait = _refused(lambda: _ids(Item.objects.using("other").select_for_update(nowait=True)
                                       .filter(id=held[0])), using="other")
    released = _refused(lambda: _ids(Item.objects.using("other").select_for_update(nowait=True)
                                     .filter(id=held[0])), using="other")
    return {"default holds": held, "other skips to": other, "other, two": other_two,
            "other nowait": nowait, "nowait once committed": released}


STEPS = [("add positive field", add_positive_field), ("alter field unique", alter_field_unique),
         ("check constraint", check_constraint), ("alter field positive", alter_field_positive),
         ("table constraints", table_constraints), ("one migration", one_migration),
         ("select_for_update skip_locked", select_for_update_skip_locked)]
