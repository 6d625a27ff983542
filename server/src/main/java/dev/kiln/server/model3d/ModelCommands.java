package dev.kiln.server.model3d;

import java.util.List;

/** Inputs of the text-to-3D API, shared by REST and the generate_3d_model socket event. */
public final class ModelCommands {
    private ModelCommands() {}

    /** POST /api/3d/generate and generate_3d_model. */
    public record Generate(String description, GenerateOptions options, String conversationId) {}

    /** {@code complexity}: low | medium | high (default medium); {@code style}: smooth | flat (default smooth). */
    public record GenerateOptions(String complexity, String style) {}

    /** PATCH /api/3d/models/{id}. */
    public record Update(String name, List<String> tags) {}

    /** POST /api/3d/models/{id}/share. */
    public record Share(String conversationId) {}
}
