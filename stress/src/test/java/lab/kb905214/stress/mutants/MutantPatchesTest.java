package lab.kb905214.stress.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import lab.kb905214.engine.fixed.FixedCoordinator;
import lab.kb905214.results.MutantCounters;
import org.junit.jupiter.api.Test;

/**
 * The mutants are built from the shipped source: the control is the shipped class, every other mutant's patch
 * applies to today's FixedCoordinator.java and compiles, and a patch whose text the shipped class no longer has
 * fails, naming its mutant.
 */
class MutantPatchesTest {

    @Test
    void theGateKnowsExactlyTheseMutants() {
        assertThat(Arrays.stream(Mutant.values()).map(Mutant::name).toList())
                .as("results-schema's MutantCounters.DEFINED, which the gate requires and counts")
                .containsExactlyElementsOf(MutantCounters.DEFINED);
    }

    @Test
    void theControlIsTheShippedClass() {
        assertThat(Mutant.M0.create()).isExactlyInstanceOf(FixedCoordinator.class);
        assertThat(Mutant.M0.build()).isEmpty();
    }

    @Test
    void everyMutantBuildsFromTheShippedSource() {
        for (Mutant mutant : Mutant.values()) {
            if (mutant.isControl()) {
                continue;
            }
            var coordinator = mutant.create(); // throws, naming the mutant, when its patch no longer applies
            MutantBuild build = mutant.build().orElseThrow();
            assertThat(coordinator.getClass().getName())
                    .as(mutant.name())
                    .isEqualTo(build.className())
                    .isEqualTo(FixedCoordinator.class.getName() + mutant.name());
            assertThat(coordinator.getClass().getClassLoader())
                    .as(mutant.name())
                    .isNotSameAs(FixedCoordinator.class.getClassLoader());
        }
    }

    @Test
    void anEditWhoseTextIsGoneFailsNamingTheMutant() {
        SourcePatch patch = new SourcePatch("X.java", List.of(new SourceEdit("pending.remove(session)", "x")));
        assertThatThrownBy(() -> patch.applyTo("class X { void f() { pending.clear(); } }", "M99"))
                .isInstanceOf(PatchNoLongerApplies.class)
                .hasMessageStartingWith("M99: edit 1 ")
                .hasMessageContaining("occurs 0 times");
    }

    @Test
    void anEditWhoseTextRepeatsFailsNamingTheMutant() {
        SourcePatch patch = new SourcePatch("X.java", List.of(new SourceEdit("a();", "b();")));
        assertThatThrownBy(() -> patch.applyTo("class X { void f() { a(); a(); } }", "M98"))
                .isInstanceOf(PatchNoLongerApplies.class)
                .hasMessageContaining("occurs 2 times");
    }

    @Test
    void editsApplyInOrderToTheirExactText() {
        SourcePatch patch =
                new SourcePatch("X.java", List.of(new SourceEdit("a();", "b();"), SourceEdit.after("b();", " c();")));
        assertThat(patch.applyTo("{ a(); }", "M97")).isEqualTo("{ b(); c(); }");
    }
}
