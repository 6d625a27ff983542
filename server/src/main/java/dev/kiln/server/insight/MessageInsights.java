package dev.kiln.server.insight;

import dev.kiln.server.chat.MessageAnalyser;
import dev.kiln.server.chat.MessageInsight;
import dev.kiln.server.chat.MessageInsight.Sentiment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chat's {@link MessageAnalyser}: the language first, then the sentiment. The sentiment lexicon is English, so
 * text detected as another language is scored on its emoji and emoticons alone (its words would be misread:
 * German "Problem gelöst" is good news). Text too short to tell is read as English.
 */
@Component
public class MessageInsights implements MessageAnalyser {
    private static final Logger log = LoggerFactory.getLogger(MessageInsights.class);
    private final SentimentAnalyser sentiment;
    private final LanguageDetection languages;
    private final Timer timer;

    public MessageInsights(SentimentAnalyser sentiment, LanguageDetection languages, MeterRegistry metrics) {
        this.sentiment = sentiment;
        this.languages = languages;
        this.timer = Timer.builder("kiln.insights.analysis").description("sentiment and language analysis of one message")
                .register(metrics);
    }

    @Override
    public MessageInsight analyse(String text) {
        long start = System.nanoTime();
        try {
            String language = languages.detect(text);
            Sentiment mood = language == null || language.equals("en") ? sentiment.analyse(text) : sentiment.analyseSymbolsOnly(text);
            return new MessageInsight(mood, language);
        } catch (RuntimeException e) {
            // Insights are an extra: a failure here must never cost a message.
            log.warn("Message analysis failed", e);
            return null;
        } finally {
            timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
