"""What the silent-value scripts share: reading the cases, writing values in PostgreSQL's text form.

Every script takes CASES_JSON DATABASE CONNECTION and prints one JSON line per step:
  {"case":0,"step":3,"ok":true,"columns":[["n",1700]],"rows":[["12345.6789"]]}
  {"case":0,"step":4,"ok":false,"sqlstate":"22003","message":"..."}
Column types are OIDs (or type names where the driver gives names); values are the driver's decoded
value written back in PostgreSQL's text form, so one expectation holds for every driver.
"""
import json
import re
import sys
from decimal import Decimal


def load_cases(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["cases"]


def emit(obj):
    print(json.dumps(obj, separators=(",", ":"), ensure_ascii=False), flush=True)


def canon(value):
    """A decoded value in PostgreSQL's text form: booleans t/f, numbers plain, bytes as \\x hex."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    return str(value)


def param(p):
    """A case parameter as the Python value a driver sends for that type."""
    t, v = p["type"], p["value"]
    if t == "numeric":
        return Decimal(v)
    if t == "bytea":
        return bytes.fromhex(v)
    if t == "int":
        return int(v)
    if t == "bool":
        return bool(v)
    return v


def placeholders(sql, marker):
    """$1, $2 ... rewritten as the driver's placeholder (psycopg's %s or %b)."""
    return re.sub(r"\$[0-9]+", marker, sql)


def main_args():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: %s CASES_JSON DATABASE CONNECTION\n" % sys.argv[0])
        sys.exit(64)
    sys.stdout.reconfigure(encoding="utf-8")
    return sys.argv[1], sys.argv[2], sys.argv[3]
