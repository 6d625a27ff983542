package dev.kiln.server.chat;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges ranked lists by reciprocal rank fusion: each item scores the sum of 1 / (k + rank) over the lists it is in,
 * so agreement between rankers wins without comparing their incomparable scores (BM25/ts_rank against cosine).
 * Hand-written: it is the formula itself; k = 60 as in Cormack, Clarke and Büttcher (2009).
 */
final class ReciprocalRankFusion {
    static final int K = 60;

    private ReciprocalRankFusion() {}

    @SafeVarargs
    static List<Long> fuse(int limit, List<Long>... rankings) {
        Map<Long, Double> scores = new LinkedHashMap<>();
        for (List<Long> ranking : rankings)
            for (int rank = 0; rank < ranking.size(); rank++) scores.merge(ranking.get(rank), 1.0 / (K + rank + 1), Double::sum);
        // Ties (an item first in one list, another first in the other) go to the newer message.
        return scores.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Long, Double>>comparingDouble(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
