package dev.kiln.mesh.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * glTF-style PBR metallic-roughness material.
 *
 * @param baseColor sRGB colour as {@code #rrggbb}
 * @param metalness 0 (dielectric) .. 1 (metal)
 * @param roughness 0 (mirror) .. 1 (matte)
 * @param opacity   0 (invisible) .. 1 (opaque); below 1 exports as alpha blending
 */
public record MaterialSpec(String baseColor, double metalness, double roughness, double opacity) {

    public static final MaterialSpec DEFAULT = new MaterialSpec("#b0b0b0", 0.0, 0.6, 1.0);

    public MaterialSpec {
        baseColor = baseColor == null ? DEFAULT_COLOR : baseColor.toLowerCase(Locale.ROOT);
    }

    private static final String DEFAULT_COLOR = "#b0b0b0";

    /** JSON creator: absent fields take the defaults of {@link #DEFAULT} rather than 0. */
    @JsonCreator
    static MaterialSpec fromJson(@JsonProperty("baseColor") String baseColor, @JsonProperty("metalness") Double metalness,
            @JsonProperty("roughness") Double roughness, @JsonProperty("opacity") Double opacity) {
        return new MaterialSpec(baseColor, metalness == null ? DEFAULT.metalness : metalness,
                roughness == null ? DEFAULT.roughness : roughness, opacity == null ? DEFAULT.opacity : opacity);
    }

    public static MaterialSpec color(String hex) {
        return new MaterialSpec(hex, 0.0, 0.6, 1.0);
    }

    public MaterialSpec withColor(String hex) {
        return new MaterialSpec(hex, metalness, roughness, opacity);
    }

    public MaterialSpec withOpacity(double value) {
        return new MaterialSpec(baseColor, metalness, roughness, value);
    }

    /** Base colour as linear-light RGB in 0..1 (glTF's baseColorFactor is linear). */
    public double[] linearRgb() {
        int rgb = Integer.parseInt(baseColor.substring(1), 16);
        return new double[] {srgbToLinear((rgb >> 16) & 255), srgbToLinear((rgb >> 8) & 255), srgbToLinear(rgb & 255)};
    }

    /** Base colour as sRGB in 0..1 (what OBJ/MTL viewers expect). */
    public double[] srgb() {
        int rgb = Integer.parseInt(baseColor.substring(1), 16);
        return new double[] {((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0};
    }

    public static boolean isHexColor(String s) {
        return s != null && s.matches("#[0-9a-fA-F]{6}");
    }

    private static double srgbToLinear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
