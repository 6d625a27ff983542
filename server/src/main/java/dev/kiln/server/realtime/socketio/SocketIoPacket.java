package dev.kiln.server.realtime.socketio;

/**
 * One Socket.IO v5 packet: {@code <type>[<attachments>-][<nsp>,][<ackId>][<json>]}.
 *
 * @param ackId -1 when the sender wants no acknowledgement
 * @param json the raw JSON payload, or null
 */
public record SocketIoPacket(int type, String namespace, long ackId, String json) {
    public static final int CONNECT = 0;
    public static final int DISCONNECT = 1;
    public static final int EVENT = 2;
    public static final int ACK = 3;
    public static final int CONNECT_ERROR = 4;
    public static final int BINARY_EVENT = 5;
    public static final int BINARY_ACK = 6;

    /** Parses a text frame; throws IllegalArgumentException for anything malformed. */
    public static SocketIoPacket parse(String frame) {
        if (frame == null || frame.isEmpty()) throw new IllegalArgumentException("empty packet");
        int type = frame.charAt(0) - '0';
        if (type < CONNECT || type > BINARY_ACK) throw new IllegalArgumentException("unknown packet type");
        int i = 1;
        int n = frame.length();
        if (type == BINARY_EVENT || type == BINARY_ACK) {
            throw new IllegalArgumentException("binary payloads are not supported; upload files with POST /api/files");
        }
        String nsp = "/";
        if (i < n && frame.charAt(i) == '/') {
            int comma = frame.indexOf(',', i);
            nsp = comma < 0 ? frame.substring(i) : frame.substring(i, comma);
            i = comma < 0 ? n : comma + 1;
        }
        long ackId = -1;
        int digitsStart = i;
        while (i < n && Character.isDigit(frame.charAt(i)) && i - digitsStart < 15) i++;
        if (i > digitsStart) ackId = Long.parseLong(frame, digitsStart, i, 10);
        String json = i < n ? frame.substring(i) : null;
        return new SocketIoPacket(type, nsp, ackId, json);
    }

    /**
     * The ack id of an Engine.IO message carrying a Socket.IO event, read from its first characters only
     * (for a frame too large to keep whole); -1 when there is none.
     */
    public static long ackIdOfEngineMessage(String head) {
        // "4" = Engine.IO message, then "2" = Socket.IO event, optional "/nsp,", then the ack id digits.
        if (head.length() < 3 || head.charAt(0) != '4' || head.charAt(1) != '0' + EVENT) return -1;
        int i = 2;
        if (head.charAt(i) == '/') {
            int comma = head.indexOf(',', i);
            if (comma < 0) return -1;
            i = comma + 1;
        }
        int start = i;
        while (i < head.length() && Character.isDigit(head.charAt(i)) && i - start < 15) i++;
        return i > start ? Long.parseLong(head, start, i, 10) : -1;
    }

    /** Encodes an outgoing packet whose payload is already JSON. */
    public static String encode(int type, String namespace, long ackId, String json) {
        StringBuilder b = new StringBuilder(json == null ? 16 : json.length() + 16);
        b.append(type);
        if (namespace != null && !"/".equals(namespace)) b.append(namespace).append(',');
        if (ackId >= 0) b.append(ackId);
        if (json != null) b.append(json);
        return b.toString();
    }
}
