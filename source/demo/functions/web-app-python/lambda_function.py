"""Web application: a small catalogue behind a Lambda function URL or an API Gateway HTTP API
(payload format 2.0).

  GET  /            an HTML page listing the items
  GET  /items       the items as JSON; ?q= filters by name, ?limit= caps the count
  GET  /items/{id}  one item, or 404
  POST /items       adds an item from a JSON body {"name": "...", "price": 12.5}; 201, or 400
  GET  /health      {"status":"ok"}
Anything else is 404 (405 for a known path with the wrong method). Items live in memory,
so they last as long as the execution environment stays warm, as a cache would.
Each request is logged as one access-log line: method, path, status, duration, client.

Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), APP_NAME (the page title),
MAX_PAGE_SIZE (the largest ?limit, default 50).
"""

import base64
import html
import json
import math
import os
import re
import time
import traceback
from urllib.parse import unquote

LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}

ITEMS = [
    {"id": "1", "name": "Espresso machine", "price": 249, "stock": 12},
    {"id": "2", "name": "Burr grinder", "price": 129, "stock": 30},
    {"id": "3", "name": "Coffee beans 1 kg", "price": 18.5, "stock": 240},
    {"id": "4", "name": "Milk frother", "price": 39.9, "stock": 0},
]


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


def respond(status_code, body, headers=None):
    return {
        "statusCode": status_code,
        "headers": {"content-type": "application/json", **(headers or {})},
        "body": json.dumps(body, separators=(",", ":"), ensure_ascii=False),
    }


def page():
    title = html.escape(os.environ.get("APP_NAME", "Demo shop"))
    rows = "".join(
        f"<li>{html.escape(item['name'])}: {item['price']:.2f}{' (sold out)' if item['stock'] == 0 else ''}</li>" for item in ITEMS
    )
    return {
        "statusCode": 200,
        "headers": {"content-type": "text/html; charset=utf-8"},
        "body": f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
        f'<ul>{rows}</ul><p>{len(ITEMS)} items. JSON at <a href="/items">/items</a>.</p></body></html>',
    }


def list_items(query):
    maximum = int(os.environ.get("MAX_PAGE_SIZE", "50"))
    raw_limit = query.get("limit")
    limit = maximum if raw_limit is None else (int(raw_limit) if re.fullmatch(r"\d+", raw_limit) else -1)
    if limit < 1 or limit > maximum:
        return respond(400, {"message": f"limit must be an integer from 1 to {maximum}"})
    q = (query.get("q") or "").lower()
    matching = [item for item in ITEMS if q in item["name"].lower()]
    return respond(200, {"items": matching[:limit], "count": min(limit, len(matching)), "total": len(matching)})


def read_body(event):
    body = event.get("body")
    if not body:
        return None
    text = base64.b64decode(body).decode("utf-8") if event.get("isBase64Encoded") else body
    return json.loads(text)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def create_item(event):
    try:
        body = read_body(event)
    except (ValueError, UnicodeDecodeError):
        return respond(400, {"message": "The body must be JSON"})
    if not isinstance(body, dict):
        return respond(400, {"message": "The body must be a JSON object"})
    name = body["name"].strip() if isinstance(body.get("name"), str) else ""
    if not name or len(name) > 100:
        return respond(400, {"message": "name is required (1-100 characters)"})
    price = body.get("price")
    if not is_number(price) or price < 0:
        return respond(400, {"message": "price must be a non-negative number"})
    stock = body.get("stock", 0)
    if not (is_number(stock) and float(stock).is_integer()) or stock < 0:
        return respond(400, {"message": "stock must be a non-negative integer"})
    item_id = str(max((int(item["id"]) for item in ITEMS), default=0) + 1)
    item = {"id": item_id, "name": name, "price": price, "stock": int(stock)}
    ITEMS.append(item)
    log("INFO", "item created", id=item_id, name=name)
    return respond(201, item, {"location": f"/items/{item_id}"})


def route(method, path, event):
    query = event.get("queryStringParameters") or {}
    if path == "/":
        return page() if method == "GET" else respond(405, {"message": "Method Not Allowed"}, {"allow": "GET"})
    if path == "/health":
        return respond(200, {"status": "ok"})
    if path == "/items":
        if method == "GET":
            return list_items(query)
        if method == "POST":
            return create_item(event)
        return respond(405, {"message": "Method Not Allowed"}, {"allow": "GET, POST"})
    match = re.fullmatch(r"/items/([^/]+)", path)
    if match:
        if method != "GET":
            return respond(405, {"message": "Method Not Allowed"}, {"allow": "GET"})
        item_id = unquote(match.group(1))
        item = next((candidate for candidate in ITEMS if candidate["id"] == item_id), None)
        return respond(200, item) if item else respond(404, {"message": f"No item {item_id}"})
    return respond(404, {"message": "Not Found", "path": path})


def lambda_handler(event, context):
    started = time.monotonic()
    event = event or {}
    http = (event.get("requestContext") or {}).get("http") or {}
    method = (http.get("method") or event.get("httpMethod") or "GET").upper()
    path = (event.get("rawPath") or http.get("path") or event.get("path") or "/").rstrip("/") or "/"
    try:
        response = route(method, path, event)
    except Exception as error:
        log("ERROR", "request failed", method=method, path=path, error=type(error).__name__, message=str(error),
            stack=traceback.format_exc())
        response = respond(500, {"message": "Internal Server Error", "requestId": getattr(context, "aws_request_id", None)})
    status = response["statusCode"]
    level = "ERROR" if status >= 500 else "WARN" if status >= 400 else "INFO"
    log(level, f"{method} {path} {status}", ms=round((time.monotonic() - started) * 1000),
        ip=http.get("sourceIp", "-"), ua=http.get("userAgent", "-"))
    return response
