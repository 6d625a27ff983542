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
 * Both work on whole words, so a {@link Filtered} stream shows each word once it is complete, holding back only
 * words that may begin a run of the prompt until it knows their fate; what it emits, concatenated, is exactly what
 * filtering the whole reply at once gives. Hand-written because no library filters a token stream incrementally.
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
    /** A word with the whitespace before it, complete once whitespace follows. */
    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+(?=\\s)");
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

    /** The prompt's n-word runs, and every shorter beginning of one (to know when a run may still be starting). */
    private record Ngrams(Set<String> set, Set<String> prefixes, int n) {}

    private Ngrams ngrams(String prompt) {
        List<String> words = new ArrayList<>();
        for (String w : (prompt == null ? "" : prompt).split("\\s+")) {
            String n = normalize(w);
            if (!n.isEmpty()) words.add(n);
        }
        int n = Math.min(Math.max(2, cfg.promptLeakWords()), words.size());
        if (n < MIN_PROMPT_WORDS) return null;
        Set<String> set = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i + n <= words.size(); i++) {
            set.add(String.join(" ", words.subList(i, i + n)));
            for (int k = 1; k < n; k++) prefixes.add(String.join(" ", words.subList(i, i + k)));
        }
        return new Ngrams(set, prefixes, n);
    }

    static String normalize(String word) {
        return WORD_EDGES.matcher(Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /**
     * One reply being filtered as it streams. Tokens are a word with the whitespace before it (as language models
     * emit them); a token is shown as soon as it is complete (whitespace follows) and no run of the prompt's words
     * can still go through it, so ordinary text streams one token behind and only a possible leak is held back.
     * Not thread-safe: feed it from one thread (deltas arrive in order).
     */
    public final class Filtered {
        private final boolean redact;
        private final Ngrams prompt;
        private final StringBuilder pending = new StringBuilder();
        /** Complete tokens not yet shown, with their normalized words ("" for punctuation or whitespace only). */
        private final List<String> tokens = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        /** The last n-1 words already decided, for runs that began before what is held. */
        private final List<String> history = new ArrayList<>();
        private final StringBuilder output = new StringBuilder();
        private boolean started;
        private boolean withholding;
        /** While withholding: what came after the last withheld word, shown only if the run ends there. */
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
            Matcher m = TOKEN.matcher(pending);
            int consumed = 0;
            while (m.find() && m.start() == consumed) {
                add(m.group());
                consumed = m.end();
            }
            pending.delete(0, consumed);
            return emit(false);
        }

        /** The reply ended (or was cancelled): everything held back, filtered. */
        public String finish() {
            if (!pending.isEmpty()) {
                String rest = pending.toString();
                String body = rest.stripTrailing();
                if (!body.isEmpty()) add(body);
                if (body.length() < rest.length()) add(rest.substring(body.length()));
            }
            pending.setLength(0);
            return emit(true);
        }

        /** Whether any text was fed in yet. */
        public boolean started() {
            return started;
        }

        /** Everything shown so far. */
        public String output() {
            return output.toString();
        }

        private void add(String token) {
            tokens.add(token);
            words.add(normalize(token.strip()));
        }

        private String emit(boolean all) {
            StringBuilder out = new StringBuilder();
            while (!tokens.isEmpty()) {
                String token = tokens.getFirst();
                String word = words.getFirst();
                String bare = token.strip();
                String lead = token.substring(0, token.length() - token.stripLeading().length());
                if (redact && (inKey || bare.startsWith("-----BEGIN"))) {
                    // A PEM block: everything up to the end of its "-----END … -----" line goes.
                    if (!inKey) out.append(lead).append(REDACTED_KEY);
                    inKey = true;
                    if (bare.contains("-----END")) keyEnding = true;
                    if (keyEnding && bare.endsWith("-----") && !bare.equals("-----END")) {
                        inKey = false;
                        keyEnding = false;
                    }
                    pop();
                    continue;
                }
                if (word.isEmpty()) {
                    // Punctuation or whitespace alone: between withheld words it goes with them if the run goes on.
                    if (withholding) separator += token;
                    else out.append(redact ? redact(token) : token);
                    pop();
                    continue;
                }
                Boolean covered = covered(all);
                if (covered == null) break; // a run of the prompt may be starting here: wait for more words
                if (covered) {
                    if (!withholding) out.append(lead).append(WITHHELD);
                    withholding = true;
                    separator = "";
                } else {
                    if (withholding) out.append(redact ? redact(separator) : separator);
                    withholding = false;
                    separator = "";
                    out.append(redact ? redact(token) : token);
                }
                remember(word);
                pop();
            }
            if (all && withholding) {
                out.append(redact ? redact(separator) : separator);
                withholding = false;
                separator = "";
            }
            output.append(out);
            return out.toString();
        }

        private void pop() {
            tokens.removeFirst();
            words.removeFirst();
        }

        /**
         * Whether the first held word lies in an n-word run of the prompt: true, false, or null while some run through
         * it is still incomplete but could match (only until the reply ends).
         */
        private Boolean covered(boolean ended) {
            if (prompt == null) return false;
            int n = prompt.n();
            List<String> seq = new ArrayList<>(history);
            int at = seq.size();
            for (String w : words) if (!w.isEmpty()) seq.add(w);
            boolean undecided = false;
            for (int start = Math.max(0, at - n + 1); start <= at; start++) {
                if (start + n <= seq.size()) {
                    if (prompt.set().contains(String.join(" ", seq.subList(start, start + n)))) return true;
                } else if (!ended && prompt.prefixes().contains(String.join(" ", seq.subList(start, seq.size())))) {
                    undecided = true;
                }
            }
            return undecided ? null : false;
        }

        private void remember(String word) {
            if (prompt == null) return;
            history.add(word);
            if (history.size() > prompt.n() - 1) history.removeFirst();
        }

        private String redact(String token) {
            String out = SECRET.matcher(token).replaceAll(REDACTED);
            for (String key : ownKeys) out = out.replace(key, REDACTED);
            return out;
        }
    }
}
