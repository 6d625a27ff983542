package dev.kiln.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.server.realtime.socketio.SocketIoPacket;
import org.junit.jupiter.api.Test;

class SocketIoPacketTest {

    @Test
    void parsesEventsWithAndWithoutAckIdsAndNamespaces() {
        SocketIoPacket event = SocketIoPacket.parse("2[\"send_message\",{\"a\":1}]");
        assertThat(event.type()).isEqualTo(SocketIoPacket.EVENT);
        assertThat(event.namespace()).isEqualTo("/");
        assertThat(event.ackId()).isEqualTo(-1);
        assertThat(event.json()).isEqualTo("[\"send_message\",{\"a\":1}]");

        SocketIoPacket withAck = SocketIoPacket.parse("212[\"x\"]");
        assertThat(withAck.ackId()).isEqualTo(12);
        assertThat(withAck.json()).isEqualTo("[\"x\"]");

        SocketIoPacket admin = SocketIoPacket.parse("0/admin,{\"token\":\"t\"}");
        assertThat(admin.type()).isEqualTo(SocketIoPacket.CONNECT);
        assertThat(admin.namespace()).isEqualTo("/admin");
        assertThat(admin.json()).isEqualTo("{\"token\":\"t\"}");

        assertThat(SocketIoPacket.parse("1").type()).isEqualTo(SocketIoPacket.DISCONNECT);
    }

    @Test
    void encodesTheWayClientsExpect() {
        assertThat(SocketIoPacket.encode(SocketIoPacket.ACK, "/", 7, "[{\"ok\":true}]")).isEqualTo("37[{\"ok\":true}]");
        assertThat(SocketIoPacket.encode(SocketIoPacket.CONNECT_ERROR, "/", -1, "{\"message\":\"no\"}")).isEqualTo("4{\"message\":\"no\"}");
        assertThat(SocketIoPacket.encode(SocketIoPacket.EVENT, "/chat", -1, "[\"e\"]")).isEqualTo("2/chat,[\"e\"]");
    }

    @Test
    void readsTheAckIdFromTheHeadOfAnEngineMessage() {
        assertThat(SocketIoPacket.ackIdOfEngineMessage("4217[\"send_message\",{\"message\":\"xxxx")).isEqualTo(17);
        assertThat(SocketIoPacket.ackIdOfEngineMessage("42/chat,5[\"e\"")).isEqualTo(5);
        assertThat(SocketIoPacket.ackIdOfEngineMessage("42[\"send_message\"")).isEqualTo(-1);
        assertThat(SocketIoPacket.ackIdOfEngineMessage("2probe")).isEqualTo(-1);
    }

    @Test
    void rejectsMalformedAndBinaryPackets() {
        assertThatThrownBy(() -> SocketIoPacket.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketIoPacket.parse("9[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketIoPacket.parse("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]"))
                .hasMessageContaining("binary");
    }
}
