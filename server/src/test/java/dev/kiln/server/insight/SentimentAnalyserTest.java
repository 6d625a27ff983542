package dev.kiln.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.chat.MessageInsight.Sentiment;
import org.junit.jupiter.api.Test;

/** The analyser's rules one at a time: lexicon, negation, intensifiers, "but", capitals, exclamation, emoji. */
class SentimentAnalyserTest {
    private static final SentimentAnalyser analyser = new SentimentAnalyser(SentimentLexicon.bundled());

    private static double score(String text) {
        return analyser.compound(text, true);
    }

    private static String label(String text) {
        return analyser.analyse(text).label();
    }

    @Test
    void lexiconWordsGiveTheirSign() {
        assertThat(label("this is great")).isEqualTo(Sentiment.POSITIVE);
        assertThat(label("this is terrible")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("the file is in the docs folder")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(score("the file is in the docs folder")).isZero();
    }

    @Test
    void negationFlipsAndDampens() {
        assertThat(score("this is good")).isPositive();
        assertThat(score("this is not good")).isNegative();
        assertThat(score("this isn't good")).isNegative();
        assertThat(score("this isn’t good")).as("curly apostrophe").isNegative();
        assertThat(score("not bad at all")).isPositive();
        // The flip is damped (VADER's -0.74), so "not good" is milder than "bad".
        assertThat(Math.abs(score("this is not good"))).isLessThan(Math.abs(score("this is good")));
        assertThat(label("no problems at all")).isEqualTo(Sentiment.POSITIVE);
        assertThat(label("I can't complain")).isEqualTo(Sentiment.POSITIVE);
        assertThat(score("the least helpful answer")).isNegative();
        assertThat(score("at least the demo was good")).isPositive();
        // A negation reaches back at most three words.
        assertThat(score("not that I would say it is good")).isPositive();
    }

    @Test
    void workAndOkAreNeutralUntilNegated() {
        assertThat(label("I work from home on Fridays")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(label("ok")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(label("it doesn't work")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("still not working")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("that is not ok")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("can't thank you enough")).as("gratitude is never negated").isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void intensifiersStrengthenAndHedgesSoften() {
        assertThat(score("this is very good")).isGreaterThan(score("this is good"));
        assertThat(score("this is really bad")).isLessThan(score("this is bad"));
        assertThat(score("this is slightly good")).isLessThan(score("this is good")).isPositive();
        assertThat(score("it's kind of good")).isLessThan(score("it's good"));
        // "pretty" intensifies before a sentiment word and is a compliment on its own.
        assertThat(score("pretty good")).isGreaterThan(score("good"));
        assertThat(score("the slides are pretty")).isPositive();
        assertThat(label("that's very kind of you")).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void theClauseAfterButDecides() {
        assertThat(label("the design is nice but it is way too slow")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("the first try was bad but the result is great")).isEqualTo(Sentiment.POSITIVE);
        // Before "but" counts half, after it one and a half times.
        assertThat(score("good but bad")).isNegative();
        assertThat(score("bad but good")).isPositive();
    }

    @Test
    void capitalsAndExclamationMarksAmplify() {
        assertThat(score("this is GREAT")).isGreaterThan(score("this is great"));
        assertThat(score("this is great!!")).isGreaterThan(score("this is great"));
        assertThat(score("this is awful!!")).isLessThan(score("this is awful"));
        // A whole message in capitals is not emphasis of one word.
        assertThat(score("THIS IS GREAT")).isEqualTo(score("this is great"));
        // Exclamation marks alone carry no sentiment.
        assertThat(score("meeting at 3!")).isZero();
    }

    @Test
    void emojiAndEmoticonsCount() {
        assertThat(label("🎉")).isEqualTo(Sentiment.POSITIVE);
        assertThat(label("😡😡")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("deploy done ❤️")).as("with a variation selector").isEqualTo(Sentiment.POSITIVE);
        assertThat(label("good job 👍🏽")).as("with a skin tone").isEqualTo(Sentiment.POSITIVE);
        assertThat(label("nice🎉")).as("emoji glued to a word").isEqualTo(Sentiment.POSITIVE);
        assertThat(label("the release slipped again :(")).isEqualTo(Sentiment.NEGATIVE);
        assertThat(label("see you tomorrow :)")).isEqualTo(Sentiment.POSITIVE);
        assertThat(label("🤔")).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void chatRequestsAndPrepositionalLikeAreNeutral() {
        assertThat(label("can you help me with the deploy script?")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(label("please review when you get a chance")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(label("looks like the build moved to the new runner")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(label("I like the new colours")).isEqualTo(Sentiment.POSITIVE);
        assertThat(label("I don't like the new colours")).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void symbolsOnlyModeIgnoresWords() {
        assertThat(analyser.analyseSymbolsOnly("Das Problem ist gelöst").label()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(analyser.analyseSymbolsOnly("Das Problem ist gelöst 🎉").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(analyser.analyseSymbolsOnly("c'est nul :(").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void scoresStayInRangeAndAreRounded() {
        Sentiment s = analyser.analyse("AMAZING amazing wonderful fantastic best ever!!!! 🎉🎉🎉😍");
        assertThat(s.score()).isBetween(0.9, 1.0);
        assertThat(s.score() * 1000).isEqualTo(Math.rint(s.score() * 1000));
        assertThat(analyser.analyse("").label()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(analyser.analyse(null).score()).isZero();
        assertThat(analyser.analyse("   \n\t ").score()).isZero();
    }
}
