package io.qat4j.server;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server answers with an error, in OpenAI's envelope
 * {@code {"error":{"message","type","param","code"}}}. Thrown anywhere in a handler; the server turns it
 * into the response (status, headers, body).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    public ApiException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, Map.of());
    }

    public ApiException(int status, String type, String code, String param, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    /** 400 for a field with a value the API does not accept. */
    public static ApiException invalidValue(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_value", param, message);
    }

    /** 400 for a field of the wrong JSON type. */
    public static ApiException wrongType(String param, String expected) {
        return new ApiException(400, "invalid_request_error", "invalid_type", param,
                "Invalid type for '" + param + "': expected " + expected + ".");
    }

    /** 400 for a required field that is absent. */
    public static ApiException missing(String param) {
        return new ApiException(400, "invalid_request_error", "missing_required_parameter", param,
                "Missing required parameter: '" + param + "'.");
    }

    /** 400 for a feature this server does not implement. */
    public static ApiException unsupported(String param, String message) {
        return new ApiException(400, "invalid_request_error", "unsupported_parameter", param, message);
    }

    public static ApiException malformedJson(String detail) {
        return new ApiException(400, "invalid_request_error", null, null,
                "We could not parse the JSON body of your request (" + detail + "). Send a JSON object with"
                        + " Content-Type: application/json.");
    }

    public static ApiException contextLengthExceeded(String param, int promptTokens, int contextSize) {
        return new ApiException(400, "invalid_request_error", "context_length_exceeded", param,
                "This model's maximum context length is " + contextSize + " tokens, and at least one must be left for"
                        + " the answer. However, your " + param + " resulted in " + promptTokens
                        + " tokens. Please reduce the length of the " + param + ".");
    }

    public static ApiException modelNotFound(String model) {
        return new ApiException(404, "invalid_request_error", "model_not_found", "model",
                "The model `" + model + "` does not exist or you do not have access to it.");
    }

    public static ApiException unknownUrl(String method, String path) {
        return new ApiException(404, "invalid_request_error", "unknown_url", null,
                "Unknown request URL: " + method + " " + path + ".");
    }

    public static ApiException unauthorized(boolean keyGiven) {
        return new ApiException(401, "invalid_request_error", "invalid_api_key", null, keyGiven
                ? "Incorrect API key provided."
                : "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'.");
    }

    public static ApiException tooLarge(long limitBytes) {
        return new ApiException(413, "invalid_request_error", "request_too_large", null,
                "The request body exceeds the server's limit of " + limitBytes + " bytes.");
    }

    /** 429 with Retry-After: every slot is busy and the waiting queue is full. */
    public static ApiException busy(String message, int retryAfterSeconds) {
        return new ApiException(429, "rate_limit_error", "rate_limit_exceeded", null, message,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static ApiException timeout(String message) {
        return new ApiException(504, "timeout_error", "timeout", null, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "server_error", "service_unavailable", null, message);
    }

    public static ApiException serverError(String message) {
        return new ApiException(500, "server_error", null, null, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body: {@code {"error":{"message","type","param","code"}}}. */
    public ObjectNode envelope(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        extend(root, json);
        return root;
    }

    /** Adds fields beside {@code error} in the body (a subclass's details; OpenAI clients ignore them). */
    protected void extend(ObjectNode body, ObjectMapper json) {
    }
}
