package dev.kiln.server.insight;

import dev.kiln.server.config.KilnProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analysers behind message insights: one lexicon and one set of language models per process. */
@Configuration(proxyBeanMethods = false)
class InsightConfig {
    @Bean
    SentimentAnalyser sentimentAnalyser() {
        return new SentimentAnalyser(SentimentLexicon.bundled());
    }

    @Bean
    LanguageDetection languageDetection(KilnProperties props) {
        return LanguageDetection.of(props.insights().languages());
    }
}
