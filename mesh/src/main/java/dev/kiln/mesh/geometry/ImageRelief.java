package dev.kiln.mesh.geometry;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/**
 * Image to 3D: a relief (bright = high) or a lithophane (dark = thick, for backlit prints) from PNG
 * or JPEG bytes, as a closed {@link HeightfieldGeometry} block.
 */
public final class ImageRelief {

    /**
     * @param width        size of the longer image side in metres (the other follows the aspect ratio)
     * @param maxHeight    relief height for white (or, in lithophane mode, for black) in metres
     * @param base         solid thickness under the relief in metres
     * @param maxSamples   cap on grid points along the longer side (the image is averaged down to it)
     * @param lithophane   true to invert: dark pixels become thick
     */
    public record Options(double width, double maxHeight, double base, int maxSamples, boolean lithophane) {

        public static final Options RELIEF = new Options(0.1, 0.005, 0.002, 200, false);
        public static final Options LITHOPHANE = new Options(0.1, 0.003, 0.0008, 200, true);

        public Options {
            if (!(width > 0) || !(maxHeight > 0) || !(base > 0) || maxSamples < 2) {
                throw new IllegalArgumentException("relief options must be positive (maxSamples >= 2)");
            }
        }
    }

    private ImageRelief() {
    }

    /** Reads an image (PNG, JPEG, anything javax.imageio knows) and builds the relief. */
    public static TriangleMesh fromImage(InputStream imageBytes, Options options) throws IOException {
        BufferedImage image = ImageIO.read(imageBytes);
        if (image == null) {
            throw new IOException("not a readable image (PNG or JPEG expected)");
        }
        return fromImage(image, options);
    }

    public static TriangleMesh fromImage(BufferedImage image, Options options) {
        int w = image.getWidth(), h = image.getHeight();
        int longer = Math.max(w, h);
        int samples = Math.min(options.maxSamples(), longer);
        int cols = Math.max(2, (int) Math.round((double) samples * w / longer));
        int rows = Math.max(2, (int) Math.round((double) samples * h / longer));
        double[][] heights = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // average the pixels that fall into this grid cell (a box filter when downsampling)
                int px0 = c * w / cols, px1 = Math.max(px0 + 1, (c + 1) * w / cols);
                int py0 = r * h / rows, py1 = Math.max(py0 + 1, (r + 1) * h / rows);
                double sum = 0;
                int n = 0;
                for (int y = py0; y < py1 && y < h; y++) {
                    for (int x = px0; x < px1 && x < w; x++) {
                        sum += luminance(image.getRGB(x, y));
                        n++;
                    }
                }
                double l = n == 0 ? 0 : sum / n;
                heights[r][c] = options.maxHeight() * (options.lithophane() ? 1 - l : l);
            }
        }
        double width = options.width() * w / longer, depth = options.width() * h / longer;
        return HeightfieldGeometry.create(heights, width, depth, options.base());
    }

    /** Relative luminance 0..1 (Rec. 709 weights); transparent pixels count as white paper. */
    static double luminance(int argb) {
        double a = ((argb >>> 24) & 255) / 255.0;
        double r = ((argb >> 16) & 255) / 255.0, g = ((argb >> 8) & 255) / 255.0, b = (argb & 255) / 255.0;
        double l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        return l * a + (1 - a);
    }
}
