package dev.kiln.server.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.server.shared.Ids;

/** A user as the API shows them; the email only to its owner. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(String id, String username, String email) {
    public static UserView self(User u) {
        return new UserView(Ids.format(u.id()), u.username(), u.email());
    }

    public static UserView publicOf(User u) {
        return new UserView(Ids.format(u.id()), u.username(), null);
    }
}
