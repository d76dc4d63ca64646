"""What the tool scripts share: each step prints one JSON line,
  {"step":"connect","ok":true,"value":...} or {"step":"sync","ok":false,"error":"...","sqlstate":"42P01","sql":"..."}
and a failed step stops the script unless the steps are independent.
"""
import datetime
import decimal
import json
import sys
import traceback


def _default(o):
    if isinstance(o, decimal.Decimal):
        return format(o, "f")
    if isinstance(o, (datetime.date, datetime.datetime, datetime.time)):
        return o.isoformat()
    if isinstance(o, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(o).hex()
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return repr(o)


def emit(obj):
    print(json.dumps(obj, default=_default, separators=(",", ":"), ensure_ascii=False), flush=True)


def sqlstate_of(e):
    for candidate in (e, getattr(e, "orig", None), getattr(e, "__cause__", None)):
        if candidate is None:
            continue
        for attr in ("sqlstate", "pgcode"):
            v = getattr(candidate, attr, None)
            if isinstance(v, str) and len(v) == 5:
                return v
    return None


def failure(step, e):
    return {"step": step, "ok": False, "error": ("%s: %s" % (type(e).__name__, e)).strip()[:4000],
            "sqlstate": sqlstate_of(e), "sql": getattr(e, "statement", None),
            "trace": traceback.format_exc()[-3000:]}


def run_steps(steps, independent=False):
    """steps: [(name, fn)]; fn's result is the step's value. Returns True when all passed."""
    all_ok = True
    for name, fn in steps:
        try:
            emit({"step": name, "ok": True, "value": fn()})
        except Exception as e:  # the tool's own error, reported with its SQL where it has one
            emit(failure(name, e))
            all_ok = False
            if not independent:
                return False
    return all_ok


def init():
    sys.stdout.reconfigure(encoding="utf-8")
