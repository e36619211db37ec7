"""The local Lambda's bootstrap for the managed Python runtimes (python3.x): a runtime interface
client that behaves like AWS's awslambdaric. It imports the handler named by _HANDLER
("module.function", "package/module.function") from LAMBDA_TASK_ROOT, asks the Lambda Runtime
API at AWS_LAMBDA_RUNTIME_API for invocations, runs them, and reports results, errors and init
errors in Lambda's documents. The root logger gets Lambda's handler and format; its records are
framed to the telemetry fd when _LAMBDA_TELEMETRY_LOG_FD is set; print() goes to stdout,
unbuffered.

Started as `python3 bootstrap.py` with cwd = LAMBDA_TASK_ROOT. Standard library only, Python
3.8+, and nothing heavy at start (no http.client, which pulls in ssl): it runs on every cold
start.
"""

import importlib
import json
import logging
import os
import socket
import sys
import time

ERROR_LOG_LINE_TERMINATE = "\r"
ERROR_LOG_IDENT = "\u00a0"  # NO-BREAK SPACE, as awslambdaric indents logged stack traces
_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
_TEXT_FRAME_TYPE = (0xA55A0003).to_bytes(4, "big")
_JSON_FRAME_TYPE = (0xA55A0002).to_bytes(4, "big")
_RESERVED_FIELDS = {
    "name",
    "msg",
    "args",
    "levelname",
    "levelno",
    "pathname",
    "filename",
    "module",
    "exc_info",
    "exc_text",
    "stack_info",
    "lineno",
    "funcName",
    "created",
    "msecs",
    "relativeCreated",
    "thread",
    "threadName",
    "processName",
    "process",
    "aws_request_id",
    "tenant_id",
    "_frame_type",
    "taskName",
}

LAMBDA_WARNING = "LAMBDA_WARNING"
UNHANDLED_EXCEPTION_WARNING = (
    LAMBDA_WARNING + ": "
    "Unhandled exception. "
    "The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. "
    "To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. "
    "If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. "
    "For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


def _log_format_is_json():
    value = os.environ.get("AWS_LAMBDA_LOG_FORMAT")
    return bool(value) and value.upper() == "JSON"


def _log_level_from_env():
    value = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    return {None: "", "TRACE": "DEBUG"}.get(value, value).upper()


_LOG_JSON = _log_format_is_json()
_LOG_LEVEL = _log_level_from_env()


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"
    LAMBDA_RUNTIME_CLIENT_ERROR = "Runtime.LambdaRuntimeClientError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


# --------------------------------------------------------------------------------------------
# JSON, as the runtime's marshaller writes it (simplejson there; Decimal written exactly).

_DECIMAL_MARK = "\x00lambda-decimal:"


class _Encoder(json.JSONEncoder):
    def __init__(self):
        # python3.12's runtime writes non-ASCII characters as they are; the others escape them.
        super().__init__(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12")
        self.saw_decimal = False

    def default(self, obj):
        if type(obj).__name__ == "Decimal" and type(obj).__module__ in ("decimal", "_decimal", "_pydecimal"):
            if obj.is_nan():
                return float("nan")
            self.saw_decimal = True
            return _DECIMAL_MARK + str(obj)
        return super().default(obj)


def to_json(obj):
    encoder = _Encoder()
    text = encoder.encode(obj)
    if encoder.saw_decimal:
        import re

        mark = json.dumps(_DECIMAL_MARK, ensure_ascii=encoder.ensure_ascii)[1:-1]
        text = re.sub('"' + re.escape(mark) + '([^"]*)"', lambda match: match.group(1), text)
    return text


def unmarshal_request(request, content_type):
    if content_type is not None and content_type != "application/json":
        return request
    try:
        return json.loads(request)
    except Exception as e:
        raise FaultException(
            FaultException.UNMARSHAL_ERROR,
            "Unable to unmarshal input: {}".format(str(e)),
            None,
        )


def marshal_response(response):
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response), "application/json"
    except Exception as e:
        raise FaultException(
            FaultException.MARSHAL_ERROR,
            "Unable to marshal response: {}".format(str(e)),
            None,
        )


# --------------------------------------------------------------------------------------------
# The Lambda Runtime API client: plain HTTP/1.1 over a socket, one connection per request.


class LambdaRuntimeClientError(Exception):
    def __init__(self, endpoint, response_code, response_body):
        self.endpoint = endpoint
        self.response_code = response_code
        self.response_body = response_body
        super().__init__(
            "Request to Lambda Runtime '{}' endpoint failed. Reason: '{}'. Response body: '{}'".format(
                endpoint, response_code, response_body
            )
        )


def _header_value(value):
    clean = "".join(c for c in str(value) if c == "\t" or " " <= c <= "~")
    return clean or "Unhandled"


def _dechunk(data):
    body = b""
    while True:
        line_end = data.find(b"\r\n")
        if line_end < 0:
            return body
        size = int(data[:line_end].split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            return body
        start = line_end + 2
        body += data[start : start + size]
        data = data[start + size + 2 :]


class InvocationRequest(object):
    def __init__(self, **kwds):
        self.__dict__.update(kwds)


class LambdaRuntimeClient(object):
    def __init__(self, address):
        self.address = address
        host, _, port = address.rpartition(":")
        self.host = host.strip("[]")
        self.port = int(port)
        self.user_agent = "aws-lambda-python/{}.{}.{}-lambdash".format(*sys.version_info[:3])

    def _request(self, method, path, body=None, headers=None):
        lines = [
            "{} {} HTTP/1.1".format(method, path),
            "Host: {}".format(self.address),
            "User-Agent: {}".format(self.user_agent),
            "Connection: close",
        ]
        if body is not None:
            lines.append("Content-Length: {}".format(len(body)))
        for name, value in (headers or {}).items():
            lines.append("{}: {}".format(name, value))
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")
        connection = socket.create_connection((self.host, self.port))
        try:
            connection.sendall(data)
            received = []
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received.append(chunk)
        finally:
            connection.close()
        raw = b"".join(received)
        head, _, payload = raw.partition(b"\r\n\r\n")
        head_lines = head.decode("latin-1").split("\r\n")
        status_parts = head_lines[0].split(" ", 2)
        status = int(status_parts[1]) if len(status_parts) > 1 and status_parts[1].isdigit() else 0
        response_headers = {}
        for line in head_lines[1:]:
            name, _, value = line.partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if response_headers.get("transfer-encoding", "").lower() == "chunked":
            payload = _dechunk(payload)
        elif "content-length" in response_headers:
            payload = payload[: int(response_headers["content-length"])]
        return status, response_headers, payload

    def wait_next_invocation(self):
        try:
            status, headers, body = self._request("GET", "/2018-06-01/runtime/invocation/next")
        except Exception as exception:
            raise FaultException(
                FaultException.LAMBDA_RUNTIME_CLIENT_ERROR,
                "LAMBDA_RUNTIME Failed to get next invocation: {}".format(str(exception)),
                None,
            )
        if status != 200:
            raise FaultException(
                FaultException.LAMBDA_RUNTIME_CLIENT_ERROR,
                "LAMBDA_RUNTIME Failed to get next invocation: status {}".format(status),
                None,
            )
        deadline = headers.get("lambda-runtime-deadline-ms")
        return InvocationRequest(
            invoke_id=headers.get("lambda-runtime-aws-request-id"),
            x_amzn_trace_id=headers.get("lambda-runtime-trace-id") or None,
            invoked_function_arn=headers.get("lambda-runtime-invoked-function-arn"),
            deadline_time_in_ms=int(deadline) if deadline and deadline.isdigit() else 0,
            client_context=headers.get("lambda-runtime-client-context") or None,
            cognito_identity=headers.get("lambda-runtime-cognito-identity") or None,
            tenant_id=headers.get("lambda-runtime-aws-tenant-id") or None,
            content_type=headers.get("content-type") or None,
            event_body=body,
        )

    def post_invocation_result(self, invoke_id, result_data, content_type="application/json"):
        body = result_data if isinstance(result_data, bytes) else result_data.encode("utf-8")
        self._request(
            "POST",
            "/2018-06-01/runtime/invocation/{}/response".format(invoke_id),
            body,
            {"Content-Type": content_type},
        )

    def post_invocation_error(self, invoke_id, error_response_data, error_type):
        self._request(
            "POST",
            "/2018-06-01/runtime/invocation/{}/error".format(invoke_id),
            error_response_data.encode("utf-8"),
            {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": _header_value(error_type)},
        )

    def post_init_error(self, error_result):
        endpoint = "/2018-06-01/runtime/init/error"
        status, _, body = self._request(
            "POST",
            endpoint,
            to_json(error_result).encode("utf-8"),
            {
                "Content-Type": "application/json",
                "Lambda-Runtime-Function-Error-Type": _header_value(error_result.get("errorType")),
            },
        )
        if status != 202:
            raise LambdaRuntimeClientError(endpoint, status, body)


# --------------------------------------------------------------------------------------------
# The context object.


class LambdaContext(object):
    def __init__(
        self,
        invoke_id,
        client_context,
        cognito_identity,
        epoch_deadline_time_in_ms,
        invoked_function_arn=None,
        tenant_id=None,
    ):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id

        self.client_context = make_obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = make_obj_from_dict(Client, self.client_context.client)

        self.identity = make_obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")

        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        epoch_now_in_ms = int(time.time() * 1000)
        delta_ms = self._epoch_deadline_time_in_ms - epoch_now_in_ms
        return delta_ms if delta_ms > 0 else 0

    def log(self, msg):
        for handler in logging.getLogger().handlers:
            if hasattr(handler, "log_sink"):
                handler.log_sink.log(str(msg))
                return
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "{}([aws_request_id={},log_group_name={},log_stream_name={},function_name={},"
            "memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context={},"
            "identity={},tenant_id={}])"
        ).format(
            self.__class__.__name__,
            self.aws_request_id,
            self.log_group_name,
            self.log_stream_name,
            self.function_name,
            self.memory_limit_in_mb,
            self.function_version,
            self.invoked_function_arn,
            self.client_context,
            self.identity,
            self.tenant_id,
        )


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "{}([cognito_identity_id={},cognito_identity_pool_id={}])".format(
            self.__class__.__name__, self.cognito_identity_id, self.cognito_identity_pool_id
        )


class Client(object):
    __slots__ = [
        "installation_id",
        "app_title",
        "app_version_name",
        "app_version_code",
        "app_package_name",
    ]

    def __repr__(self):
        return "{}([installation_id={},app_title={},app_version_name={},app_version_code={},app_package_name={}])".format(
            self.__class__.__name__,
            self.installation_id,
            self.app_title,
            self.app_version_name,
            self.app_version_code,
            self.app_package_name,
        )


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "{}([custom={},env={},client={}])".format(self.__class__.__name__, self.custom, self.env, self.client)


def make_obj_from_dict(_class, _dict):
    if _dict is None:
        return None
    obj = _class()
    for field in _class.__slots__:
        setattr(obj, field, _dict.get(field, None))
    return obj


def parse_json_header(header, name):
    try:
        return json.loads(header)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR,
            "Unable to parse {} JSON: {}".format(name, str(e)),
            None,
        )


def create_lambda_context(
    client_context_json,
    cognito_identity_json,
    epoch_deadline_time_in_ms,
    invoke_id,
    invoked_function_arn,
    tenant_id,
):
    client_context = None
    if client_context_json:
        client_context = parse_json_header(client_context_json, "Client Context")
    cognito_identity = None
    if cognito_identity_json:
        cognito_identity = parse_json_header(cognito_identity_json, "Cognito Identity")
    return LambdaContext(
        invoke_id,
        client_context,
        cognito_identity,
        epoch_deadline_time_in_ms,
        invoked_function_arn,
        tenant_id,
    )


# --------------------------------------------------------------------------------------------
# Logging.


def _format_log_level(record):
    return min(50, max(0, record.levelno)) // 10 * 10


class JsonFormatter(logging.Formatter):
    def __init__(self):
        super().__init__(datefmt=_DATETIME_FORMAT)
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def formatTime(self, record, datefmt=None):
        from datetime import datetime, timezone

        dt = datetime.fromtimestamp(record.created, tz=timezone.utc)
        return dt.strftime(_DATETIME_FORMAT + ".%f")[:-3] + "Z"

    def format(self, record):
        record.levelno = _format_log_level(record)
        record.levelname = logging.getLevelName(record.levelno)
        exc_info = record.exc_info
        result = {
            "timestamp": self.formatTime(record, self.datefmt),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": _traceback().format_tb(exc_info[2]) if exc_info else None,
            "errorType": exc_info[0].__name__ if exc_info else None,
            "errorMessage": str(exc_info[1]) if exc_info else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": "{}:{}:{}".format(record.pathname, record.funcName, record.lineno) if exc_info else None,
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        result.update(
            (key, value)
            for key, value in record.__dict__.items()
            if key not in _RESERVED_FIELDS and key not in result
        )
        result = {k: v for k, v in result.items() if v is not None}
        return self._encode(result) + "\n"


class StandardLogSink(object):
    def log(self, msg, frame_type=None):
        sys.stdout.write(msg)

    def log_error(self, message_lines):
        sys.stdout.write(ERROR_LOG_LINE_TERMINATE.join(message_lines) + "\n")


class FramedTelemetryLogSink(object):
    """Frames each record for the telemetry fd, as Lambda's logging contract says: frame type
    (4 bytes), length (4 bytes), timestamp in microseconds (8 bytes), message; big-endian."""

    def __init__(self, fd, frame_type):
        self.fd = int(fd)
        self.frame_type = frame_type
        self.fallback = None

    def log(self, msg, frame_type=None):
        if self.fallback is not None:
            self.fallback.log(msg)
            return
        encoded = msg.encode("utf8")
        timestamp = time.time_ns() // 1000
        frame = (frame_type or self.frame_type) + len(encoded).to_bytes(4, "big") + timestamp.to_bytes(8, "big") + encoded
        view = memoryview(frame)
        try:
            while view:
                try:
                    written = os.write(self.fd, view)
                except BlockingIOError:
                    continue
                view = view[written:]
        except OSError:
            # The fd is unusable: log to stdout from now on.
            self.fallback = StandardLogSink()
            self.fallback.log(msg)

    def log_error(self, message_lines):
        self.log("\n".join(message_lines), self.frame_type)


def create_log_sink():
    frame_type = _JSON_FRAME_TYPE if _LOG_JSON else _TEXT_FRAME_TYPE
    if "_LAMBDA_TELEMETRY_LOG_FD" in os.environ:
        fd = os.environ.pop("_LAMBDA_TELEMETRY_LOG_FD")
        try:
            return FramedTelemetryLogSink(fd, frame_type)
        except ValueError:
            pass
    return StandardLogSink()


_GLOBAL_AWS_REQUEST_ID = None
_GLOBAL_TENANT_ID = None


class LambdaLoggerHandler(logging.Handler):
    def __init__(self, log_sink):
        logging.Handler.__init__(self)
        self.log_sink = log_sink

    def emit(self, record):
        msg = self.format(record)
        self.log_sink.log(msg)


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _GLOBAL_AWS_REQUEST_ID or ""
        record.tenant_id = _GLOBAL_TENANT_ID
        return True


class Unbuffered(object):
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        pass

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        self.stream.write(msg)
        self.stream.flush()

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()


def _setup_logging(log_sink):
    logging.Formatter.converter = time.gmtime
    logger = logging.getLogger()
    handler = LambdaLoggerHandler(log_sink)
    if _LOG_JSON:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(
                "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
                _DATETIME_FORMAT,
            )
        )
    if _LOG_LEVEL in logging._nameToLevel:
        logger.setLevel(_LOG_LEVEL)
    handler.addFilter(LambdaLoggerFilter())
    logger.addHandler(handler)


def replace_line_indentation(line, indent_char, new_indent_char):
    count = 0
    for c in line:
        if c != indent_char:
            break
        count += 1
    return (new_indent_char * count) + line[count:]


def log_error(error_result, log_sink):
    """Logs a failed invocation or init as the runtime does: one record."""
    if _LOG_JSON:
        record = {
            "timestamp": time.strftime(_DATETIME_FORMAT, logging.Formatter.converter(time.time())),
            "level": "ERROR",
        }
        record.update(error_result)
        log_sink.log_error([to_json(record)])
        return
    description = "[ERROR]"
    error_type = error_result.get("errorType")
    if error_type:
        description += " " + error_type
    error_message = error_result.get("errorMessage")
    if error_message:
        if error_type:
            description += ":"
        description += " " + error_message
    lines = [description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines += ["Traceback (most recent call last):"]
        for element in stack_trace:
            if element == "":
                lines += [""]
            else:
                for trace_line in element.splitlines():
                    lines += [replace_line_indentation(trace_line, " ", ERROR_LOG_IDENT)]
    log_sink.log_error(lines)


# --------------------------------------------------------------------------------------------
# Loading the handler and running invocations.


def _get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(
            FaultException.MALFORMED_HANDLER_NAME,
            "Bad handler '{}': {}".format(handler, str(e)),
        )
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        m = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR,
            "Unable to import module '{}': {}".format(modname, str(e)),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(modname, str(e)),
            trace,
        )
    try:
        request_handler = getattr(m, fname)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND,
            "Handler '{}' missing on module '{}'".format(fname, modname),
            None,
        )
    return request_handler


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _traceback():
    # Imported when first needed: it is not needed to start.
    import traceback

    return traceback


def extract_traceback(tb):
    return [(frame.filename, frame.lineno, frame.name, frame.line) for frame in _traceback().extract_tb(tb)]


def _user_frames(tb):
    """The traceback from the first frame that is not this bootstrap's."""
    tb_tuples = extract_traceback(tb)
    for i in range(len(tb_tuples)):
        if "/bootstrap.py" not in tb_tuples[i][0]:
            return tb_tuples[i:]
    return tb_tuples


def build_fault_result(exc_info, msg):
    etype, value, tb = exc_info
    return make_error(msg if msg else str(value), etype.__name__, _traceback().format_list(_user_frames(tb)))


def handle_event_request(lambda_runtime_client, request_handler, event_request, log_sink):
    invoke_id = event_request.invoke_id
    error_result = None
    try:
        lambda_context = create_lambda_context(
            event_request.client_context,
            event_request.cognito_identity,
            event_request.deadline_time_in_ms,
            invoke_id,
            event_request.invoked_function_arn,
            event_request.tenant_id,
        )
        event = unmarshal_request(event_request.event_body, event_request.content_type)
        response = request_handler(event, lambda_context)
        result, result_content_type = marshal_response(response)
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        etype, value, tb = sys.exc_info()
        error_result = make_error(str(value), etype.__name__, _traceback().format_list(_user_frames(tb)), invoke_id)

    if error_result is not None:
        log_error(error_result, log_sink)
        lambda_runtime_client.post_invocation_error(invoke_id, to_json(error_result), error_result["errorType"])
    else:
        lambda_runtime_client.post_invocation_result(invoke_id, result, result_content_type)


def update_xray_env_variable(xray_trace_id):
    if xray_trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = xray_trace_id
    elif "_X_AMZN_TRACE_ID" in os.environ:
        del os.environ["_X_AMZN_TRACE_ID"]


def run(handler, lambda_runtime_client):
    global _GLOBAL_AWS_REQUEST_ID, _GLOBAL_TENANT_ID
    sys.stdout = Unbuffered(sys.stdout)
    sys.stderr = Unbuffered(sys.stderr)
    log_sink = create_log_sink()
    try:
        _setup_logging(log_sink)
        request_handler = _get_handler(handler)
    except Exception as e:
        if isinstance(e, FaultException):
            error_result = make_error(e.msg, e.exception_type, e.trace)
        else:
            error_result = build_fault_result(sys.exc_info(), None)
        logging.warning(UNHANDLED_EXCEPTION_WARNING)
        log_error(error_result, log_sink)
        lambda_runtime_client.post_init_error(error_result)
        sys.exit(1)

    while True:
        event_request = lambda_runtime_client.wait_next_invocation()
        _GLOBAL_AWS_REQUEST_ID = event_request.invoke_id
        _GLOBAL_TENANT_ID = event_request.tenant_id
        update_xray_env_variable(event_request.x_amzn_trace_id)
        handle_event_request(lambda_runtime_client, request_handler, event_request, log_sink)


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    # The function's code first, then PYTHONPATH; never this bootstrap's own folder.
    own_folder = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != own_folder or entry == task_root]
    if not sys.path or sys.path[0] != task_root:
        sys.path.insert(0, task_root)
    run(os.environ.get("_HANDLER", ""), LambdaRuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"]))


if __name__ == "__main__":
    main()
