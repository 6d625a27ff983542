package dev.kiln.server.account;

import java.util.concurrent.Semaphore;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets only a few password hashes run at once. Argon2id is memory-hard on purpose (16 MiB per hash with
 * Kiln's parameters): a burst of sign-ins or sign-ups hashing all at once would grow the heap by 16 MiB per
 * request, so a flood of logins could exhaust memory for everyone. Beyond the limit, requests wait their
 * turn (on virtual threads, so waiting costs no platform thread); hashing is CPU-bound, so more hashes in
 * parallel than cores would not finish sooner anyway.
 */
public final class BoundedPasswordHashing implements PasswordEncoder {
    private final PasswordEncoder delegate;
    private final Semaphore permits;

    public BoundedPasswordHashing(PasswordEncoder delegate, int maxConcurrent) {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
        this.delegate = delegate;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        permits.acquireUninterruptibly();
        try {
            return delegate.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        permits.acquireUninterruptibly();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
