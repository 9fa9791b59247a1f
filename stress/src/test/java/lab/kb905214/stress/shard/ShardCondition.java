package lab.kb905214.stress.shard;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a harness test class only in the shard {@link ShardPlan} gives it, when {@code -Dlab.shard=K/N} is set; with no
 * shard, every class runs. Registered for every test of this module (META-INF/services, autodetection on).
 */
public final class ShardCondition implements ExecutionCondition {

    /** Decides per top-level test class; methods and nested classes follow their class. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return decide(
                Shard.fromSystemProperty(),
                context.getTestClass().filter(c -> context.getTestMethod().isEmpty()));
    }

    static ConditionEvaluationResult decide(Optional<Shard> shard, Optional<Class<?>> testClass) {
        if (shard.isEmpty() || testClass.isEmpty()) {
            return ConditionEvaluationResult.enabled("no shard selected, or decided by the test class");
        }
        Class<?> top = testClass.get();
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        int owner = ShardPlan.of(shard.get().count()).shardOf(top.getSimpleName());
        String where =
                top.getSimpleName() + " is shard " + owner + "/" + shard.get().count() + "'s work";
        return owner == shard.get().index()
                ? ConditionEvaluationResult.enabled(where)
                : ConditionEvaluationResult.disabled(where + ", not " + shard.get() + "'s (lab.shard)");
    }
}
