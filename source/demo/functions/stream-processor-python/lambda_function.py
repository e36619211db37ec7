"""Stream processing: consumes a batch of order events from an Amazon Kinesis data stream.

Each record's data is base64-encoded JSON such as
  {"type":"order_placed","orderId":"o-1","customerId":"c-1","amount":59.9,"currency":"EUR"}
The function validates every record, aggregates the good ones (events per type, revenue
per currency, distinct customers, high-value orders) and logs one summary line per batch.
Records it cannot read are reported back as batchItemFailures (the event source mapping
needs FunctionResponseTypes ["ReportBatchItemFailures"]), so Lambda retries only those
records instead of the whole batch.

Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), HIGH_VALUE_ORDER (orders at or above
this amount are logged as high value; default 500).
"""

import base64
import binascii
import json
import math
import os
import re

LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}
TYPES = ("order_placed", "order_shipped", "order_cancelled", "payment_refunded")


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


def is_amount(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def decode(record):
    """Returns the order event in a record, or raises ValueError with the reason it is unusable."""
    data = (record.get("kinesis") or {}).get("data")
    if not isinstance(data, str):
        raise ValueError("data is not base64")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("data is not base64") from error
    text = raw.decode("utf-8", errors="replace")
    try:
        order = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"data is not valid JSON ({len(raw)} bytes)") from error
    if not isinstance(order, dict):
        raise ValueError("data is not a JSON object")
    if order.get("type") not in TYPES:
        raise ValueError(f"unknown event type {json.dumps(order.get('type'))}")
    if not isinstance(order.get("orderId"), str) or not order["orderId"]:
        raise ValueError("orderId is missing")
    if order["type"] in ("order_placed", "payment_refunded"):
        if not is_amount(order.get("amount")):
            raise ValueError("amount must be a non-negative number")
        if not isinstance(order.get("currency"), str) or not re.fullmatch(r"[A-Z]{3}", order["currency"]):
            raise ValueError("currency must be an ISO 4217 code")
    return order


def lambda_handler(event, context):
    records = (event or {}).get("Records") or []
    high_value = float(os.environ.get("HIGH_VALUE_ORDER", "500"))
    batch_item_failures = []
    by_type, revenue, customers = {}, {}, set()
    high_value_orders = 0

    for record in records:
        kinesis = record.get("kinesis") or {}
        sequence_number = kinesis.get("sequenceNumber")
        try:
            order = decode(record)
        except ValueError as error:
            log("WARN", "bad record", sequenceNumber=sequence_number, partitionKey=kinesis.get("partitionKey"), reason=str(error))
            batch_item_failures.append({"itemIdentifier": sequence_number})
            continue
        log("DEBUG", "record", sequenceNumber=sequence_number, type=order["type"], orderId=order["orderId"])
        by_type[order["type"]] = by_type.get(order["type"], 0) + 1
        if isinstance(order.get("customerId"), str):
            customers.add(order["customerId"])
        if order["type"] == "order_placed":
            revenue[order["currency"]] = round2(revenue.get(order["currency"], 0) + order["amount"])
            if order["amount"] >= high_value:
                high_value_orders += 1
                log("INFO", "high-value order", orderId=order["orderId"], amount=order["amount"], currency=order["currency"])
        elif order["type"] == "payment_refunded":
            revenue[order["currency"]] = round2(revenue.get(order["currency"], 0) - order["amount"])

    arn = records[0].get("eventSourceARN", "") if records else ""
    summary = {
        "stream": arn.split("/")[-1] or "unknown",
        "records": len(records),
        "ok": len(records) - len(batch_item_failures),
        "failed": len(batch_item_failures),
        "byType": by_type,
        "revenue": revenue,
        "customers": len(customers),
        "highValueOrders": high_value_orders,
    }
    log("WARN" if batch_item_failures else "INFO", "batch summary", **summary)
    return {"batchItemFailures": batch_item_failures}
