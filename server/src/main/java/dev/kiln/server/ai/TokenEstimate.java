package dev.kiln.server.ai;

/**
 * A provider-neutral token estimate: one token per four characters, rounded up. Real tokenizers differ by
 * model and language; this is only used to fit context to a budget and when a provider reports no usage.
 */
final class TokenEstimate {
    private TokenEstimate() {}

    static int of(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }
}
