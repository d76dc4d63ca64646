"""Output shared by the extended_* scenario scripts: one compact JSON line per step, with Python
values made JSON-friendly but their types kept visible, so runs against different servers can be
compared line by line."""
import datetime
import decimal
import json
import uuid


def emit(obj):
    print(json.dumps(obj, separators=(",", ":"), ensure_ascii=False), flush=True)


def plain(v):
    """A JSON value that keeps the Python type visible; rows (any sequence-like record) become lists."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, decimal.Decimal):
        return {"Decimal": str(v)}
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, datetime.time):
        return {"time": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {"timedelta": str(v)}
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, uuid.UUID):
        return {"UUID": str(v)}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if not isinstance(v, dict) and callable(getattr(v, "values", None)):  # asyncpg.Record
        return [plain(x) for x in v.values()]
    return {type(v).__name__: str(v)}
