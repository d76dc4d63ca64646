"""SQLAlchemy 2's reflection of a whole schema (MetaData.reflect over psycopg 3), timed on two
servers alternately in one process so both see the same machine noise; one unmeasured reflection
on each first (it also checks that both find the same tables and columns).

    python3 reflect.py OURS_URL REFERENCE_URL ROUNDS

URLs as SQLAlchemy takes them (postgresql+psycopg://user@host:port/db). Prints one line per round
on stderr and `ours_ms=… reference_ms=… tables=… columns=…` with the medians on stdout, or
`ours_error=…` / `reference_error=…` (the first line of the error) when a reflection fails.
"""
import statistics
import sys
import time

from sqlalchemy import MetaData, create_engine


def reflect(engine):
    md = MetaData()
    md.reflect(bind=engine, schema=None)
    return len(md.tables), sum(len(t.columns) for t in md.tables.values())


def main():
    ours = create_engine(sys.argv[1])
    reference = create_engine(sys.argv[2])
    rounds = int(sys.argv[3])
    shapes = []
    for name, engine in (("ours", ours), ("reference", reference)):
        try:
            shapes.append(reflect(engine))
        except Exception as e:  # the benchmark reports the failure instead of a time
            print(f"{name}_error={str(e).splitlines()[0]}")
            return
    a_shape, b_shape = shapes
    if a_shape != b_shape:
        sys.exit(f"reflection differs: ours {a_shape} (tables, columns), reference {b_shape}")
    a, b = [], []
    for r in range(1, rounds + 1):
        t0 = time.perf_counter()
        reflect(ours)
        t1 = time.perf_counter()
        reflect(reference)
        t2 = time.perf_counter()
        a.append((t1 - t0) * 1000)
        b.append((t2 - t1) * 1000)
        print(f"round {r}: reflect ours {a[-1]:.0f} ms, reference {b[-1]:.0f} ms", file=sys.stderr)
    print(f"ours_ms={statistics.median(a):.0f} reference_ms={statistics.median(b):.0f} "
          f"tables={a_shape[0]} columns={a_shape[1]}")


if __name__ == "__main__":
    main()
