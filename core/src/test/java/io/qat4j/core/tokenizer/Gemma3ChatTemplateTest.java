package io.qat4j.core.tokenizer;

import static io.qat4j.core.tokenizer.ChatMessage.assistant;
import static io.qat4j.core.tokenizer.ChatMessage.system;
import static io.qat4j.core.tokenizer.ChatMessage.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Expected strings written by hand from the Jinja chat_template of Gemma 3's tokenizer_config.json
 * (testdata/gemma3-tokenizer), with its leading {{ bos_token }} left to the tokenizer.
 */
class Gemma3ChatTemplateTest {
    private final ChatTemplate template = ChatTemplate.gemma3();

    @Test
    void oneUserTurnWithGenerationPrompt() {
        assertThat(template.render(List.of(user("Hello!")), true))
                .isEqualTo("<start_of_turn>user\nHello!<end_of_turn>\n<start_of_turn>model\n");
        assertThat(template.render(List.of(user("Hello!")), false))
                .isEqualTo("<start_of_turn>user\nHello!<end_of_turn>\n");
    }

    @Test
    void theSystemMessageIsPrependedToTheFirstUserTurnAndAssistantIsModel() {
        var conversation = List.of(
                system("You are terse."),
                user("  What is 2+2?\n"),
                assistant("4"),
                user("And 3+3?"));
        // The system text is not trimmed; each message's content is.
        assertThat(template.render(conversation, true)).isEqualTo(
                "<start_of_turn>user\nYou are terse.\n\nWhat is 2+2?<end_of_turn>\n"
                        + "<start_of_turn>model\n4<end_of_turn>\n"
                        + "<start_of_turn>user\nAnd 3+3?<end_of_turn>\n"
                        + "<start_of_turn>model\n");
    }

    @Test
    void trimmingFollowsPythonsStrip() {
        // Jinja's trim is str.strip(): it removes U+00A0 and U+0085, which Java's strip() keeps.
        assertThat(template.render(List.of(user("\u00A0\u0085 hi \t\u3000"), assistant(" ok ")), false))
                .isEqualTo("<start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\nok<end_of_turn>\n");
    }

    @Test
    void edgeCasesTheTemplateAllows() {
        assertThat(template.render(List.of(), true)).isEqualTo("<start_of_turn>model\n");
        // A system message alone produces no turn: the template drops it.
        assertThat(template.render(List.of(system("rules")), true)).isEqualTo("<start_of_turn>model\n");
    }

    @Test
    void rolesMustAlternateStartingWithTheUser() {
        assertThatThrownBy(() -> template.render(List.of(assistant("hi")), true))
                .hasMessageContaining("Conversation roles must alternate");
        assertThatThrownBy(() -> template.render(List.of(user("a"), user("b")), true))
                .hasMessageContaining("Conversation roles must alternate").hasMessageContaining("message 1");
        assertThatThrownBy(() -> template.render(List.of(system("s"), user("a"), assistant("b"), assistant("c")), true))
                .hasMessageContaining("message 3");
    }

    @Test
    void aLaterSystemMessageAtAModelPositionPassesThroughAsTheTemplateDoes() {
        // The template only checks "is user" against "is an even position", so a system message in a
        // model slot is rendered with role "system".
        assertThat(template.render(List.of(system("s"), user("a"), system("t")), false))
                .isEqualTo("<start_of_turn>user\ns\n\na<end_of_turn>\n<start_of_turn>system\nt<end_of_turn>\n");
    }

    @Test
    void theRenderedPromptTokenizesWithControlTokens() {
        var tok = GoldenTokenizers.gemma3();
        String prompt = template.render(List.of(user("Hi")), true);
        int[] ids = tok.encode(prompt, true, true);
        // <bos> <start_of_turn> user \n Hi <end_of_turn> \n <start_of_turn> model \n
        assertThat(ids[0]).isEqualTo(2);
        assertThat(ids[1]).isEqualTo(105);
        assertThat(ids).contains(106).endsWith(105, tok.idOf("model").getAsInt(), 107);
    }

    @Test
    void rolesParseFromTheirWireNames() {
        assertThat(ChatMessage.Role.parse("Assistant")).isEqualTo(ChatMessage.Role.ASSISTANT);
        assertThatThrownBy(() -> ChatMessage.Role.parse("tool")).hasMessageContaining("tool");
    }
}
