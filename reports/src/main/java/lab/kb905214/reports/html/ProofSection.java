package lab.kb905214.reports.html;

import static lab.kb905214.reports.html.HtmlText.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.kb905214.reports.results.HarnessRun;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.RunKey;
import lab.kb905214.results.AuditCounters;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Engine;
import lab.kb905214.results.ExploreCounters;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ResultFields;
import lab.kb905214.results.SpinCounters;

/**
 * The report's "What is proven" section: the claim "engine-fixed never hangs", and for each engine-fixed result
 * what kind of evidence it is (enumerated, model-checked, sampled), over which space, what it does not cover, and
 * the checks of the claim's assumptions that the results carry.
 */
final class ProofSection {
    /** Per harness: the kind of evidence, and what it leaves out. */
    private record Kind(String kind, String doesNotCover) {}

    private static final Map<Harness, Kind> KINDS = Map.of(
            Harness.EXPLORE,
                    new Kind(
                            "enumerated",
                            "one session; in the single tree, one transaction and a client that leaves before the first"
                                    + " step (the client-moves tree, under -Pstress, has it leave or pipeline RSET at any"
                                    + " point, or never move; the stale tree, under -Pstress, a second transaction on the"
                                    + " session, sent at any point once the first, RSET pipelined behind it, is answered);"
                                    + " interleavings inside a race window (between two failpoints) are not split further,"
                                    + " and the watcher's look at its socket and the start of its teardown are one move"
                                    + " (SPIN's model splits them, and the trails of two sessions run on the engine);"
                                    + " the evaluation's error path and the bounded wait's expiry"),
            Harness.SPIN,
                    new Kind(
                            "model-checked",
                            "the Java code itself: the model is a separate description of the coordinator, tied to it by"
                                    + " shared step names and trails run on the engine; more sessions than searched are"
                                    + " covered by argument, not search, while the sessions share nothing (see the"
                                    + " assumptions)"),
            Harness.LINCHECK,
                    new Kind(
                            "model-checked",
                            "the engine around the coordinator (sockets, watcher, completion executor)"),
            Harness.SCHEDULE,
                    new Kind(
                            "one interleaving, replayed", "every interleaving but the racy and benign orders it names"),
            Harness.JCSTRESS, new Kind("sampled", "interleavings the JVM and hardware did not happen to produce"),
            Harness.LOAD, new Kind("sampled", "interleavings the traffic did not happen to produce"),
            Harness.JUDGE, new Kind("sampled", "conditions outside the calibration grid"));

    private ProofSection() {}

    /** The section's HTML. */
    static String render(LabResults results) {
        StringBuilder html = new StringBuilder("<section id=\"proven\">\n<h2>What is proven</h2>\n")
                .append("<p><b>The claim:</b> engine-fixed never hangs and never loses a verdict: no lock cycle, no")
                .append(" session left waiting, every transaction answered, every 250 stored once. The proofs stop at")
                .append(" the coordinator seam and at the race windows the failpoints name; the rows below say, per")
                .append(" engine-fixed result of this build, what kind of evidence it is and what it does not")
                .append(" cover.</p>\n<table class=\"results\" id=\"proven-table\">\n<thead><tr><th>Result</th>")
                .append("<th>Kind</th><th>Space</th><th>Hangs</th><th>Exhaustive</th><th>Does not cover</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (HarnessRun run : results.runs()) {
            if (!run.isFixed()) {
                continue;
            }
            Kind kind = run.harnessKind().map(KINDS::get).orElse(new Kind("recorded", "not stated"));
            JsonNode exhaustive = ResultFields.EXHAUSTIVE.in(run.tree());
            String exhaustiveText =
                    exhaustive.isMissingNode() || exhaustive.isNull() ? "n/a" : exhaustive.asBoolean() ? "yes" : "no";
            JsonNode why = run.counterNode(Counters.EXHAUSTIVE_WHY);
            if (why.isTextual()) {
                exhaustiveText += ": " + why.asText();
            }
            String kindText =
                    run.is(Harness.LINCHECK) && "yes".equals(exhaustiveText.split(":", -1)[0])
                            ? "enumerated (Lincheck)"
                            : kind.kind();
            html.append("<tr data-file=\"")
                    .append(escape(run.fileName()))
                    .append("\"><td><code>")
                    .append(escape(run.fileName()))
                    .append("</code></td><td>")
                    .append(escape(kindText))
                    .append("</td><td>")
                    .append(
                            run.explored().isPresent()
                                    ? HtmlText.number(run.explored().getAsLong())
                                    : "?")
                    .append(' ')
                    .append(escape(run.unit()))
                    .append("</td><td>")
                    .append(run.hangs().isPresent() ? run.hangs().getAsLong() : "?")
                    .append("</td><td>")
                    .append(escape(exhaustiveText))
                    .append("</td><td>")
                    .append(escape(kind.doesNotCover()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        assumptions(results, html);
        return html.append("</section>\n").toString();
    }

    // What a SPIN run's model lets its sessions share: with nothing shared, a search of S sessions x T transactions
    // stands for any number of sessions with T each (the README's "Why two sessions stand for three").
    private static String sessionCoupling(HarnessRun run) {
        JsonNode coupling = run.counterNode(SpinCounters.SESSION_COUPLING);
        List<String> shared = HarnessRun.strings(coupling, SpinCounters.SessionCoupling.SHARED_GLOBALS);
        List<String> foreign = HarnessRun.strings(coupling, SpinCounters.SessionCoupling.FOREIGN_ACCESSES);
        List<String> ghosts = HarnessRun.strings(coupling, SpinCounters.SessionCoupling.GHOSTS);
        long transactions = run.counter(SpinCounters.TRANSACTIONS_PER_SESSION).orElse(-1);
        StringBuilder li = new StringBuilder("<li data-file=\"")
                .append(escape(run.fileName()))
                .append("\">engine-")
                .append(escape(run.engine()))
                .append(", SPIN ")
                .append(escape(run.scenario()))
                .append(" (")
                .append(run.counter(SpinCounters.SESSIONS).orElse(-1))
                .append('x')
                .append(transactions)
                .append(" searched): ");
        if (shared.isEmpty() && foreign.isEmpty()) {
            li.append("the model's sessions share no global")
                    .append(
                            ghosts.isEmpty()
                                    ? ""
                                    : " but the ghost <code>" + escape(String.join(", ", ghosts)) + "</code>")
                    .append(" and reach no other session's state, so the search stands for any number of sessions of ")
                    .append(transactions)
                    .append(" transaction(s) each");
        } else {
            li.append("the model's sessions share <code>")
                    .append(escape(String.join(", ", shared)))
                    .append("</code>")
                    .append(
                            foreign.isEmpty()
                                    ? ""
                                    : " and reach another's state (<code>" + escape(String.join("; ", foreign))
                                            + "</code>)")
                    .append(", so the search stands only for the sessions it had");
        }
        return li.append("</li>\n").toString();
    }

    // A cycle as the reader says it: RegistryLock → SessionLock → RegistryLock (packages and outer classes dropped).
    private static String lockCycle(JsonNode cycle) {
        List<String> names = new ArrayList<>();
        cycle.forEach(lock -> names.add(lock.asText().replaceAll("^.*[.$]", "")));
        return String.join(" → ", names);
    }

    // The assumption checks the results carry: the explorer's record of monitors held at each failpoint, and the load
    // runs' audit of the lock order and of where the completion and DNS threads waited.
    private static void assumptions(LabResults results, StringBuilder html) {
        html.append("<h3>Assumptions, checked</h3>\n<ul id=\"assumptions\">\n");
        for (Engine engine : List.of(Engine.FIXED, Engine.BUGGY)) {
            for (String tree : List.of("single", "client-moves", "stale")) {
                results.find(new RunKey(Harness.EXPLORE, engine, tree)).ifPresent(run -> {
                    JsonNode a = run.counterNode(Counters.ASSUMPTIONS);
                    boolean free = ExploreCounters.Assumptions.NO_MONITOR_AT_ANY_FAILPOINT
                            .in(a)
                            .asBoolean(false);
                    String held = ExploreCounters.Assumptions.MONITORS_HELD_AT_FAILPOINTS
                            .in(a)
                            .toString();
                    html.append("<li>engine-")
                            .append(engine)
                            .append(", ")
                            .append(tree)
                            .append(" tree: ")
                            .append(
                                    free
                                            ? "no thread held a monitor at any failpoint, in every leaf of the tree"
                                            : "monitors held at failpoints: <code>" + escape(held) + "</code>"
                                                    + (engine.equals(Engine.BUGGY) ? " (that is H1)" : ""));
                    JsonNode waited = run.counterNode(ExploreCounters.WAITED_PAST_THE_TEARDOWN);
                    if (tree.equals("stale") && waited.isNumber()) {
                        html.append("; leaves whose session, past its look, had not answered once the RSET's teardown")
                                .append(" returned: ")
                                .append(waited.asLong());
                    }
                    html.append("</li>\n");
                });
            }
        }
        for (HarnessRun run : results.runs()) {
            if (run.is(Harness.SPIN) && run.hasCounter(SpinCounters.SESSION_COUPLING)) {
                html.append(sessionCoupling(run));
            }
        }
        for (HarnessRun run : results.runs()) {
            JsonNode audit = run.counterNode(Counters.ASSUMPTIONS);
            if (!run.is(Harness.LOAD) || !AuditCounters.LOCK_ORDER.isIn(audit)) {
                continue;
            }
            JsonNode order = AuditCounters.LOCK_ORDER.in(audit);
            JsonNode cycle = AuditCounters.LockOrder.CYCLE.in(order);
            JsonNode waits = AuditCounters.SERVICE_THREAD_WAITS.in(audit);
            html.append("<li data-file=\"")
                    .append(escape(run.fileName()))
                    .append("\">engine-")
                    .append(escape(run.engine()))
                    .append(", load ")
                    .append(escape(run.scenario()))
                    .append(" (sampled, ")
                    .append(AuditCounters.LOOKS.in(audit).asLong())
                    .append(" thread dumps): ")
                    .append(
                            cycle.size() == 0
                                    ? "locks taken in one order ("
                                            + AuditCounters.LockOrder.EDGES
                                                    .in(order)
                                                    .size() + " nesting edges, no cycle)"
                                    : "lock-order cycle <code>" + escape(lockCycle(cycle)) + "</code>")
                    .append("; completion and DNS threads seen waiting outside their queues ")
                    .append(AuditCounters.ServiceThreadWaits.SEEN_WAITING_ELSEWHERE
                            .in(waits)
                            .asLong())
                    .append(" time(s); the completion thread's monitor blocks, as the JVM counted them (any monitor, a"
                            + " class-loading lock too; not judged): ")
                    .append(AuditCounters.ServiceThreadWaits.MONITOR_BLOCKS_WHERE_NONE_ALLOWED
                            .in(waits)
                            .asLong())
                    .append("</li>\n");
        }
        html.append("</ul>\n");
    }
}
