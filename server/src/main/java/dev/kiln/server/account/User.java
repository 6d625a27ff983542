package dev.kiln.server.account;

/** A registered person (or the assistant's bot account). */
public record User(long id, String username, String email, String passwordHash, boolean bot, long createdAt, Long lastSeenAt) {
}
