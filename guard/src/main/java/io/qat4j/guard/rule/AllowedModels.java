package io.qat4j.guard.rule;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The models a request may name, as globs ({@code *} any run of characters, {@code ?} one),
 * matched case-insensitively against the model name and, when it is a path, its file name.
 */
public record AllowedModels(List<String> models) implements RequestRuleSpec {

    public AllowedModels {
        models = Checks.nonEmpty(models, "models").stream().map(String::strip).toList();
    }

    public boolean allows(String model) {
        if (model == null) {
            return false;
        }
        int slash = Math.max(model.lastIndexOf('/'), model.lastIndexOf('\\'));
        String fileName = model.substring(slash + 1);
        for (String glob : models) {
            Pattern p = globPattern(glob);
            if (p.matcher(model).matches() || p.matcher(fileName).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern globPattern(String glob) {
        var regex = new StringBuilder();
        for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.ALLOWED_MODELS;
    }
}
