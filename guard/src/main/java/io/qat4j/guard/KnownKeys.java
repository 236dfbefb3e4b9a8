package io.qat4j.guard;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Rejects keys a record does not have, before Jackson builds it. Jackson alone would call a
 * record's constructor (and report its complaint about a missing field) before noticing that the
 * only key given was a misspelt one; this reports the misspelling, which is the real error.
 */
final class KnownKeys {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private KnownKeys() {
    }

    /**
     * Checks {@code node} against {@code type}, recursing into records, lists and maps; returns
     * null when every key is known, else the message for the first unknown one.
     */
    static String check(JsonNode node, Type type, String path, List<String> extraKeys) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String problem = check(node.get(i), args[0], path + "[" + i + "]", List.of());
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return check(node, args[0], path, List.of());
            }
            if (Map.class.isAssignableFrom(raw) && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String problem = check(e.getValue(), args[1], join(path, e.getKey()), List.of());
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }
        if (!(type instanceof Class<?> c) || !c.isRecord() || !node.isObject()) {
            return null;
        }
        var known = new ArrayList<String>(extraKeys);
        for (RecordComponent rc : c.getRecordComponents()) {
            known.add(SNAKE.translate(rc.getName()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (!known.contains(key)) {
                return "unknown key '" + join(path, key) + "' (known keys here: " + String.join(", ", known) + ")";
            }
            RecordComponent rc = component(c, key);
            if (rc != null) {
                String problem = check(e.getValue(), rc.getGenericType(), join(path, key), List.of());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static RecordComponent component(Class<?> record, String key) {
        for (RecordComponent rc : record.getRecordComponents()) {
            if (SNAKE.translate(rc.getName()).equals(key)) {
                return rc;
            }
        }
        return null;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
