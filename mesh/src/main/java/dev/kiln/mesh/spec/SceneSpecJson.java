package dev.kiln.mesh.spec;

import java.io.InputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@link SceneSpec} JSON with Jackson; parse errors come back as {@link ValidationError}s. */
public final class SceneSpecJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // NaN/Infinity are accepted here so that the validator can name them precisely instead of a parse error
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SceneSpecJson() {
    }

    /** The shared mapper, configured for scene specs. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static SceneSpec read(String json) {
        try {
            return MAPPER.readValue(json, SceneSpec.class);
        } catch (JacksonException e) {
            throw asInvalid(e);
        }
    }

    public static SceneSpec read(InputStream in) {
        try {
            return MAPPER.readValue(in, SceneSpec.class);
        } catch (JacksonException e) {
            throw asInvalid(e);
        }
    }

    public static String write(SceneSpec spec) {
        return MAPPER.writeValueAsString(spec);
    }

    private static InvalidSceneSpecException asInvalid(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return new InvalidSceneSpecException(List.of(new ValidationError(path.isEmpty() ? "$" : path.toString(),
                "cannot parse: " + (cut > 0 ? message.substring(0, cut) : message))));
    }

}
