package dev.kiln.mesh.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named PBR materials used by templates and by the interpreter's material words ("wooden", "gold"). */
public final class MaterialPresets {

    public static final MaterialSpec WOOD = new MaterialSpec("#8b5a2b", 0.0, 0.8, 1.0);
    public static final MaterialSpec DARK_WOOD = new MaterialSpec("#5c3a1e", 0.0, 0.8, 1.0);
    public static final MaterialSpec METAL = new MaterialSpec("#a8a9ad", 1.0, 0.35, 1.0);
    public static final MaterialSpec STEEL = new MaterialSpec("#8f9499", 1.0, 0.3, 1.0);
    public static final MaterialSpec IRON = new MaterialSpec("#5a5a5c", 1.0, 0.55, 1.0);
    public static final MaterialSpec CHROME = new MaterialSpec("#e8e8ea", 1.0, 0.05, 1.0);
    public static final MaterialSpec GOLD = new MaterialSpec("#ffc94d", 1.0, 0.25, 1.0);
    public static final MaterialSpec SILVER = new MaterialSpec("#d4d4d8", 1.0, 0.2, 1.0);
    public static final MaterialSpec BRONZE = new MaterialSpec("#b08d57", 1.0, 0.4, 1.0);
    public static final MaterialSpec COPPER = new MaterialSpec("#b87333", 1.0, 0.3, 1.0);
    public static final MaterialSpec GLASS = new MaterialSpec("#dcefff", 0.0, 0.05, 0.35);
    public static final MaterialSpec ICE = new MaterialSpec("#d6f1ff", 0.0, 0.1, 0.7);
    public static final MaterialSpec STONE = new MaterialSpec("#8a8580", 0.0, 0.9, 1.0);
    public static final MaterialSpec CONCRETE = new MaterialSpec("#a3a3a0", 0.0, 0.95, 1.0);
    public static final MaterialSpec MARBLE = new MaterialSpec("#f0ede6", 0.0, 0.3, 1.0);
    public static final MaterialSpec BRICK = new MaterialSpec("#a5462d", 0.0, 0.9, 1.0);
    public static final MaterialSpec PLASTIC = new MaterialSpec("#e0e0e0", 0.0, 0.4, 1.0);
    public static final MaterialSpec RUBBER = new MaterialSpec("#222222", 0.0, 0.95, 1.0);
    public static final MaterialSpec CERAMIC = new MaterialSpec("#f4f1ea", 0.0, 0.25, 1.0);
    public static final MaterialSpec CLAY = new MaterialSpec("#b66a50", 0.0, 0.85, 1.0);
    public static final MaterialSpec FABRIC = new MaterialSpec("#7d7d9c", 0.0, 1.0, 1.0);
    public static final MaterialSpec PAPER = new MaterialSpec("#f5f2e8", 0.0, 0.9, 1.0);
    public static final MaterialSpec SNOW = new MaterialSpec("#fafafa", 0.0, 0.7, 1.0);
    public static final MaterialSpec FOLIAGE = new MaterialSpec("#2e8b3a", 0.0, 0.8, 1.0);
    public static final MaterialSpec BARK = new MaterialSpec("#6b4423", 0.0, 0.9, 1.0);
    public static final MaterialSpec BLACK = new MaterialSpec("#111111", 0.0, 0.5, 1.0);
    public static final MaterialSpec WHITE = new MaterialSpec("#f5f5f5", 0.0, 0.5, 1.0);
    public static final MaterialSpec ROOF_RED = new MaterialSpec("#8e2b20", 0.0, 0.8, 1.0);
    public static final MaterialSpec WINDOW = new MaterialSpec("#9fd3ff", 0.2, 0.1, 0.8);
    public static final MaterialSpec LIGHT = new MaterialSpec("#fff3b0", 0.0, 0.2, 1.0);
    public static final MaterialSpec ORANGE = new MaterialSpec("#ff8c1a", 0.0, 0.6, 1.0);
    public static final MaterialSpec YELLOW = new MaterialSpec("#ffd21f", 0.0, 0.6, 1.0);
    public static final MaterialSpec RED = new MaterialSpec("#d22b2b", 0.0, 0.5, 1.0);
    public static final MaterialSpec GREEN = new MaterialSpec("#3c9a3c", 0.0, 0.7, 1.0);

    private MaterialPresets() {
    }

    /** Material words understood in descriptions, mapped to presets. */
    public static Map<String, MaterialSpec> byWord() {
        Map<String, MaterialSpec> m = new LinkedHashMap<>();
        m.put("wooden", WOOD);
        m.put("wood", WOOD);
        m.put("oak", WOOD);
        m.put("bamboo", new MaterialSpec("#c8b273", 0.0, 0.7, 1.0));
        m.put("walnut", DARK_WOOD);
        m.put("metal", METAL);
        m.put("metallic", METAL);
        m.put("steel", STEEL);
        m.put("iron", IRON);
        m.put("chrome", CHROME);
        m.put("aluminium", METAL);
        m.put("aluminum", METAL);
        m.put("golden", GOLD);
        m.put("gold", GOLD);
        m.put("silver", SILVER);
        m.put("bronze", BRONZE);
        m.put("copper", COPPER);
        m.put("glass", GLASS);
        m.put("crystal", GLASS);
        m.put("transparent", GLASS);
        m.put("ice", ICE);
        m.put("icy", ICE);
        m.put("stone", STONE);
        m.put("concrete", CONCRETE);
        m.put("marble", MARBLE);
        m.put("brick", BRICK);
        m.put("plastic", PLASTIC);
        m.put("rubber", RUBBER);
        m.put("ceramic", CERAMIC);
        m.put("porcelain", CERAMIC);
        m.put("clay", CLAY);
        m.put("terracotta", CLAY);
        m.put("fabric", FABRIC);
        m.put("cloth", FABRIC);
        m.put("paper", PAPER);
        return m;
    }
}
