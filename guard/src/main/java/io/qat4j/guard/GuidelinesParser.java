package io.qat4j.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.RuleKind;
import io.qat4j.guard.rule.RuleSpec;

/**
 * Reads a guidelines YAML into {@link Guidelines}. The keys every rule shares are read here; the
 * rest of a rule maps onto its kind's record, whose constructor validates it. Every error becomes a
 * {@link GuidelinesException} naming the source, the rule id and the field, and unknown keys are
 * errors: a typo must never silently disable a rule.
 */
final class GuidelinesParser {
    private static final List<String> TOP_KEYS = List.of("name", "version", "description", "scoring", "review", "rules");
    private static final List<String> RULE_KEYS = List.of("id", "kind", "severity", "level", "on_fail", "description");

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final String source;

    GuidelinesParser(String source) {
        this.source = source;
    }

    Guidelines parse(String yaml) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw fail((loc == null ? "" : "line " + loc.getLineNr() + ": ") + "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail("the file must be a YAML mapping with 'name', 'version' and 'rules'");
        }
        rejectUnknownKeys(root, TOP_KEYS, "");
        String name = requiredScalar(root, "name", "");
        String version = requiredScalar(root, "version", "");
        String description = optionalText(root, "description", "");
        Scoring scoring = root.has("scoring") ? map(root.get("scoring"), Scoring.class, "'scoring'", "scoring",
                List.of()) : Scoring.DEFAULT;
        ReviewPolicy review = root.has("review") ? map(root.get("review"), ReviewPolicy.class, "'review'", "review",
                List.of()) : ReviewPolicy.MANUAL;
        JsonNode rulesNode = root.get("rules");
        if (rulesNode == null || !rulesNode.isArray()) {
            throw fail("'rules' is required and must be a list");
        }
        var rules = new ArrayList<Rule>();
        var ids = new HashSet<String>();
        for (int i = 0; i < rulesNode.size(); i++) {
            Rule rule = parseRule(rulesNode.get(i), i);
            if (!ids.add(rule.id())) {
                throw fail("rule '" + rule.id() + "' (rules[" + i + "]): the id is already used by an earlier rule");
            }
            rules.add(rule);
        }
        try {
            return new Guidelines(name, version, description, scoring, review, rules);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private Rule parseRule(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw fail("rules[" + index + "] must be a mapping with 'id', 'kind', 'severity' and 'on_fail'");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw fail("rules[" + index + "]: 'id' is required");
        }
        String id = idNode.asText().strip();
        String where = "rule '" + id + "'";
        RuleKind kind = label(node, "kind", RuleKind.class, where, true);
        Severity severity = label(node, "severity", Severity.class, where, true);
        Level level = label(node, "level", Level.class, where, false);
        OnFail onFail = label(node, "on_fail", OnFail.class, where, true);
        String description = optionalText(node, "description", where + ": ");
        ObjectNode specNode = ((ObjectNode) node).deepCopy();
        specNode.remove(RULE_KEYS);
        RuleSpec spec = map(specNode, kind.specType(), where, "", RULE_KEYS);
        try {
            return new Rule(id, severity, level == null ? Level.REQUIRED : level, onFail, description, spec);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    private <E extends Enum<E>> E label(JsonNode node, String key, Class<E> type, String where, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw fail(where + ": '" + key + "' is required (" + Labels.allowed(type) + ")");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw fail(where + ": '" + key + "' must be " + Labels.allowed(type));
        }
        try {
            return Labels.parse(type, v.asText());
        } catch (IllegalArgumentException e) {
            throw fail(where + ": '" + key + "' " + e.getMessage());
        }
    }

    /** Maps {@code node} (found at {@code path}) onto {@code type}; {@code extraKeys} are read elsewhere. */
    private <T> T map(JsonNode node, Class<T> type, String where, String path, List<String> extraKeys) {
        String unknown = KnownKeys.check(node, type, path, extraKeys);
        if (unknown != null) {
            throw fail(where + ": " + unknown);
        }
        String pathPrefix = path.isEmpty() ? "" : path + ".";
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw fail(where + ": " + describe(e, pathPrefix));
        } catch (JsonProcessingException e) {
            throw fail(where + ": " + e.getOriginalMessage());
        }
    }

    /** Turns Jackson's exception into one sentence that names the field as written in the file. */
    private static String describe(JsonMappingException e, String pathPrefix) {
        String path = pathPrefix + path(e);
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown key '" + path + "'"; // normally caught earlier by KnownKeys
        }
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof IllegalArgumentException) {
            if (path.isEmpty()) {
                return cause.getMessage();
            }
            // Labels.parse says "must be a, b or c", which reads on after the field name.
            boolean predicate = cause.getMessage().startsWith("must be ");
            return "'" + path + "'" + (predicate ? " " : ": ") + cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "'" + path + "' must be " + describeType(f.getTargetType()) + ", not '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "'" + path + "' must be " + describeType(m.getTargetType());
        }
        return (path.isEmpty() ? "" : "'" + path + "': ") + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        var sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describeType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (type.isEnum()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            String allowed = Labels.allowed((Class) type);
            return allowed;
        }
        return "a " + type.getSimpleName();
    }

    private void rejectUnknownKeys(JsonNode node, List<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw fail(where + "unknown key '" + key + "' (known keys here: " + String.join(", ", known) + ")");
            }
        }
    }

    private String requiredScalar(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw fail(where + "'" + key + "' is required");
        }
        return v.asText().strip();
    }

    private String optionalText(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw fail(where + "'" + key + "' must be a text");
        }
        return v.asText();
    }

    private GuidelinesException fail(String message) {
        return new GuidelinesException(source + ": " + message);
    }
}
