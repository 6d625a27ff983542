package dev.kiln.server.ai;

import dev.kiln.server.shared.ApiException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message to the assistant read as a skill: {@code /summarize} (the conversation, or the thread it is sent in;
 * anything after the command is ignored),
 * {@code /translate <language>} (the message it replies to, or the recent conversation), or plain chat. Only these
 * exact commands are skills; any other text, slashes included, is chat.
 *
 * @param language the target language of {@code /translate}: letters, spaces and hyphens only, so it is safe to
 *                 put into an instruction
 */
public record AssistantCommand(Kind kind, String language) {
    /** What the assistant is asked to do. */
    public enum Kind { CHAT, SUMMARIZE, TRANSLATE }

    static final AssistantCommand CHAT = new AssistantCommand(Kind.CHAT, null);
    private static final Pattern SUMMARIZE = Pattern.compile("^/summari[sz]e(?:\\s.*)?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TRANSLATE = Pattern.compile("^/translate(?:\\s+(.*?))?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LANGUAGE = Pattern.compile("\\p{L}[\\p{L}\\p{M} -]{0,39}");

    /** Reads a message (an {@code @assistant} mention in front is ignored); throws 400 for a malformed skill command. */
    public static AssistantCommand parse(String message) {
        String text = message == null ? "" : ResponseCache.stripMention(message).strip();
        if (SUMMARIZE.matcher(text).matches()) return new AssistantCommand(Kind.SUMMARIZE, null);
        Matcher t = TRANSLATE.matcher(text);
        if (t.matches()) {
            String language = t.group(1) == null ? "" : t.group(1).strip();
            if (language.isEmpty())
                throw ApiException.invalidField("message", "needs a language: /translate <language>, e.g. /translate French");
            if (!LANGUAGE.matcher(language).matches())
                throw ApiException.invalidField("message", "/translate takes a language name (letters, spaces and hyphens, at most 40), e.g. "
                        + "/translate Brazilian Portuguese");
            return new AssistantCommand(Kind.TRANSLATE, language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1));
        }
        return CHAT;
    }

    public boolean isSkill() {
        return kind != Kind.CHAT;
    }
}
