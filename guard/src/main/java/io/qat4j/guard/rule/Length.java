package io.qat4j.guard.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Length bounds in words per channel ("email", "social", …). A check names its channel; a channel
 * not listed falls back to {@code default} when that is listed, and is otherwise not bounded.
 */
public record Length(Map<String, WordRange> channels) implements TextRuleSpec {

    public static final String DEFAULT_CHANNEL = "default";

    public Length {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("'channels' must list at least one channel");
        }
        channels.forEach((name, range) -> {
            if (range == null) {
                throw new IllegalArgumentException("'channels." + name + "' is empty");
            }
        });
        channels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /** The bounds for a channel, or null when it is not bounded. */
    public WordRange forChannel(String channel) {
        WordRange range = channels.get(channel);
        return range != null ? range : channels.get(DEFAULT_CHANNEL);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.LENGTH;
    }
}
