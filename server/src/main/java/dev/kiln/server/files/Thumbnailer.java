package dev.kiln.server.files;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/** Scales images down for previews (JDK ImageIO: PNG, JPEG, GIF, BMP). */
@Component
public class Thumbnailer {

    /** An image's size and its thumbnail. */
    public record Result(int width, int height, BufferedImage thumbnail) {}

    /** Images above this many pixels get no thumbnail: decoding them could exhaust memory (decompression bombs). */
    static final long MAX_PIXELS = 40_000_000L;

    /** Returns null when the file is not an image ImageIO can read, or is too large to decode safely. */
    public Result read(Path file, int maxSide) throws IOException {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) return null;
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) return null;
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException corrupt) {
            return null;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage thumb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, tw, th, null);
        g.dispose();
        return new Result(w, h, thumb);
    }

    public void writePng(BufferedImage image, OutputStream out) throws IOException {
        ImageIO.write(image, "png", out);
    }
}
