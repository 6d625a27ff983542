package dev.kiln.server.ai;

import dev.kiln.server.shared.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No model could answer: REST turns it into 503 problem+json, sockets into {@code ai_error} with code {@code ai_unavailable}. */
public class AiUnavailableException extends ApiException {
    static final String CODE = "ai_unavailable";

    AiUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, CODE, message);
    }

    static AiUnavailableException notConfigured() {
        return new AiUnavailableException("No AI model is configured on this server. To enable the assistant, set KILN_AI_PROVIDER "
                + "to local (a model run inside Kiln: KILN_MODEL_PATH, or the default model downloaded on first start), or to openai "
                + "or anthropic (or a chain such as \"local,openai\") with KILN_AI_API_KEY and KILN_AI_MODEL "
                + "(and KILN_AI_BASE_URL for any OpenAI-compatible server), then restart Kiln.");
    }

    /** Every configured provider is still getting ready or cannot start; each reason says what to do. */
    static AiUnavailableException notReady(List<String> reasons) {
        return new AiUnavailableException(String.join(" ", reasons));
    }

    static AiUnavailableException allFailed(List<String> failures) {
        return new AiUnavailableException("The assistant could not get an answer from any AI provider (" + String.join("; ", failures)
                + "). Try again shortly; if it persists, check KILN_AI_PROVIDER, KILN_AI_BASE_URL, KILN_AI_API_KEY and KILN_AI_MODEL.");
    }

    static AiUnavailableException interrupted(List<String> failures) {
        return new AiUnavailableException("The AI provider stopped in the middle of the reply (" + String.join("; ", failures)
                + "). Ask again to retry.");
    }
}
