package lab.kb905214.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import lab.kb905214.reports.gate.GateCase;
import lab.kb905214.reports.gate.GateDecision;
import lab.kb905214.reports.gate.MutantChecks;
import lab.kb905214.reports.html.JudgeSection;
import lab.kb905214.reports.html.ShardSection;
import lab.kb905214.reports.results.LabResults;
import lab.kb905214.reports.results.MutantMatrix;
import lab.kb905214.reports.results.UnreadableFile;
import lab.kb905214.reports.shard.ShardFolder;

/**
 * summary.json: the verdict, every results file as read, and the unreadable ones. Other sections (e.g. "mutants")
 * can be added beside "verdict" and "runs" without changing either.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    /** The summary as a JSON tree. */
    static ObjectNode tree(LabResults results, GateDecision verdict, Instant generatedAt) {
        return tree(results, verdict, generatedAt, List.of());
    }

    /** The summary of results merged from {@code shards} ("shards" lists them; absent when there are none). */
    static ObjectNode tree(LabResults results, GateDecision verdict, Instant generatedAt, List<ShardFolder> shards) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode v = root.putObject("verdict");
        v.put("fixedNeverHung", verdict.fixedNeverHung());
        v.put("buggyReproduced", verdict.buggyReproduced());
        v.put("gate", verdict.gate());
        ArrayNode reasons = v.putArray("reasons");
        verdict.reasons().forEach(finding -> reasons.add(finding.toString()));
        v.put("profile", verdict.profile().id());
        ArrayNode cases = v.putArray("cases");
        for (GateCase c : verdict.cases()) {
            ObjectNode node = cases.addObject();
            node.put("harness", c.key().harness());
            node.put("engine", c.key().engine());
            node.put("scenario", c.key().scenario());
            node.put("file", c.file());
            node.put("status", c.status().id());
            c.reasons().forEach(node.putArray("reasons")::add);
            c.notes().forEach(node.putArray("notes")::add);
            if (c.reasons().isEmpty()) {
                node.putArray("reasons");
            }
            if (c.notes().isEmpty()) {
                node.putArray("notes");
            }
        }
        root.set("mutants", mutants(results.mutants()));
        root.set("judge", JudgeSection.summary(results));
        ArrayNode runs = root.putArray("runs");
        results.runs().forEach(run -> runs.add(run.tree().deepCopy()));
        ArrayNode unreadable = root.putArray("unreadable");
        for (UnreadableFile bad : results.unreadable()) {
            unreadable.addObject().put("file", bad.fileName()).put("error", bad.error());
        }
        if (!shards.isEmpty()) {
            root.set("shards", ShardSection.summary(shards));
        }
        root.put("resultsDir", results.dir().toString());
        root.put("generatedAt", generatedAt.toString());
        return root;
    }

    /**
     * {@code {"total": n, "killed": k, "survivors": [...], "notRun": [...], "control": {...}, "matrix": [...]}}:
     * every mutant the lab defines other than the control, run or not, how many at least one harness killed, which
     * were run and survived, which no harness ran (the control too, if so), and each mutant's cells.
     */
    public static ObjectNode mutants(MutantMatrix matrix) {
        ObjectNode node = JSON.createObjectNode();
        node.put("total", MutantChecks.DEFINED_MUTANTS.size() - 1);
        node.put("killed", matrix.mutants().size() - matrix.survivors().size());
        ArrayNode survivors = node.putArray("survivors");
        matrix.survivors().forEach(row -> survivors.add(row.mutant()));
        ArrayNode notRun = node.putArray("notRun");
        MutantChecks.notRun(matrix).forEach(notRun::add);
        matrix.row(MutantMatrix.CONTROL).ifPresent(control -> {
            ObjectNode c = node.putObject("control");
            c.put("mutant", control.mutant());
            ArrayNode killedBy = c.putArray("killedBy");
            control.killers().forEach(killedBy::add);
        });
        ArrayNode rows = node.putArray("matrix");
        for (MutantMatrix.Row row : matrix.rows()) {
            ObjectNode r = rows.addObject();
            r.put("mutant", row.mutant());
            r.put("title", row.title());
            r.put("change", row.change());
            ArrayNode killers = r.putArray("killedBy");
            row.killers().forEach(killers::add);
            ObjectNode cells = r.putObject("harnesses");
            row.cells().forEach((harness, cell) -> {
                ObjectNode h = cells.putObject(harness);
                h.put("killed", cell.killed());
                h.put("killedBy", cell.killedBy().orElse(null));
                cell.secondsToKill().ifPresentOrElse(s -> h.put("secondsToKill", s), () -> h.putNull("secondsToKill"));
                cell.run().explored().ifPresent(e -> h.put("explored", e));
                h.put("unit", cell.run().unit());
                cell.run().seconds().ifPresent(s -> h.put("seconds", s));
            });
        }
        return node;
    }

    /** The summary as indented JSON text. */
    static String render(LabResults results, GateDecision verdict, Instant generatedAt, List<ShardFolder> shards) {
        try {
            return JSON.writeValueAsString(tree(results, verdict, generatedAt, shards)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e); // a tree always serialises
        }
    }
}
