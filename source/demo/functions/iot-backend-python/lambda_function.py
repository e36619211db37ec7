"""IoT backend: an AWS IoT Core topic rule sends each greenhouse sensor's telemetry here,
  SELECT *, topic() AS topic, timestamp() AS receivedAt FROM 'greenhouse/+/telemetry'
The function checks every reading against its threshold, logs one ALERT line per breach
(warning; critical when more than 10% past the threshold), and works out the commands the
device should get on greenhouse/<deviceId>/commands (fan, vents, irrigation).
A message without a device id (in the message or its topic) is rejected and logged.

Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), ALERT_THRESHOLD (the temperature, in
degrees Celsius, above which to alert; default 30), HUMIDITY_MAX (%, default 85),
CO2_MAX (ppm, default 1000), SOIL_MOISTURE_MIN (%, default 20), BATTERY_MIN (%, default 20).
"""

import json
import math
import os
import re
from datetime import datetime, timezone

LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}

# metric, the variable that sets its limit, default, direction, unit, and the command that
# remedies a breach.
RULES = [
    {"metric": "temperature", "env": "ALERT_THRESHOLD", "fallback": 30, "direction": "above", "unit": "C", "command": ("fan", "on")},
    {"metric": "humidity", "env": "HUMIDITY_MAX", "fallback": 85, "direction": "above", "unit": "%", "command": ("vents", "open")},
    {"metric": "co2", "env": "CO2_MAX", "fallback": 1000, "direction": "above", "unit": "ppm", "command": ("vents", "open")},
    {"metric": "soilMoisture", "env": "SOIL_MOISTURE_MIN", "fallback": 20, "direction": "below", "unit": "%", "command": ("irrigation", "on")},
    {"metric": "battery", "env": "BATTERY_MIN", "fallback": 20, "direction": "below", "unit": "%", "command": None},
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


def round2(value):
    # Half away from zero like JavaScript's Math.round, so both demo runtimes agree.
    return math.floor(value * 100 + 0.5) / 100


def limit(rule):
    raw = os.environ.get(rule["env"], "")
    try:
        value = float(raw)
    except ValueError:
        return rule["fallback"]
    return value if math.isfinite(value) else rule["fallback"]


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def reading_of(message, metric):
    readings = message.get("readings") if isinstance(message.get("readings"), dict) else {}
    value = readings.get(metric, message.get(metric))
    return value if is_number(value) else None


def iso_millis(epoch_ms):
    moment = datetime.fromtimestamp(epoch_ms / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(epoch_ms) % 1000:03d}Z"


def lambda_handler(event, context):
    message = event if isinstance(event, dict) else {}
    topic = message.get("topic") if isinstance(message.get("topic"), str) else ""
    device_id = message.get("deviceId") if isinstance(message.get("deviceId"), str) and message.get("deviceId") else None
    if device_id is None:
        parts = topic.split("/")
        device_id = parts[1] if len(parts) > 1 and parts[1] else None
    if device_id is None:
        log("ERROR", "rejected telemetry without a device id", topic=topic or "-", keys=",".join(message.keys()))
        return {"status": "REJECTED", "reason": "no deviceId in the message or its topic"}

    alerts, commands, readings = [], {}, {}
    for rule in RULES:
        value = reading_of(message, rule["metric"])
        if value is None:
            continue
        readings[rule["metric"]] = value
        threshold = limit(rule)
        breached = value > threshold if rule["direction"] == "above" else value < threshold
        if not breached:
            continue
        excess = math.inf if threshold == 0 else abs(value - threshold) / abs(threshold)
        alert = {
            "metric": rule["metric"],
            "value": value,
            "threshold": threshold,
            "direction": rule["direction"],
            "unit": rule["unit"],
            "severity": "critical" if excess > 0.1 else "warning",
            "deviation": round2(value - threshold),
        }
        alerts.append(alert)
        if rule["command"]:
            commands[rule["command"][0]] = rule["command"][1]
        log("WARN", "ALERT", device=device_id, metric=rule["metric"], value=value, threshold=threshold, severity=alert["severity"])
    ignored = [key for key in (message.get("readings") or {}) if key not in readings]
    if ignored:
        log("DEBUG", "readings without a rule", device=device_id, metrics=",".join(ignored))

    if any(alert["severity"] == "critical" for alert in alerts):
        status = "CRITICAL"
    else:
        status = "WARNING" if alerts else "OK"
    received_at = iso_millis(message["receivedAt"]) if is_number(message.get("receivedAt")) else None
    extra = {"commands": ",".join(f"{k}:{v}" for k, v in commands.items())} if commands else {}
    log("INFO" if status == "OK" else "WARN", "telemetry", device=device_id, status=status, alerts=len(alerts), **readings, **extra)
    return {
        "deviceId": device_id,
        "status": status,
        "sampledAt": message.get("sampledAt", received_at),
        "receivedAt": received_at,
        "readings": readings,
        "alerts": alerts,
        "commandTopic": f"greenhouse/{device_id}/commands",
        "commands": commands,
    }
