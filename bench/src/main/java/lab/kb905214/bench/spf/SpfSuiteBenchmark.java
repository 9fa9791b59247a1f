package lab.kb905214.bench.spf;

import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.kb905214.senderid.spf.SpfResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SPF evaluation, CPU-bound: the RFC 7208 suite's cases evaluated in a loop, DNS answered from memory by the same
 * zones for both evaluators. One operation is one check_host(); each thread walks the cases in suite order.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpfSuiteBenchmark {

    /** The suite, the lab's evaluators (shared by all threads, as in the engine) and the cases both answer right. */
    @State(Scope.Benchmark)
    public static class Suite {
        OpenSpfSuite suite;
        LabSuiteEvaluator lab;
        List<SuiteCase> cases;

        /** Loads the suite and keeps the cases both evaluators get right; fails if the lab's gets one wrong. */
        @Setup(Level.Trial)
        public void setUp() {
            suite = OpenSpfSuite.load();
            lab = new LabSuiteEvaluator(suite);
            SuiteTally labTally = SuiteTally.of(suite, lab);
            try (JamesSuiteEvaluator james = new JamesSuiteEvaluator(suite)) {
                cases = labTally.common(SuiteTally.of(suite, james));
            }
            if (cases.isEmpty()) {
                throw new IllegalStateException("no suite case is answered right by both evaluators");
            }
            SuiteTally.requireRight(lab, cases, "the lab's evaluator");
        }

        /** Stops the lab's DNS client threads. */
        @TearDown(Level.Trial)
        public void tearDown() {
            lab.close();
        }
    }

    /** jSPF: one set of {@code SPF} objects per thread (a shared one gives wrong results). */
    @State(Scope.Thread)
    public static class JamesPerThread {
        JamesSuiteEvaluator james;

        /** Builds this thread's jSPF objects and checks that they answer every benchmarked case right. */
        @Setup(Level.Trial)
        public void setUp(Suite suite) {
            james = new JamesSuiteEvaluator(suite.suite);
            SuiteTally.requireRight(james, suite.cases, "jSPF");
        }
    }

    /** Where this thread is in the suite. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        SuiteCase next(List<SuiteCase> cases) {
            SuiteCase c = cases.get(next);
            next = next + 1 == cases.size() ? 0 : next + 1;
            return c;
        }
    }

    /** One check_host() by this project's evaluator (asynchronous; the thread waits for the result). */
    @Benchmark
    public SpfResult lab(Suite suite, Cursor cursor) {
        return suite.lab.evaluate(cursor.next(suite.cases));
    }

    /** One check_host() by Apache James jSPF 1.0.5 with its synchronous executor. */
    @Benchmark
    public SpfResult jspf(Suite suite, JamesPerThread james, Cursor cursor) {
        return james.james.evaluate(cursor.next(suite.cases));
    }
}
