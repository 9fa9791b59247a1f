package lab.kb905214.stress.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The split of the stress work: every unit in exactly one shard, the same on every machine, parts of similar length.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
class ShardPlanTest {

    @Test
    void everyUnitRunsInExactlyOneShardForAnyNumberOfShards() {
        for (int count = 1; count <= 8; count++) {
            List<String> dealt = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                dealt.addAll(ShardPlan.of(count).units(index));
            }
            assertThat(dealt)
                    .as("units of %d shards", count)
                    .containsExactlyInAnyOrderElementsOf(ShardPlan.ESTIMATED_SECONDS.keySet());
            for (String unit : ShardPlan.ESTIMATED_SECONDS.keySet()) {
                int owner = ShardPlan.of(count).shardOf(unit);
                for (int index = 1; index <= count; index++) {
                    assertThat(ShardPlan.runs(new Shard(index, count), unit))
                            .as("%s in %d/%d", unit, index, count)
                            .isEqualTo(index == owner);
                }
            }
        }
    }

    @Test
    void anUnplannedUnitStillRunsInExactlyOneShard() {
        String unit = "SomeHarnessAddedLaterTest";
        for (int count = 1; count <= 8; count++) {
            int owner = ShardPlan.of(count).shardOf(unit);
            assertThat(owner).isBetween(1, count).isEqualTo(ShardPlan.of(count).shardOf(unit));
        }
    }

    @Test
    void longestFirstToTheLeastLoadedShard() {
        Map<String, Integer> units = Map.of("a", 5, "b", 5, "c", 3, "d", 2, "e", 2, "f", 1);
        ShardPlan plan = ShardPlan.of(units, 2);
        // Longest first, ties by name, each to the least loaded shard (ties to the lower one).
        assertThat(plan.units(1)).containsExactly("a", "c", "f");
        assertThat(plan.units(2)).containsExactly("b", "d", "e");
        assertThat(plan.estimatedSeconds(1)).isEqualTo(9);
        assertThat(plan.estimatedSeconds(2)).isEqualTo(9);
    }

    @Test
    void twoShardsOfTheStressWorkDifferByLessThanTheSmallestLongUnit() {
        ShardPlan plan = ShardPlan.of(2);
        long one = plan.estimatedSeconds(1);
        long two = plan.estimatedSeconds(2);
        System.out.printf("-Pstress in 2 shards: %s (%d s) | %s (%d s)%n", plan.units(1), one, plan.units(2), two);
        assertThat(one + two)
                .isEqualTo(ShardPlan.ESTIMATED_SECONDS.values().stream()
                        .mapToLong(i -> i)
                        .sum());
        assertThat(Math.abs(one - two)).isLessThan(60);
    }

    @Test
    void noShardIsLongerThanItsFairShareOrItsLongestUnit() {
        long total =
                ShardPlan.ESTIMATED_SECONDS.values().stream().mapToLong(i -> i).sum();
        long longest = ShardPlan.ESTIMATED_SECONDS.values().stream()
                .mapToLong(i -> i)
                .max()
                .orElseThrow();
        for (int count = 2; count <= 6; count++) {
            ShardPlan plan = ShardPlan.of(count);
            for (int index = 1; index <= count; index++) {
                // The greedy deal's bound: a shard exceeds the mean by at most the unit it took last.
                assertThat(plan.estimatedSeconds(index))
                        .as("shard %d/%d", index, count)
                        .isLessThanOrEqualTo(total / count + longest);
            }
        }
    }

    @Test
    void everyTestClassOfThisModuleHasAnEstimate() throws IOException {
        Path sources = Path.of("src/test/java");
        List<String> unplanned;
        try (Stream<Path> files = Files.walk(sources)) {
            unplanned = files.filter(p -> p.getFileName().toString().endsWith("Test.java"))
                    .filter(ShardPlanTest::hasTests)
                    .map(p -> p.getFileName().toString().replace(".java", ""))
                    .filter(name -> !ShardPlan.of(1).isPlanned(name))
                    .sorted()
                    .toList();
        }
        assertThat(unplanned)
                .as("test classes with no estimate in ShardPlan (they run in a shard chosen by name," + " unbalanced)")
                .isEmpty();
    }

    @Test
    void shardTextIsKOfN() {
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse(" 1 / 1 ").folderName()).isEqualTo("shard-1-of-1");
        assertThat(new Shard(2, 3)).hasToString("2/3");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Shard.parse("half")).hasMessageContaining("lab.shard 'half' is not K/N");
    }

    @Test
    void theConditionRunsAClassOnlyInItsShard() {
        int owner = ShardPlan.of(2).shardOf("ShardPlanTest");
        Shard mine = new Shard(owner, 2);
        Shard other = new Shard(3 - owner, 2);
        assertThat(ShardCondition.decide(Optional.of(mine), Optional.of(ShardPlanTest.class))
                        .isDisabled())
                .isFalse();
        assertThat(ShardCondition.decide(Optional.of(other), Optional.of(ShardPlanTest.class))
                        .isDisabled())
                .isTrue();
        assertThat(ShardCondition.decide(Optional.empty(), Optional.of(ShardPlanTest.class))
                        .isDisabled())
                .isFalse();
        assertThat(ShardCondition.decide(Optional.of(other), Optional.empty()).isDisabled())
                .isFalse();
    }

    private static boolean hasTests(Path source) {
        try {
            String text = Files.readString(source);
            return text.contains("@Test") || text.contains("@ParameterizedTest") || text.contains("@TestFactory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
