package dev.kiln.server.ai;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.account.User;
import dev.kiln.server.account.UserRepository;
import dev.kiln.server.shared.Ids;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The assistant's bot account (username "assistant", is_bot = 1), created idempotently at startup so the
 * name is reserved before anyone can register it. Bots cannot sign in (AuthService refuses them).
 */
@Component
public class AssistantAccount {
    public static final String USERNAME = "assistant";
    private static final Logger log = LoggerFactory.getLogger(AssistantAccount.class);
    private final UserRepository users;
    private final Clock clock;
    private volatile User bot;

    public AssistantAccount(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensureExists() {
        user();
    }

    /** The bot user; several nodes starting at once agree on one row thanks to the unique username. */
    public User user() {
        User u = bot;
        if (u != null) return u;
        u = users.findByUsername(USERNAME).orElse(null);
        if (u == null) {
            users.insert(new User(Ids.next(), USERNAME, "assistant@kiln.invalid", "!no-login", true, clock.millis(), null));
            u = users.findByUsername(USERNAME).orElseThrow();
        }
        if (!u.bot()) log.error("The username \"{}\" belongs to a person, not the bot; the assistant will not post as them", USERNAME);
        bot = u;
        return u;
    }

    public long id() {
        return user().id();
    }

    public boolean usable() {
        return user().bot();
    }

    AuthUser asCaller() {
        User u = user();
        return new AuthUser(u.id(), u.username(), 0);
    }
}
