package dev.kiln.server.model3d;

import java.util.List;

/** Inputs of the text-to-3D API, shared by REST and the generate_3d_model socket event. */
public final class ModelCommands {
    private ModelCommands() {}

    /**
     * POST /api/3d/generate and generate_3d_model; {@code imageFileId} is an uploaded picture for image-to-3D generators
     * (the description may then be left out: the file name names the model).
     */
    public record Generate(String description, GenerateOptions options, String conversationId, String imageFileId) {}

    /**
     * {@code complexity}: low | medium | high (default medium); {@code style}: smooth | flat (default smooth);
     * {@code generator}: procedural | meshy | stability for a description, relief | lithophane | stability for a picture
     * (default: the server's preferred one for the input).
     */
    public record GenerateOptions(String complexity, String style, String generator) {}

    /** PATCH /api/3d/models/{id}. */
    public record Update(String name, List<String> tags) {}

    /** POST /api/3d/models/{id}/share. */
    public record Share(String conversationId) {}
}
