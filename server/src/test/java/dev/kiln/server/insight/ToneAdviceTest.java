package dev.kiln.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.chat.ChatViews.MessageView;
import dev.kiln.server.chat.MessageInsight.Sentiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the calm-tone paragraph is added: a negative question, or a room whose recent messages are mostly negative. */
class ToneAdviceTest {
    private static MessageView message(int id, String label) {
        Sentiment s = label == null ? null : new Sentiment(label, label.equals("negative") ? -0.6 : label.equals("positive") ? 0.6 : 0);
        return new MessageView(String.format("%013d", id), "c", "u", "ada", "text", null, null, null, 0, null, List.of(), List.of(),
                List.of(), null, null, Instant.EPOCH, s, "en");
    }

    private static List<MessageView> room(String... labels) {
        List<MessageView> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) out.add(message(i + 1, labels[i]));
        return out;
    }

    private static String id(int n) {
        return String.format("%013d", n);
    }

    @Test
    void aNegativeQuestionIsEnough() {
        assertThat(ToneAdvice.adapt("P", room("positive", "positive", "negative"), id(3))).isEqualTo("P\n\n" + ToneAdvice.CALM);
    }

    @Test
    void aNeutralQuestionInACalmRoomChangesNothing() {
        assertThat(ToneAdvice.adapt("P", room("negative", "positive", "neutral"), id(3))).isEqualTo("P");
        assertThat(ToneAdvice.adapt("P", room(), id(1))).isEqualTo("P");
        assertThat(ToneAdvice.adapt("P", room(null, null, "neutral"), id(3))).as("messages without insights").isEqualTo("P");
    }

    @Test
    void aTenseRoomNeedsThreeNegativesOutnumberingPositives() {
        assertThat(ToneAdvice.adapt("P", room("negative", "negative", "negative", "neutral"), id(4))).endsWith(ToneAdvice.CALM);
        assertThat(ToneAdvice.adapt("P", room("negative", "negative", "neutral"), id(3))).isEqualTo("P");
        assertThat(ToneAdvice.adapt("P", room("negative", "negative", "negative", "positive", "positive", "positive", "neutral"), id(7)))
                .isEqualTo("P");
    }

    @Test
    void onlyRecentMessagesUpToTheQuestionCount() {
        // Three negatives long ago, then eight calm messages: the mood has passed.
        List<MessageView> old = room("negative", "negative", "negative", "neutral", "neutral", "neutral", "neutral", "neutral",
                "neutral", "neutral", "neutral");
        assertThat(ToneAdvice.adapt("P", old, id(11))).isEqualTo("P");
        // Messages after the question do not count.
        assertThat(ToneAdvice.adapt("P", room("neutral", "negative", "negative", "negative"), id(1))).isEqualTo("P");
    }
}
