"""File processing: invoked by Amazon S3 when an object is created (s3:ObjectCreated:*).

For every CSV or JSON object in the notification it reads the object, profiles it
(rows, columns, and per column: empty cells, min/max/sum/mean for numbers, distinct
values and the most common one for text) and returns one summary per object.

The demo runs without S3, so objects are read from the sample-objects/<bucket>/<key>
folder bundled with the function (where a production function would call GetObject).
An object that is not valid JSON or CSV makes the invocation fail with
MalformedObjectError, so S3's asynchronous retries and failure destinations can be seen.

Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), MAX_OBJECT_BYTES (larger objects are
skipped), SAMPLE_OBJECTS_DIR (where the bundled objects live, relative to the code).
"""

import csv
import io
import json
import math
import os
import re
from urllib.parse import unquote_plus

CODE_DIR = os.path.dirname(os.path.abspath(__file__))
LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class MalformedObjectError(Exception):
    pass


def log(level, message, /, **fields):
    threshold = LEVELS.get(os.environ.get("LOG_LEVEL", "INFO").upper(), LEVELS["INFO"])
    if LEVELS[level] < threshold:
        return
    pairs = [f"{key}={format_value(value)}" for key, value in fields.items()]
    print(" ".join([f"[{level}]", message, *pairs]), flush=True)


def format_value(value):
    if isinstance(value, str) and value and not re.search(r"\s", value):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def round2(value):
    # Half away from zero like JavaScript's Math.round, so both demo runtimes agree.
    return math.floor(value * 100 + 0.5) / 100


def object_path(bucket, key):
    root = os.path.realpath(os.path.join(CODE_DIR, os.environ.get("SAMPLE_OBJECTS_DIR", "sample-objects")))
    path = os.path.realpath(os.path.join(root, bucket, key))
    if not path.startswith(root + os.sep):
        raise MalformedObjectError(f"Refusing key outside the bucket: {key}")
    return path


def is_empty(value):
    return value is None or value == ""


def is_number(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    return isinstance(value, str) and NUMBER.match(value) is not None


def profile_column(name, values):
    present = [value for value in values if not is_empty(value)]
    empty = len(values) - len(present)
    if present and all(is_number(value) for value in present):
        numbers = [float(value) for value in present]
        total = sum(numbers)
        return {
            "name": name,
            "type": "number",
            "empty": empty,
            "min": min(numbers),
            "max": max(numbers),
            "sum": round2(total),
            "mean": round2(total / len(numbers)),
        }
    counts = {}
    for value in present:
        text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        counts[text] = counts.get(text, 0) + 1
    top, top_count = None, 0
    for text, count in counts.items():
        if count > top_count:
            top, top_count = text, count
    return {"name": name, "type": "string", "empty": empty, "distinct": len(counts), "top": top, "topCount": top_count}


def profile_table(columns, records):
    return [profile_column(name, [record.get(name) for record in records]) for name in columns]


def profile_csv(text):
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row and row != [""]]
    except csv.Error as error:
        raise MalformedObjectError(str(error)) from error
    if not rows:
        raise MalformedObjectError("empty CSV object")
    columns = [name.strip() for name in rows[0]]
    records, invalid_rows = [], 0
    for cells in rows[1:]:
        if len(cells) != len(columns):
            invalid_rows += 1
            continue
        records.append({name: cells[index].strip() for index, name in enumerate(columns)})
    return {"format": "csv", "rows": len(records), "invalidRows": invalid_rows, "columns": profile_table(columns, records)}


def profile_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedObjectError(f"not valid JSON ({error})") from error
    if isinstance(data, list):
        records = data
    elif isinstance(data, dict) and isinstance(data.get("items"), list):
        records = data["items"]
    else:
        keys = list(data.keys()) if isinstance(data, dict) else []
        return {"format": "json", "rows": 1, "invalidRows": 0, "columns": [profile_column(k, [data[k]]) for k in keys]}
    columns, objects, invalid_rows = [], [], 0
    for record in records:
        if not isinstance(record, dict):
            invalid_rows += 1
            continue
        objects.append(record)
        for key in record:
            if key not in columns:
                columns.append(key)
    return {"format": "json", "rows": len(objects), "invalidRows": invalid_rows, "columns": profile_table(columns, objects)}


def process_record(record):
    bucket = record["s3"]["bucket"]["name"]
    key = unquote_plus(record["s3"]["object"]["key"])
    size = record["s3"]["object"].get("size", 0)
    uri = f"s3://{bucket}/{key}"
    base = {"bucket": bucket, "key": key, "size": size, "eventName": record.get("eventName"), "eventTime": record.get("eventTime")}
    extension = os.path.splitext(key)[1].lower()
    if extension not in (".csv", ".json"):
        log("INFO", "skipped: unsupported type", object=uri, type=extension or "none")
        return {**base, "status": "skipped", "reason": f"unsupported type {extension or '(no extension)'}"}
    max_bytes = int(os.environ.get("MAX_OBJECT_BYTES", str(10 * 1024 * 1024)))
    if size > max_bytes:
        log("WARN", "skipped: object too large", object=uri, size=size, maxBytes=max_bytes)
        return {**base, "status": "skipped", "reason": f"larger than MAX_OBJECT_BYTES ({max_bytes})"}
    path = object_path(bucket, key)
    try:
        if os.path.getsize(path) > max_bytes:
            raise OSError("too large")
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError:
        log("WARN", "skipped: object not found", object=uri)
        return {**base, "status": "skipped", "reason": "object not found"}
    log("DEBUG", "read object", object=uri, bytes=len(text.encode("utf-8")))
    try:
        profile = profile_csv(text) if extension == ".csv" else profile_json(text)
    except MalformedObjectError as error:
        raise MalformedObjectError(f"{uri} is malformed: {error}") from error
    log("INFO", "processed", object=uri, format=profile["format"], rows=profile["rows"],
        columns=len(profile["columns"]), invalidRows=profile["invalidRows"])
    if profile["invalidRows"] > 0:
        log("WARN", "rows with the wrong number of fields were left out", object=uri, invalidRows=profile["invalidRows"])
    return {**base, "status": "processed", **profile}


def lambda_handler(event, context):
    records = [r for r in (event or {}).get("Records", []) if isinstance(r, dict) and r.get("eventSource") == "aws:s3" and "s3" in r]
    if not records:
        log("WARN", "no S3 records in the event; is the trigger an S3 bucket notification?")
        return {"processed": 0, "skipped": 0, "objects": []}
    log("INFO", "received S3 notification", records=len(records), requestId=getattr(context, "aws_request_id", "local"))
    objects = []
    for record in records:
        try:
            objects.append(process_record(record))
        except Exception as error:
            log("ERROR", "failed", object=f"s3://{record['s3']['bucket']['name']}/{unquote_plus(record['s3']['object']['key'])}",
                error=type(error).__name__, message=str(error))
            raise
    processed = sum(1 for o in objects if o["status"] == "processed")
    return {"processed": processed, "skipped": len(objects) - processed, "objects": objects}
