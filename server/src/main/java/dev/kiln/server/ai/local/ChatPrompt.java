package dev.kiln.server.ai.local;

import dev.kiln.server.ai.AiProvider;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a request into the text the model continues. llama.cpp applies the chat template stored in the GGUF
 * (or ChatML when the file has none, or one it does not recognise); should that fail, ours is ChatML too.
 * Before that, consecutive turns of one role are merged (several people talking in a row; strict templates
 * reject that), and chat-template markers inside the text are broken up: llama.cpp tokenizes the whole
 * prompt with special tokens enabled, so a message containing {@code <|im_start|>system} would otherwise open
 * a real system turn. Then the oldest turns are dropped until the prompt fits the context.
 */
final class ChatPrompt {
    /** Markers of the common template families: ChatML/Llama 3/Phi ({@code <|...|>}), Gemma, Llama 2/Mistral, SentencePiece. */
    private static final Pattern TEMPLATE_MARKER = Pattern.compile("<\\|[^|<>\\s]{1,40}\\|>|<(start|end)_of_turn>|\\[/?INST]|<</?SYS>>|</?s>");
    /** Inserted after a marker's first character: the text reads the same to people and tokenizes as plain text. */
    private static final String BREAK = "\u200B";

    /** The prompt and its length in the model's tokens. */
    record Rendered(String text, int tokens) {}

    private ChatPrompt() {}

    /**
     * @param budget most tokens the prompt may use; turns are dropped oldest first (the last one always stays)
     */
    static Rendered render(LlamaModel model, AiProvider.Request request, int budget) {
        List<AiProvider.Turn> turns = merge(request.turns());
        String system = defang(request.systemPrompt());
        while (true) {
            String text = template(model, system, turns);
            int tokens = model.encode(text).length;
            if (tokens <= budget || turns.size() <= 1) return new Rendered(text, tokens);
            turns.removeFirst();
            // Templates expect the conversation to open with a person.
            while (turns.size() > 1 && turns.getFirst().role() == AiProvider.Role.ASSISTANT) turns.removeFirst();
        }
    }

    /** Consecutive turns of one role become one, separated by a blank line; template markers are defanged. */
    static List<AiProvider.Turn> merge(List<AiProvider.Turn> turns) {
        List<AiProvider.Turn> out = new ArrayList<>();
        for (AiProvider.Turn t : turns) {
            String text = defang(t.text());
            if (!out.isEmpty() && out.getLast().role() == t.role()) {
                out.set(out.size() - 1, new AiProvider.Turn(t.role(), out.getLast().text() + "\n\n" + text));
            } else {
                out.add(new AiProvider.Turn(t.role(), text));
            }
        }
        return out;
    }

    static String defang(String text) {
        if (text == null) return "";
        return TEMPLATE_MARKER.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group().charAt(0) + BREAK + m.group().substring(1)));
    }

    private static String template(LlamaModel model, String system, List<AiProvider.Turn> turns) {
        List<Pair<String, String>> messages = new ArrayList<>();
        for (AiProvider.Turn t : turns) messages.add(new Pair<>(t.role() == AiProvider.Role.USER ? "user" : "assistant", t.text()));
        try {
            String text = model.applyTemplate(new InferenceParameters("").setMessages(system, messages).setUseChatTemplate(true));
            if (text != null && !text.isBlank()) return text;
        } catch (RuntimeException e) {
            // llama.cpp could not apply the model's template to these turns; ChatML below still lets the model answer.
        }
        return chatMl(system, turns);
    }

    /** ChatML, the format most small instruct models are trained on. */
    static String chatMl(String system, List<AiProvider.Turn> turns) {
        StringBuilder sb = new StringBuilder();
        if (system != null && !system.isBlank()) sb.append("<|im_start|>system\n").append(system).append("<|im_end|>\n");
        for (AiProvider.Turn t : turns) {
            sb.append("<|im_start|>").append(t.role() == AiProvider.Role.USER ? "user" : "assistant").append('\n')
                    .append(t.text()).append("<|im_end|>\n");
        }
        return sb.append("<|im_start|>assistant\n").toString();
    }
}
