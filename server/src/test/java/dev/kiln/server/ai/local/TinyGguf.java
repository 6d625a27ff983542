package dev.kiln.server.ai.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny llama-architecture GGUF (v3) model for tests: F32 weights, a SentencePiece ("llama") vocabulary
 * with byte fallback and ChatML control tokens, and optionally a chat template. Written by hand because no
 * Java library writes GGUF, and a real model is hundreds of megabytes.
 *
 * <p>The weights are random except where they make the output predictable: every layer is near zero, so
 * the last token's embedding dominates the residual stream, and {@code output.weight} maps the embedding of
 * the prompt's final newline to {@link #WORDS}[0] and each word to the next, in a cycle. So whatever the
 * prompt, a reply reads " kiln fires clay glaze ..." and never samples end-of-generation: generations run
 * exactly as long as their token limit (or until cancelled).
 *
 * <p>Run {@code main(path)} to write one for a manual or browser test ({@code KILN_MODEL_PATH}).
 */
public final class TinyGguf {
    /** The words a reply cycles through, in order. */
    public static final List<String> WORDS = List.of("kiln", "fires", "clay", "glaze", "pots", "cool", "slowly", "then",
            "shine", "bright", "under", "soft", "morning", "light", "again", "and");
    /** ChatML, as Qwen2.5 ships it (shortened): llama.cpp recognises it by its markers. */
    public static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
            + "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final int ALIGNMENT = 32;
    private static final int TYPE_UINT32 = 4;
    private static final int TYPE_INT32 = 5;
    private static final int TYPE_FLOAT32 = 6;
    private static final int TYPE_BOOL = 7;
    private static final int TYPE_STRING = 8;
    private static final int TYPE_ARRAY = 9;
    private static final int GGML_F32 = 0;
    private static final int TOKEN_NORMAL = 1;
    private static final int TOKEN_UNKNOWN = 2;
    private static final int TOKEN_CONTROL = 3;
    private static final int TOKEN_BYTE = 6;

    /**
     * The model's shape.
     *
     * @param template the chat template stored in {@code tokenizer.chat_template}, or null for none
     */
    public record Shape(int embd, int layers, int heads, int feedForward, int contextLength, String template, long seed) {
        public static Shape small() {
            return new Shape(64, 2, 4, 128, 2048, CHATML_TEMPLATE, 42);
        }

        public Shape withTemplate(String newTemplate) {
            return new Shape(embd, layers, heads, feedForward, contextLength, newTemplate, seed);
        }

        public Shape withSize(int newEmbd, int newLayers, int newFeedForward) {
            return new Shape(newEmbd, newLayers, heads, newFeedForward, contextLength, template, seed);
        }
    }

    private TinyGguf() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "tiny.gguf");
        write(out, Shape.small());
        System.out.println("wrote " + out.toAbsolutePath() + " (" + Files.size(out) + " bytes)");
    }

    public static Path write(Path file) throws IOException {
        return write(file, Shape.small());
    }

    public static Path write(Path file, Shape shape) throws IOException {
        Vocab vocab = vocab();
        int n = vocab.tokens.size();
        int embd = shape.embd();
        Random random = new Random(shape.seed());

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "llama");
        meta.put("general.name", "kiln-tiny-test");
        meta.put("general.alignment", new U32(ALIGNMENT));
        meta.put("llama.context_length", new U32(shape.contextLength()));
        meta.put("llama.embedding_length", new U32(embd));
        meta.put("llama.block_count", new U32(shape.layers()));
        meta.put("llama.feed_forward_length", new U32(shape.feedForward()));
        meta.put("llama.attention.head_count", new U32(shape.heads()));
        meta.put("llama.attention.head_count_kv", new U32(shape.heads()));
        meta.put("llama.rope.dimension_count", new U32(embd / shape.heads()));
        meta.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        meta.put("llama.vocab_size", new U32(n));
        meta.put("tokenizer.ggml.model", "llama");
        meta.put("tokenizer.ggml.tokens", vocab.tokens);
        meta.put("tokenizer.ggml.scores", vocab.scores);
        meta.put("tokenizer.ggml.token_type", vocab.types);
        meta.put("tokenizer.ggml.unknown_token_id", new U32(0));
        meta.put("tokenizer.ggml.bos_token_id", new U32(1));
        meta.put("tokenizer.ggml.eos_token_id", new U32(vocab.id("<|im_end|>")));
        meta.put("tokenizer.ggml.add_bos_token", Boolean.FALSE);
        meta.put("tokenizer.ggml.add_eos_token", Boolean.FALSE);
        if (shape.template() != null) meta.put("tokenizer.chat_template", shape.template());

        // Row-major [rows][cols] in Java = GGUF dims {cols, rows} (ne0 is the fastest-varying dimension).
        float[][] embeddings = gaussian(random, n, embd, 1f);
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(new Tensor("token_embd.weight", new long[] {embd, n}, flatten(embeddings)));
        for (int layer = 0; layer < shape.layers(); layer++) {
            String p = "blk." + layer + ".";
            tensors.add(new Tensor(p + "attn_norm.weight", new long[] {embd}, ones(embd)));
            tensors.add(new Tensor(p + "attn_q.weight", new long[] {embd, embd}, flatten(gaussian(random, embd, embd, 1e-3f))));
            tensors.add(new Tensor(p + "attn_k.weight", new long[] {embd, embd}, flatten(gaussian(random, embd, embd, 1e-3f))));
            tensors.add(new Tensor(p + "attn_v.weight", new long[] {embd, embd}, flatten(gaussian(random, embd, embd, 1e-3f))));
            tensors.add(new Tensor(p + "attn_output.weight", new long[] {embd, embd}, flatten(gaussian(random, embd, embd, 1e-3f))));
            tensors.add(new Tensor(p + "ffn_norm.weight", new long[] {embd}, ones(embd)));
            int ff = shape.feedForward();
            tensors.add(new Tensor(p + "ffn_gate.weight", new long[] {embd, ff}, flatten(gaussian(random, ff, embd, 1e-3f))));
            tensors.add(new Tensor(p + "ffn_up.weight", new long[] {embd, ff}, flatten(gaussian(random, ff, embd, 1e-3f))));
            tensors.add(new Tensor(p + "ffn_down.weight", new long[] {ff, embd}, flatten(gaussian(random, embd, ff, 1e-3f))));
        }
        tensors.add(new Tensor("output_norm.weight", new long[] {embd}, ones(embd)));
        tensors.add(new Tensor("output.weight", new long[] {embd, n}, flatten(cycleHead(vocab, embeddings))));

        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            Writer w = new Writer();
            w.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
            w.u32(3);
            w.u64(tensors.size());
            w.u64(meta.size());
            for (Map.Entry<String, Object> e : meta.entrySet()) {
                w.string(e.getKey());
                w.value(e.getValue());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                w.string(t.name());
                w.u32(t.dims().length);
                for (long d : t.dims()) w.u64(d);
                w.u32(GGML_F32);
                w.u64(offset);
                offset = align(offset + 4L * t.data().length);
            }
            w.pad();
            for (Tensor t : tensors) {
                for (float f : t.data()) w.f32(f);
                w.pad();
            }
            out.write(w.toByteArray());
        }
        return file;
    }

    /**
     * The output head: the logit of word i+1 is the (scaled) similarity of the current embedding to word i's
     * (to the newline byte's for word 0), every other row is zero, so the next token is the cycle's next word
     * by a margin of about 5 x scale nats.
     */
    private static float[][] cycleHead(Vocab vocab, float[][] embeddings) {
        float scale = 6f;
        float[][] head = new float[embeddings.length][embeddings[0].length];
        follow(head, embeddings[vocab.id("<0x0A>")], vocab.id("\u2581" + WORDS.getFirst()), scale);
        for (int i = 0; i < WORDS.size(); i++) {
            int from = vocab.id("\u2581" + WORDS.get(i));
            int to = vocab.id("\u2581" + WORDS.get((i + 1) % WORDS.size()));
            follow(head, embeddings[from], to, scale);
        }
        return head;
    }

    /** Adds the unit direction of {@code from} to the target's row (word 0 follows both the newline and the last word). */
    private static void follow(float[][] head, float[] from, int target, float scale) {
        double norm = 0;
        for (float v : from) norm += v * v;
        norm = Math.sqrt(norm);
        for (int j = 0; j < from.length; j++) head[target][j] += (float) (scale * from[j] / norm);
    }

    /** Control tokens, the 256 byte-fallback tokens, printable ASCII characters and the reply words. */
    private static Vocab vocab() {
        Vocab v = new Vocab();
        v.add("<unk>", 0f, TOKEN_UNKNOWN);
        v.add("<s>", 0f, TOKEN_CONTROL);
        v.add("</s>", 0f, TOKEN_CONTROL);
        v.add("<|im_start|>", 0f, TOKEN_CONTROL);
        v.add("<|im_end|>", 0f, TOKEN_CONTROL);
        for (int b = 0; b < 256; b++) v.add(String.format("<0x%02X>", b), 0f, TOKEN_BYTE);
        v.add("\u2581", -1f, TOKEN_NORMAL);
        for (char c = '!'; c <= '~'; c++) v.add(String.valueOf(c), -1f, TOKEN_NORMAL);
        for (String word : WORDS) v.add("\u2581" + word, 0f, TOKEN_NORMAL);
        return v;
    }

    private static float[][] gaussian(Random random, int rows, int cols, float sd) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) for (int j = 0; j < cols; j++) row[j] = (float) (random.nextGaussian() * sd);
        return m;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    private static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        return out;
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private record U32(int value) {}

    private record Tensor(String name, long[] dims, float[] data) {}

    private static final class Vocab {
        final List<String> tokens = new ArrayList<>();
        final List<Float> scores = new ArrayList<>();
        final List<Integer> types = new ArrayList<>();

        void add(String token, float score, int type) {
            tokens.add(token);
            scores.add(score);
            types.add(type);
        }

        int id(String token) {
            int i = tokens.indexOf(token);
            if (i < 0) throw new IllegalArgumentException("no token " + token);
            return i;
        }
    }

    /** Little-endian GGUF encoding into memory (the models are tiny). */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        private void room(int bytes) {
            if (buf.remaining() >= bytes) return;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + bytes)).order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }

        void bytes(byte[] b) {
            room(b.length);
            buf.put(b);
        }

        void u32(int v) {
            room(4);
            buf.putInt(v);
        }

        void u64(long v) {
            room(8);
            buf.putLong(v);
        }

        void f32(float v) {
            room(4);
            buf.putFloat(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void pad() {
            while (buf.position() % ALIGNMENT != 0) {
                room(1);
                buf.put((byte) 0);
            }
        }

        void value(Object v) {
            switch (v) {
                case U32 u -> { u32(TYPE_UINT32); u32(u.value()); }
                case Float f -> { u32(TYPE_FLOAT32); f32(f); }
                case Boolean b -> { u32(TYPE_BOOL); room(1); buf.put((byte) (b ? 1 : 0)); }
                case String s -> { u32(TYPE_STRING); string(s); }
                case List<?> list -> array(list);
                default -> throw new IllegalArgumentException("unsupported metadata value " + v.getClass());
            }
        }

        void array(List<?> list) {
            u32(TYPE_ARRAY);
            Object first = list.getFirst();
            int type = first instanceof String ? TYPE_STRING : first instanceof Float ? TYPE_FLOAT32 : TYPE_INT32;
            u32(type);
            u64(list.size());
            for (Object o : list) {
                switch (o) {
                    case String s -> string(s);
                    case Float f -> f32(f);
                    case Integer i -> u32(i);
                    default -> throw new IllegalArgumentException("unsupported array element " + o.getClass());
                }
            }
        }

        byte[] toByteArray() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
