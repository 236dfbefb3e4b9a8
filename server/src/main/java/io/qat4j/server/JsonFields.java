package io.qat4j.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed, validated reads of a JSON request object. Every failure is a 400 {@link ApiException} naming
 * the parameter at fault by its path ({@code messages[2].content}). A field set to JSON null counts
 * as absent, as OpenAI treats it.
 */
public final class JsonFields {
    private final ObjectNode node;
    private final String path;

    public JsonFields(ObjectNode node) {
        this(node, "");
    }

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public ObjectNode node() {
        return node;
    }

    /** The full name of a field of this object, as errors report it. */
    public String param(String name) {
        return path + name;
    }

    /** The field's value, or null when it is absent or JSON null. */
    public JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public Optional<String> string(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.wrongType(param(name), "a string");
        }
        return Optional.of(v.textValue());
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> ApiException.missing(param(name)));
    }

    public Optional<Boolean> bool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.wrongType(param(name), "a boolean");
        }
        return Optional.of(v.booleanValue());
    }

    /** A number in [min, max]. */
    public OptionalDouble number(String name, double min, double max) {
        JsonNode v = get(name);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw ApiException.wrongType(param(name), "a number");
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw ApiException.invalidValue(param(name), "Invalid value for '" + param(name) + "': " + v
                    + " is not in [" + plain(min) + ", " + plain(max) + "].");
        }
        return OptionalDouble.of(d);
    }

    /** An integer in [min, max] (a number with a fraction is a wrong type). */
    public OptionalLong integer(String name, long min, long max) {
        JsonNode v = get(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.wrongType(param(name), "an integer");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw ApiException.invalidValue(param(name), "Invalid value for '" + param(name) + "': " + n
                    + " is not in [" + min + ", " + max + "].");
        }
        return OptionalLong.of(n);
    }

    /** A string or an array of strings (OpenAI's {@code stop}); empty when absent. */
    public List<String> stringOrStrings(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            throw ApiException.wrongType(param(name), "a string or an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw ApiException.wrongType(param(name) + "[" + i + "]", "a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    public Optional<ArrayNode> array(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ArrayNode a)) {
            throw ApiException.wrongType(param(name), "an array");
        }
        return Optional.of(a);
    }

    public Optional<JsonFields> object(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ObjectNode o)) {
            throw ApiException.wrongType(param(name), "an object");
        }
        return Optional.of(new JsonFields(o, param(name) + "."));
    }

    /** Element i of an array field, which must be an object. */
    public JsonFields element(String arrayName, ArrayNode array, int i) {
        String p = param(arrayName) + "[" + i + "]";
        if (!(array.get(i) instanceof ObjectNode o)) {
            throw ApiException.wrongType(p, "an object");
        }
        return new JsonFields(o, p + ".");
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
