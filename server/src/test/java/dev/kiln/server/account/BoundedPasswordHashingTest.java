package dev.kiln.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordHashingTest {

    /** Argon2id itself, counting how many hashes run at the same moment. */
    static final class CountingArgon2 implements PasswordEncoder {
        final PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        private <T> T counted(java.util.function.Supplier<T> work) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return work.get();
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public String encode(CharSequence raw) {
            return counted(() -> argon2.encode(raw));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return counted(() -> argon2.matches(raw, encoded));
        }
    }

    @Test
    void aBurstOfSignInsHashesAtMostTheLimitAtOnceAndEveryResultIsRight() throws Exception {
        CountingArgon2 argon2 = new CountingArgon2();
        BoundedPasswordHashing hashing = new BoundedPasswordHashing(argon2, 2);
        String stored = hashing.encode("correct horse");
        List<Future<Boolean>> results = new ArrayList<>();
        // Platform threads, so the OS would run all six hashes at once if nothing held them back.
        try (ExecutorService burst = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 12; i++) {
                String attempt = i % 3 == 0 ? "wrong" : "correct horse";
                results.add(burst.submit(() -> hashing.matches(attempt, stored)));
            }
        }
        for (int i = 0; i < results.size(); i++) assertThat(results.get(i).get()).as("attempt %d", i).isEqualTo(i % 3 != 0);
        assertThat(argon2.mostAtOnce.get()).isEqualTo(2);
    }
}
