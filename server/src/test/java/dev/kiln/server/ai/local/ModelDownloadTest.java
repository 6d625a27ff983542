package dev.kiln.server.ai.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Model downloads against a real local HTTP server: verification, resuming with Range, stalls, and checksum mismatches. */
class ModelDownloadTest {
    private static final int SIZE = 3_000_000;
    private byte[] file;
    private ModelFileServer server;
    private Path dir;
    private Path target;
    private final List<long[]> progress = new CopyOnWriteArrayList<>();
    private final ModelDownload download = new ModelDownload(3, Duration.ofMillis(700), Duration.ofMillis(50));

    @BeforeEach
    void setUp() throws Exception {
        file = new byte[SIZE];
        new java.util.Random(7).nextBytes(file);
        server = new ModelFileServer(file);
        dir = Files.createTempDirectory("kiln-download-test");
        target = dir.resolve("models").resolve("model.gguf");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Path fetch(String url, String sha) throws Exception {
        return download.fetch(URI.create(url), sha, target, (done, total) -> progress.add(new long[] {done, total}));
    }

    @Test
    void downloadsVerifiesAndRenamesOnlyTheCompleteFile() throws Exception {
        assertThat(fetch(server.url("cdn", "model.gguf"), server.sha256().toUpperCase())).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(file);
        assertThat(ModelDownload.partFile(target)).doesNotExist();
        assertThat(progress.getLast()).containsExactly(SIZE, SIZE);
        assertThat(progress.getFirst()[0]).isZero();
        assertThat(server.seen()).singleElement().satisfies(s -> assertThat(s.range()).isNull());
    }

    @Test
    void withNoConfiguredHashTheOneHuggingFaceStyleServersAnnounceIsChecked() throws Exception {
        fetch(server.url("resolve", "model.gguf"), "");
        assertThat(ModelFileServer.sha256(Files.readAllBytes(target))).isEqualTo(server.sha256());
        assertThat(server.seen()).extracting(ModelFileServer.Seen::path).containsExactly("/resolve/model.gguf", "/cdn/model.gguf");
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        server.fault(new ModelFileServer.Fault(1_200_000, null));
        fetch(server.url("cdn", "model.gguf"), server.sha256());
        assertThat(server.seen()).extracting(ModelFileServer.Seen::range).containsExactly(null, "bytes=1200000-");
        assertThat(ModelFileServer.sha256(Files.readAllBytes(target))).isEqualTo(server.sha256());
        assertThat(progress.stream().mapToLong(p -> p[0]).max().orElseThrow()).isEqualTo(SIZE);
    }

    @Test
    void aPartialFileLeftByAnEarlierRunIsResumed() throws Exception {
        Files.createDirectories(target.getParent());
        Files.write(ModelDownload.partFile(target), Arrays.copyOf(file, 777_777));
        fetch(server.url("cdn", "model.gguf"), server.sha256());
        assertThat(server.seen()).singleElement().satisfies(s -> assertThat(s.range()).isEqualTo("bytes=777777-"));
        assertThat(Files.readAllBytes(target)).isEqualTo(file);
        assertThat(progress.getFirst()).containsExactly(777_777, SIZE);
    }

    @Test
    void aConnectionThatGoesSilentIsDroppedAndResumed() throws Exception {
        server.fault(new ModelFileServer.Fault(500_000, Duration.ofSeconds(20)));
        long started = System.nanoTime();
        fetch(server.url("cdn", "model.gguf"), server.sha256());
        assertThat((System.nanoTime() - started) / 1_000_000).as("well before the server's 20 s of silence end").isLessThan(10_000);
        assertThat(server.seen()).extracting(ModelFileServer.Seen::range).containsExactly(null, "bytes=500000-");
        assertThat(Files.readAllBytes(target)).isEqualTo(file);
    }

    @Test
    void aChecksumMismatchIsRejectedWithAClearReasonAndNothingIsKept() {
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> fetch(server.url("cdn", "model.gguf"), wrong))
                .isInstanceOfSatisfying(ModelDownload.Failed.class, f -> {
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.getMessage()).contains("SHA-256 is " + server.sha256()).contains("but " + wrong + " was expected")
                            .contains("deleted").contains("KILN_MODEL_SHA256");
                });
        assertThat(target).doesNotExist();
        assertThat(ModelDownload.partFile(target)).doesNotExist();
    }

    @Test
    void anUnreachableServerFailsRetryablyAndAMalformedHashFailsAtOnce() {
        assertThatThrownBy(() -> fetch("http://127.0.0.1:1/model.gguf", ""))
                .isInstanceOfSatisfying(ModelDownload.Failed.class, f -> {
                    assertThat(f.retryable()).isTrue();
                    assertThat(f.getMessage()).contains("http://127.0.0.1:1/model.gguf");
                });
        assertThatThrownBy(() -> fetch(server.url("cdn", "model.gguf"), "abc"))
                .isInstanceOfSatisfying(ModelDownload.Failed.class, f -> assertThat(f.getMessage()).contains("KILN_MODEL_SHA256"));
        assertThat(server.seen()).isEmpty();
    }
}
