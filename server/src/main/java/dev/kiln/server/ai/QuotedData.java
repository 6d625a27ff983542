package dev.kiln.server.ai;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Wraps text that people wrote (recalled messages, summaries of them) as quoted data for the model, between
 * {@code <kiln-data-NONCE>} tags. The nonce is random per prompt, and any {@code <kiln-data} or {@code </kiln-data}
 * inside the text is defused first, so nothing a person writes can close the block and speak as the prompt.
 */
final class QuotedData {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TAG_LOOKALIKE = Pattern.compile("<(\\s*/?\\s*kiln-data)", Pattern.CASE_INSENSITIVE);

    private final String tag;

    private QuotedData(String tag) {
        this.tag = tag;
    }

    /** A fresh, unguessable tag for one prompt. */
    static QuotedData fresh() {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return new QuotedData("kiln-data-" + HexFormat.of().formatHex(nonce));
    }

    String tag() {
        return tag;
    }

    /** The text between an opening and a closing tag; {@code kind} says what it is (a fixed word, never user text). */
    String block(String kind, String text) {
        return "<" + tag + " kind=\"" + kind + "\">\n" + defuse(text) + "\n</" + tag + ">";
    }

    /** Turns every tag lookalike's "<" into "‹", so it reads the same to a model but closes nothing. */
    static String defuse(String text) {
        return text == null ? "" : TAG_LOOKALIKE.matcher(text).replaceAll("‹$1");
    }
}
