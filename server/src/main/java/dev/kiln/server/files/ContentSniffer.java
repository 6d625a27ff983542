package dev.kiln.server.files;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Decides a file's type from its bytes (Apache Tika's magic signatures), using the name only to tell apart
 * formats that have no signature (plain text, OBJ). A PNG renamed to .exe is still a PNG, and an
 * executable renamed to .png is not an image.
 */
@Component
public class ContentSniffer {
    private final Tika tika = new Tika();

    public String detect(InputStream bytes, String fileName) throws IOException {
        String type = tika.detect(bytes, fileName);
        // Tika reports OBJ/STL by name only; map its names onto the media types we publish.
        return switch (type) {
            case "model/x.stl-binary", "model/x.stl-ascii", "application/sla" -> "model/stl";
            case "model/obj" -> "model/obj";
            default -> type;
        };
    }
}
