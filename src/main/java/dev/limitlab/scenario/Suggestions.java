package dev.limitlab.scenario;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" for misspelled keys and names. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /** {@code did you mean "cpus"?} when one option is close to {@code word}, otherwise {@code <listIntro>: a, b, c}. */
    static String hint(String word, Collection<String> options, String listIntro) {
        return nearest(word, options)
                .map(option -> "did you mean \"" + option + "\"?")
                .orElse(listIntro + ": " + String.join(", ", options));
    }

    /** The option with the fewest edits from {@code word}, if that is few enough to be a typo rather than another word. */
    static Optional<String> nearest(String word, Collection<String> options) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : options) {
            int distance = distance(word.toLowerCase(java.util.Locale.ROOT), option);
            if (distance < bestDistance) {
                best = option;
                bestDistance = distance;
            }
        }
        // Short words allow one edit only: "base" is not a typo of "name".
        int allowed = Math.min(MAX_DISTANCE, Math.max(1, word.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Edit distance counting a swap of neighbours as one edit (optimal string alignment), since that is a common typo. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) return Integer.MAX_VALUE; // cheap, and bounds the work for long junk
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
