package dev.kiln.server.ai.local;

import dev.kiln.server.ai.AiProvider;
import dev.kiln.server.ai.AiProviders;
import dev.kiln.server.ai.ProviderFailure;
import dev.kiln.server.config.KilnProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The "local" {@link AiProvider}: replies come from the GGUF model that llama.cpp runs inside this process
 * ({@link LocalModel}). The room's model choice does not apply: one model is loaded, and replies name it. Small local
 * models have no tool calling; they choose tools through a JSON object that llama.cpp's grammar keeps to the schema.
 */
@Component
public class LocalProvider implements AiProvider {
    static final String NAME = AiProviders.LOCAL;

    private final LocalModel model;
    private final Duration timeout;

    public LocalProvider(LocalModel model, KilnProperties props) {
        this.model = model;
        this.timeout = props.ai().local().timeout();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return model.name();
    }

    /** Generous: the wait for the first token includes the queue and prompt processing on a CPU. */
    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public ToolCalling toolCalling() {
        return ToolCalling.STRUCTURED;
    }

    @Override
    public Readiness readiness() {
        return model.readiness();
    }

    @Override
    public Stream stream(Request request, Listener listener) {
        LlamaEngine engine = model.engine();
        if (engine == null) {
            listener.onError(ProviderFailure.of(NAME, "the local model is not ready"));
            return () -> {};
        }
        return engine.generate(request, listener);
    }
}
