package io.qat4j.server.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where chat and text completions differ in their responses: names, and how a choice carries text. */
enum ResponseShape {
    CHAT("chatcmpl-", "chat.completion", "chat.completion.chunk") {
        @Override
        void answer(ObjectNode choice, String text) {
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
            message.putNull("refusal");
        }

        @Override
        void delta(ObjectNode choice, String text) {
            choice.putObject("delta").put("content", text);
        }

        @Override
        boolean opening(ObjectNode choice) {
            ObjectNode delta = choice.putObject("delta");
            delta.put("role", "assistant");
            delta.put("content", "");
            delta.putNull("refusal");
            return true;
        }

        @Override
        void closing(ObjectNode choice) {
            choice.putObject("delta");
        }
    },
    TEXT("cmpl-", "text_completion", "text_completion") {
        @Override
        void answer(ObjectNode choice, String text) {
            choice.put("text", text);
        }

        @Override
        void delta(ObjectNode choice, String text) {
            choice.put("text", text);
        }

        @Override
        boolean opening(ObjectNode choice) {
            return false;
        }

        @Override
        void closing(ObjectNode choice) {
            choice.put("text", "");
        }
    };

    final String idPrefix;
    final String object;
    final String chunkObject;

    ResponseShape(String idPrefix, String object, String chunkObject) {
        this.idPrefix = idPrefix;
        this.object = object;
        this.chunkObject = chunkObject;
    }

    /** The whole generated text in a non-streamed choice. */
    abstract void answer(ObjectNode choice, String text);

    /** A piece of text in a streamed chunk's choice. */
    abstract void delta(ObjectNode choice, String text);

    /** Fills the first chunk's choice before any text (the assistant role); false when there is none. */
    abstract boolean opening(ObjectNode choice);

    /** The last chunk's choice, which carries the finish reason and no text. */
    abstract void closing(ObjectNode choice);
}
