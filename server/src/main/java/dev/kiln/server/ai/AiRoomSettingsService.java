package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.ai.local.LocalModel;
import dev.kiln.server.chat.ChatService;
import dev.kiln.server.chat.Conversation;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reads and validates a room's assistant settings; only the room's owner or admins may see or change them. */
@Service
public class AiRoomSettingsService {
    static final int PROMPT_MAX_CHARS = 4_000;
    static final int MODEL_MAX_CHARS = 100;

    /** The settings as clients see them; {@code providers} lists what this server has configured. */
    public record View(String conversationId, boolean enabled, String systemPrompt, String provider, String model, Double temperature,
                       List<String> providers) {}

    /** A PUT body: every field replaces the stored one; null means the server default (enabled defaults to true). */
    public record Update(Boolean enabled, String systemPrompt, String provider, String model, Double temperature) {}

    private final ChatService chat;
    private final AiSettingsRepository repository;
    private final ProviderChain chain;
    private final LocalModel localModel;
    private final Clock clock;

    public AiRoomSettingsService(ChatService chat, AiSettingsRepository repository, ProviderChain chain, LocalModel localModel, Clock clock) {
        this.chat = chat;
        this.localModel = localModel;
        this.repository = repository;
        this.chain = chain;
        this.clock = clock;
    }

    public View get(AuthUser caller, String conversationId) {
        Conversation c = requireManager(caller, conversationId);
        return view(repository.findOrDefaults(c.id()));
    }

    public View put(AuthUser caller, String conversationId, Update body) {
        Conversation c = requireManager(caller, conversationId);
        if (body == null) throw ApiException.badRequest("request body is required");
        String prompt = blankToNull(body.systemPrompt());
        if (prompt != null && prompt.length() > PROMPT_MAX_CHARS)
            throw ApiException.invalidField("systemPrompt", "must be at most " + PROMPT_MAX_CHARS + " characters");
        String provider = blankToNull(body.provider());
        if (provider != null && !chain.names().contains(provider))
            throw ApiException.invalidField("provider", chain.isEmpty() ? "cannot be set: no AI provider is configured on this server"
                    : "must be one of the configured providers: " + String.join(", ", chain.names()));
        String model = blankToNull(body.model());
        if (model != null && model.length() > MODEL_MAX_CHARS)
            throw ApiException.invalidField("model", "must be at most " + MODEL_MAX_CHARS + " characters");
        if (model != null && AiProviders.LOCAL.equals(provider != null ? provider : firstProvider()) && !isLoadedLocalModel(model))
            throw ApiException.invalidField("model", "the local provider runs " + localModel.name() + "; set KILN_MODEL_PATH to change it "
                    + "(leave model empty, or set it to " + localModel.name() + ")");
        Double t = body.temperature();
        if (t != null && (t.isNaN() || t < 0 || t > 2)) throw ApiException.invalidField("temperature", "must be between 0 and 2");
        AiRoomSettings s = new AiRoomSettings(c.id(), body.enabled() == null || body.enabled(), prompt, provider, model, t);
        repository.save(s, caller.id(), clock.millis());
        return view(s);
    }

    private String firstProvider() {
        return chain.names().isEmpty() ? null : chain.names().getFirst();
    }

    /**
     * The local provider has one model loaded for the whole server (loading another GGUF file per reply would
     * take seconds and gigabytes), so a room may only name that one, by its name or its file name.
     */
    private boolean isLoadedLocalModel(String model) {
        String loaded = localModel.name();
        return model.equalsIgnoreCase(loaded) || model.equalsIgnoreCase(loaded + ".gguf");
    }

    private Conversation requireManager(AuthUser caller, String conversationId) {
        Conversation c = chat.requireConversation(conversationId);
        if (!chat.requireMember(c, caller.id()).canManage())
            throw ApiException.forbidden("only the room's owner or an admin can see or change the assistant's settings");
        return c;
    }

    private View view(AiRoomSettings s) {
        return new View(Ids.format(s.conversationId()), s.enabled(), s.systemPrompt(), s.provider(), s.model(), s.temperature(),
                chain.names());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
