"""Mobile backend: the profile API of a mobile app, behind an API Gateway REST API whose
Cognito user pool authorizer puts the signed-in user's claims in
requestContext.authorizer.claims.

  GET    /profile          the caller's profile, created from the claims on first use
  PUT    /profile          updates displayName, locale and notifications {push, email}
  POST   /profile/devices  registers a push token {"platform": "ios"|"android", "token": "..."}
  DELETE /profile          deletes the profile (204)
No claims: 401. Bad input: 400. Unknown route: 404 (405 for a wrong method).
Profiles are kept in memory in this demo, standing in for the TABLE_NAME DynamoDB table,
so they last while the execution environment stays warm.

Environment: LOG_LEVEL (DEBUG, INFO, WARN, ERROR), TABLE_NAME (the profiles table, named
in the logs), ALLOWED_ORIGIN (the CORS origin, default *).
"""

import base64
import json
import os
import re
import time
import traceback
from datetime import datetime, timezone

LEVELS = {"DEBUG": 10, "INFO": 20, "WARN": 30, "ERROR": 40}
PROFILES = {}


class BadRequest(Exception):
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


def respond(status_code, body=None):
    return {
        "statusCode": status_code,
        "headers": {
            "Content-Type": "application/json",
            "Access-Control-Allow-Origin": os.environ.get("ALLOWED_ORIGIN", "*"),
            "Cache-Control": "no-store",
        },
        "body": "" if body is None else json.dumps(body, separators=(",", ":"), ensure_ascii=False),
    }


def request_time(event):
    epoch = (event.get("requestContext") or {}).get("requestTimeEpoch")
    millis = epoch if isinstance(epoch, int) else int(time.time() * 1000)
    moment = datetime.fromtimestamp(millis / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z"


def new_profile(claims, now):
    username = claims.get("cognito:username") or claims.get("username") or claims["sub"]
    return {
        "userId": claims["sub"],
        "username": username,
        "email": claims.get("email"),
        "emailVerified": claims.get("email_verified") in ("true", True),
        "displayName": claims.get("name") or username,
        "locale": claims.get("locale") or "en-US",
        "notifications": {"push": True, "email": False},
        "devices": [],
        "createdAt": now,
        "updatedAt": now,
    }


def parse_body(event):
    raw = event.get("body")
    if not raw:
        raise BadRequest("a JSON body is required")
    try:
        text = base64.b64decode(raw).decode("utf-8") if event.get("isBase64Encoded") else raw
        body = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest("the body is not valid JSON") from error
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


def validate_update(body):
    """Returns the changes to apply, or raises BadRequest with what is wrong."""
    allowed = ("displayName", "locale", "notifications")
    unknown = [key for key in body if key not in allowed]
    if unknown:
        raise BadRequest(f"fields that cannot be changed: {', '.join(unknown)}")
    changes = {}
    if "displayName" in body:
        name = body["displayName"]
        if not isinstance(name, str) or not 1 <= len(name.strip()) <= 64:
            raise BadRequest("displayName must be 1-64 characters")
        changes["displayName"] = name.strip()
    if "locale" in body:
        if not isinstance(body["locale"], str) or not re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", body["locale"]):
            raise BadRequest("locale must look like en or en-US")
        changes["locale"] = body["locale"]
    if "notifications" in body:
        n = body["notifications"]
        if not isinstance(n, dict) or any(key not in ("push", "email") or not isinstance(value, bool) for key, value in n.items()):
            raise BadRequest("notifications takes push and email, each true or false")
        changes["notifications"] = n
    if not changes:
        raise BadRequest("nothing to change")
    return changes


def handle(method, resource, event, claims, table):
    now = request_time(event)
    user_id = claims["sub"]
    if resource == "/profile":
        if method == "GET":
            profile = PROFILES.get(user_id)
            if profile is None:
                profile = new_profile(claims, now)
                PROFILES[user_id] = profile
                log("INFO", "profile created", table=table, userId=user_id)
            return respond(200, profile)
        if method == "PUT":
            changes = validate_update(parse_body(event))
            current = PROFILES.get(user_id) or new_profile(claims, now)
            profile = {
                **current,
                **changes,
                "notifications": {**current["notifications"], **changes.get("notifications", {})},
                "updatedAt": now,
            }
            PROFILES[user_id] = profile
            log("INFO", "profile updated", table=table, userId=user_id, fields=",".join(changes))
            return respond(200, profile)
        if method == "DELETE":
            existed = PROFILES.pop(user_id, None) is not None
            log("INFO", "profile deleted" if existed else "profile to delete did not exist", table=table, userId=user_id)
            return respond(204)
        return respond(405, {"message": "Method Not Allowed"})
    if resource == "/profile/devices":
        if method != "POST":
            return respond(405, {"message": "Method Not Allowed"})
        body = parse_body(event)
        if body.get("platform") not in ("ios", "android"):
            raise BadRequest("platform must be ios or android")
        if not isinstance(body.get("token"), str) or not re.fullmatch(r"[A-Za-z0-9:_-]{16,4096}", body["token"]):
            raise BadRequest("token must be a push token")
        current = PROFILES.get(user_id) or new_profile(claims, now)
        devices = [device for device in current["devices"] if device["token"] != body["token"]]
        device = {"platform": body["platform"], "token": body["token"], "registeredAt": now}
        devices.append(device)
        PROFILES[user_id] = {**current, "devices": devices, "updatedAt": now}
        log("INFO", "device registered", table=table, userId=user_id, platform=body["platform"], devices=len(devices))
        return respond(201, device)
    return respond(404, {"message": f"No route {method} {event.get('path') or resource}"})


def lambda_handler(event, context):
    event = event if isinstance(event, dict) else {}
    method = (event.get("httpMethod") or "GET").upper()
    resource = event.get("resource") or event.get("path") or "/"
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("claims")
    table = os.environ.get("TABLE_NAME", "UserProfiles")
    if not isinstance(claims, dict) or not isinstance(claims.get("sub"), str) or not claims["sub"]:
        log("WARN", f"{method} {resource} 401", reason="no Cognito claims; is the authorizer attached?")
        return respond(401, {"message": "Unauthorized"})
    try:
        response = handle(method, resource, event, claims, table)
    except BadRequest as error:
        response = respond(400, {"message": str(error)})
    except Exception as error:
        log("ERROR", "request failed", method=method, resource=resource, error=type(error).__name__, message=str(error),
            stack=traceback.format_exc())
        response = respond(500, {"message": "Internal Server Error", "requestId": getattr(context, "aws_request_id", None)})
    headers = event.get("headers") or {}
    status = response["statusCode"]
    log("WARN" if status >= 400 else "INFO", f"{method} {resource} {status}",
        user=claims.get("cognito:username") or claims["sub"], app=headers.get("User-Agent") or headers.get("user-agent") or "-")
    return response
