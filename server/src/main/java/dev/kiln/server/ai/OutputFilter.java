package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Filters replies before anyone sees them, while they stream:
 * <ul>
 *   <li>secrets: anything shaped like an API key or token (OpenAI/Anthropic {@code sk-…}, AWS, GitHub, GitLab, Slack,
 *       Google keys, long mixed-case base64url runs such as JWTs) and this server's own configured keys become
 *       {@code [redacted]}; a PEM block ({@code -----BEGIN … -----END …-----}) becomes {@code [redacted key]};</li>
 *   <li>the system prompt: any run of {@code promptLeakWords} consecutive words of the room's system prompt (compared
 *       without case or punctuation) becomes {@code [withheld]}.</li>
 * </ul>
 * Both work on whole words, so a {@link Filtered} stream holds back only the last few words until it knows their
 * fate; what it emits, concatenated, is exactly what filtering the whole reply at once gives. Hand-written because
 * no library filters a token stream incrementally.
 */
@Component
public class OutputFilter {
    static final String REDACTED = "[redacted]";
    static final String WITHHELD = "[withheld]";
    static final String REDACTED_KEY = "[redacted key]";
    /** A system prompt shorter than this many words is not worth guarding (and would match ordinary phrases). */
    static final int MIN_PROMPT_WORDS = 4;
    private static final Pattern SECRET = Pattern.compile(String.join("|",
            "sk-[A-Za-z0-9_-]{16,}",
            "AKIA[0-9A-Z]{16}",
            "gh[pousr]_[A-Za-z0-9]{30,}",
            "glpat-[A-Za-z0-9_-]{20,}",
            "xox[abposr]-[A-Za-z0-9-]{10,}",
            "AIza[0-9A-Za-z_-]{35}",
            "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}(?:\\.[A-Za-z0-9_-]*)?", // a JWT
            // Long base64url runs that mix upper case, lower case and digits: JWT parts, bearer tokens, signatures.
            // Hex digests and ordinary words never mix all three; '/' and '.' are left out so URLs and paths survive.
            "(?=[A-Za-z0-9_-]{40,})(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{40,}"));
    private static final Pattern TOKEN = Pattern.compile("\\S+\\s+(?=\\S)");
    private static final Pattern WORD_EDGES = Pattern.compile("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$");

    private final KilnProperties.Ai.OutputFilter cfg;
    private final List<String> ownKeys;

    public OutputFilter(KilnProperties props) {
        this.cfg = props.ai().outputFilter();
        KilnProperties.Ai ai = props.ai();
        this.ownKeys = Stream.of(ai.apiKey(), ai.openai() == null ? null : ai.openai().apiKey(), ai.anthropic() == null ? null : ai.anthropic().apiKey())
                .filter(k -> k != null && k.strip().length() >= 8).map(String::strip).distinct().toList();
    }

    /** A filter for one reply guarding {@code systemPrompt}. */
    public Filtered start(String systemPrompt) {
        return new Filtered(cfg.redactSecrets(), cfg.withholdSystemPrompt() ? ngrams(systemPrompt) : null);
    }

    /** The whole text at once (tests, and replies that did not stream). */
    public String apply(String text, String systemPrompt) {
        Filtered f = start(systemPrompt);
        return f.accept(text) + f.finish();
    }

    private record Ngrams(Set<String> set, int n) {}

    private Ngrams ngrams(String prompt) {
        List<String> words = new ArrayList<>();
        for (String w : (prompt == null ? "" : prompt).split("\\s+")) {
            String n = normalize(w);
            if (!n.isEmpty()) words.add(n);
        }
        int n = Math.min(Math.max(2, cfg.promptLeakWords()), words.size());
        if (n < MIN_PROMPT_WORDS) return null;
        Set<String> set = new HashSet<>();
        for (int i = 0; i + n <= words.size(); i++) set.add(String.join(" ", words.subList(i, i + n)));
        return new Ngrams(set, n);
    }

    static String normalize(String word) {
        return WORD_EDGES.matcher(Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** One reply being filtered as it streams. Not thread-safe: feed it from one thread (deltas arrive in order). */
    public final class Filtered {
        private final boolean redact;
        private final Ngrams prompt;
        private final StringBuilder pending = new StringBuilder();
        /** Complete tokens (a word and the whitespace after it) not yet emitted, with their normalized words. */
        private final List<String> tokens = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        /** Normalized words of the last n-1 emitted tokens, for windows that start before what is held. */
        private final List<String> history = new ArrayList<>();
        private final StringBuilder output = new StringBuilder();
        private boolean withholding;
        private boolean started;
        private String separator = "";
        private boolean inKey;
        private boolean keyEnding;

        private Filtered(boolean redact, Ngrams prompt) {
            this.redact = redact;
            this.prompt = prompt;
        }

        /** Takes the next delta; returns what may be shown now (possibly empty). */
        public String accept(String delta) {
            if (delta == null || delta.isEmpty()) return "";
            started = true;
            pending.append(delta);
            // A token is complete once whitespace follows it and then something else (or the reply ends).
            Matcher m = TOKEN.matcher(pending);
            int consumed = 0;
            while (m.find() && m.start() == consumed) {
                addToken(m.group());
                consumed = m.end();
            }
            if (consumed == 0 && !pending.isEmpty() && Character.isWhitespace(pending.charAt(0))) {
                // Leading whitespace before the first word: pass it through once a word follows.
                int end = 0;
                while (end < pending.length() && Character.isWhitespace(pending.charAt(end))) end++;
                if (end < pending.length()) {
                    addToken(pending.substring(0, end));
                    consumed = end;
                }
            }
            pending.delete(0, consumed);
            return emit(false);
        }

        /** The reply ended (or was cancelled): everything held back, filtered. */
        public String finish() {
            if (!pending.isEmpty()) addToken(pending.toString());
            pending.setLength(0);
            return emit(true);
        }

        /** Whether any text was fed in yet. */
        public boolean started() {
            return started;
        }

        /** Everything emitted so far. */
        public String output() {
            return output.toString();
        }

        private void addToken(String token) {
            tokens.add(token);
            words.add(normalize(token.strip()));
        }

        private String emit(boolean all) {
            StringBuilder out = new StringBuilder();
            while (!tokens.isEmpty() && (all || lookaheadKnown())) {
                String token = tokens.removeFirst();
                String word = words.removeFirst();
                String bare = token.strip();
                String ws = token.substring(token.stripTrailing().length());
                if (redact && (inKey || bare.startsWith("-----BEGIN"))) {
                    // A PEM block: everything up to the end of its "-----END … -----" line goes.
                    if (!inKey) out.append(REDACTED_KEY);
                    inKey = true;
                    if (bare.contains("-----END")) keyEnding = true;
                    if (keyEnding && bare.endsWith("-----") && !bare.equals("-----END")) {
                        inKey = false;
                        keyEnding = false;
                        out.append(ws);
                    }
                    continue;
                }
                boolean covered = covered(word);
                if (covered) {
                    if (!withholding) out.append(WITHHELD);
                    withholding = true;
                    // The run may go on with the next word; what separates them is written only if it does not.
                    separator = ws;
                } else if (withholding && word.isEmpty()) {
                    separator += token; // punctuation between withheld words goes with them if the run goes on
                } else {
                    if (withholding) out.append(redact ? redact(separator) : separator);
                    withholding = false;
                    out.append(redact ? redact(token) : token);
                }
                remember(word);
            }
            if (all && withholding) {
                out.append(redact ? redact(separator) : separator);
                withholding = false;
            }
            output.append(out);
            return out.toString();
        }

        /** True when the first held token's fate is known: n-1 real words follow it. */
        private boolean lookaheadKnown() {
            if (prompt == null) return true;
            int following = 0;
            for (int i = 1; i < words.size(); i++) if (!words.get(i).isEmpty()) following++;
            return following >= prompt.n() - 1;
        }

        /** Whether some n-word window containing this word (the first held one) matches the prompt. */
        private boolean covered(String word) {
            if (prompt == null || word.isEmpty()) return false;
            int n = prompt.n();
            // The sequence: history (emitted), this word, then the held words; windows must contain this word.
            List<String> seq = new ArrayList<>();
            for (String h : history) if (!h.isEmpty()) seq.add(h);
            int at = seq.size();
            seq.add(word);
            for (String w : words) if (!w.isEmpty()) seq.add(w);
            for (int start = Math.max(0, at - n + 1); start <= at && start + n <= seq.size(); start++)
                if (prompt.set().contains(String.join(" ", seq.subList(start, start + n)))) return true;
            return false;
        }

        private void remember(String word) {
            if (prompt == null || word.isEmpty()) return;
            history.add(word);
            if (history.size() > prompt.n()) history.removeFirst();
        }

        private String redact(String token) {
            String out = SECRET.matcher(token).replaceAll(REDACTED);
            for (String key : ownKeys) out = out.replace(key, REDACTED);
            return out;
        }
    }
}
