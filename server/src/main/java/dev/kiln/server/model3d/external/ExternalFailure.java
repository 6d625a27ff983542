package dev.kiln.server.model3d.external;

/**
 * Something went wrong on an external generator's side. {@link #note(String)} is the short sentence people see (it
 * never contains the API key nor a raw response body); {@link #getMessage()} has the detail for the server log.
 */
public final class ExternalFailure extends Exception {

    /** What kind of failure, which decides the note. */
    public enum Kind { TIMEOUT, UNREACHABLE, HTTP_STATUS, MALFORMED, REMOTE_FAILED }

    private final Kind kind;
    private final int status;
    private final String remoteMessage;

    private ExternalFailure(Kind kind, int status, String remoteMessage, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.status = status;
        this.remoteMessage = remoteMessage;
    }

    public static ExternalFailure timeout(String detail) {
        return new ExternalFailure(Kind.TIMEOUT, 0, null, detail);
    }

    public static ExternalFailure unreachable(String detail) {
        return new ExternalFailure(Kind.UNREACHABLE, 0, null, detail);
    }

    public static ExternalFailure status(int status, String remoteMessage, String detail) {
        return new ExternalFailure(Kind.HTTP_STATUS, status, remoteMessage, detail);
    }

    public static ExternalFailure malformed(String detail) {
        return new ExternalFailure(Kind.MALFORMED, 0, null, detail);
    }

    /** The service accepted the job but reports that it failed; {@code remoteMessage} is its reason, if any. */
    public static ExternalFailure remoteFailed(String remoteMessage, String detail) {
        return new ExternalFailure(Kind.REMOTE_FAILED, 0, remoteMessage, detail);
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return status;
    }

    /** What happened, for people: "Meshy timed out", "Meshy answered HTTP 500", … */
    public String note(String label) {
        return switch (kind) {
            case TIMEOUT -> label + " timed out";
            case UNREACHABLE -> label + " could not be reached";
            case MALFORMED -> label + " sent a response Kiln could not read";
            case REMOTE_FAILED -> label + " could not make it" + (remoteMessage == null || remoteMessage.isBlank() ? "" : " (" + remoteMessage + ")");
            case HTTP_STATUS -> switch (status) {
                case 401, 403 -> label + " refused the server's API key (HTTP " + status + ")";
                case 402 -> label + " has no credits left for this server (HTTP 402)";
                case 429 -> label + " is rate limiting this server (HTTP 429)";
                default -> label + " answered HTTP " + status + (status >= 400 && status < 500 && remoteMessage != null
                        && !remoteMessage.isBlank() ? " (" + remoteMessage + ")" : "");
            };
        };
    }
}
