#!/usr/bin/env python3
"""SQLAlchemy 2 against a server: usage sqlalchemy_flow.py psycopg|psycopg2|pg8000 URI connect|full

connect: create_engine, connect (the dialect's first queries), create a table, insert, select.
full:    MetaData.create_all of tables with a serial key, composite key, foreign key, unique
         constraint, index and CHECK; inspect() of tables, columns, primary keys, foreign keys,
         indexes and unique constraints; ORM CRUD in a Session; pandas to_sql and read_sql.
"""
import sys

import sqlalchemy as sa
from sqlalchemy import orm

from steps import emit, init, run_steps


class Base(orm.DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "sa_authors"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False)
    email = sa.Column(sa.String(200), unique=True)
    books = orm.relationship("Book", back_populates="author", cascade="all, delete-orphan")


class Book(Base):
    __tablename__ = "sa_books"
    id = sa.Column(sa.Integer, primary_key=True)
    author_id = sa.Column(sa.Integer, sa.ForeignKey("sa_authors.id", ondelete="CASCADE"), nullable=False, index=True)
    title = sa.Column(sa.Text, nullable=False)
    price = sa.Column(sa.Numeric(8, 2))
    author = orm.relationship("Author", back_populates="books")
    __table_args__ = (sa.CheckConstraint("price >= 0", name="sa_books_price_check"),)


class Edition(Base):
    __tablename__ = "sa_editions"
    book_id = sa.Column(sa.Integer, sa.ForeignKey("sa_books.id"), primary_key=True)
    lang = sa.Column(sa.String(5), primary_key=True)
    year = sa.Column(sa.Integer)


def inspected(engine):
    insp = sa.inspect(engine)
    out = {"tables": sorted(insp.get_table_names())}
    for t in ("sa_authors", "sa_books", "sa_editions"):
        out[t] = {
            "columns": [[c["name"], str(c["type"]), c["nullable"]] for c in insp.get_columns(t)],
            "pk": insp.get_pk_constraint(t)["constrained_columns"],
            "fks": sorted([[fk["constrained_columns"], fk["referred_table"], fk["referred_columns"]] for fk in insp.get_foreign_keys(t)]),
            "indexes": sorted([[i["name"], i["column_names"], bool(i["unique"])] for i in insp.get_indexes(t)]),
            "unique": sorted([[u["name"], u["column_names"]] for u in insp.get_unique_constraints(t)]),
        }
    return out


def crud(engine):
    with orm.Session(engine) as s:
        ann = Author(name="Ann", email="ann@example.com")
        # one price None: the ORM's bulk INSERT … SELECT FROM (VALUES …) then mixes typed and untyped parameters
        ann.books = [Book(title="First", price=12.5), Book(title="Second", price=7.25), Book(title="Draft", price=None)]
        s.add_all([ann, Author(name="Bob", email="bob@example.com")])
        s.commit()
        s.execute(sa.update(Book).where(Book.title == "Second").values(price=8))
        s.execute(sa.delete(Author).where(Author.name == "Bob"))
        s.commit()
        rows = s.execute(sa.select(Author.name, Book.title, Book.price).join(Book.author).order_by(Book.id)).all()
        return [list(r) for r in rows]


def pandas_round_trip(engine):
    import pandas as pd
    df = pd.DataFrame({"id": [1, 2, 3], "name": ["a", "b", None], "score": [1.5, 2.25, 3.0]})
    df.to_sql("sa_frame", engine, index=False, if_exists="replace")
    back = pd.read_sql("SELECT id, name, score FROM sa_frame ORDER BY id", engine)
    back2 = pd.read_sql_table("sa_frame", engine)
    return {"rows": back.astype(object).where(back.notna(), None).values.tolist(),
            "dtypes": [str(t) for t in back.dtypes], "table_rows": len(back2)}


def main():
    init()
    driver, uri, mode = sys.argv[1:4]
    url = sa.engine.make_url(uri.replace("postgresql://", "postgresql+%s://" % driver, 1))
    if driver == "pg8000":
        # pg8000 takes no libpq options (sslmode): it connects without TLS unless given an SSL context
        url = url.difference_update_query(["sslmode"])
    engine = sa.create_engine(url)
    if mode == "connect":
        def first():
            with engine.begin() as c:
                c.execute(sa.text("CREATE TABLE sa_first (id serial PRIMARY KEY, name varchar(50) NOT NULL)"))
                c.execute(sa.text("INSERT INTO sa_first (name) VALUES (:a), (:b)"), {"a": "a", "b": "b"})
            with engine.connect() as c:
                return [list(r) for r in c.execute(sa.text("SELECT id, name FROM sa_first ORDER BY id"))]

        def connect():
            with engine.connect() as c:
                return [engine.dialect.server_version_info[0], c.execute(sa.text("select 1")).scalar()]

        run_steps([("connect", connect), ("create, insert, select", first)])
        return 0
    ok = run_steps([("create_all", lambda: Base.metadata.create_all(engine))])
    if ok:
        run_steps([("inspect", lambda: inspected(engine)), ("orm crud", lambda: crud(engine)),
                   ("pandas", lambda: pandas_round_trip(engine))], independent=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
