package dev.kiln.server.shared;

import com.github.f4b6a3.tsid.Tsid;
import com.github.f4b6a3.tsid.TsidCreator;

/**
 * Time-ordered 64-bit ids (TSID), stored as BIGINT and shown as 13-character strings.
 * Sorting by id sorts by creation time on both SQLite and PostgreSQL, which cursor pagination and
 * {@code since} replay rely on; the numeric form avoids collation differences between the two databases.
 */
public final class Ids {
    private Ids() {}

    public static long next() {
        return TsidCreator.getTsid().toLong();
    }

    public static String format(long id) {
        return Tsid.from(id).toString();
    }

    /** Parses a client-supplied id; throws a 400 for anything that is not a well-formed id. */
    public static long parse(String field, String value) {
        if (value == null || !Tsid.isValid(value)) {
            throw ApiException.badRequest(field + " is not a valid id");
        }
        return Tsid.from(value).toLong();
    }

    public static Long parseOptional(String field, String value) {
        return value == null || value.isEmpty() ? null : parse(field, value);
    }
}
