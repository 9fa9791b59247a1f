package lab.kb905214.lab;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import lab.kb905214.stress.rig.EngineKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The engines a command runs: one of them, or (for reproduce) both, buggy first. */
enum EngineChoice {
    /** engine-buggy only. */
    BUGGY(List.of(EngineKind.BUGGY)),
    /** engine-fixed only. */
    FIXED(List.of(EngineKind.FIXED)),
    /** engine-buggy, then engine-fixed under the same plan. */
    BOTH(List.of(EngineKind.BUGGY, EngineKind.FIXED));

    @SuppressWarnings("ImmutableEnumChecker") // a List.of of enum constants: unmodifiable, its elements immutable
    private final List<EngineKind> kinds;

    EngineChoice(List<EngineKind> kinds) {
        this.kinds = kinds;
    }

    /** The engines, in the order they run. */
    List<EngineKind> kinds() {
        return kinds;
    }

    /** Whether this choice runs {@code kind}. */
    boolean runs(EngineKind kind) {
        return kinds.contains(kind);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "buggy", "fixed" or "both". */
    static final class AnyConverter implements ITypeConverter<EngineChoice> {
        @Override
        public EngineChoice convert(String value) {
            for (EngineChoice choice : values()) {
                if (choice.toString().equalsIgnoreCase(value.trim())) {
                    return choice;
                }
            }
            throw new TypeConversionException("expected buggy, fixed or both, not '" + value + "'");
        }
    }

    /** Parses "buggy" or "fixed" into the engine itself. */
    static final class OneConverter implements ITypeConverter<EngineKind> {
        @Override
        public EngineKind convert(String value) {
            for (EngineKind kind : EngineKind.values()) {
                if (kind.engine().id().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
            throw new TypeConversionException("expected buggy or fixed, not '" + value + "'");
        }
    }

    /** The values {@code --engine} takes where one engine is meant, for the usage message. */
    static final class OneCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("buggy", "fixed").iterator();
        }
    }

    /** The values {@code --engine} takes in reproduce, for the usage message. */
    static final class AnyCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("buggy", "fixed", "both").iterator();
        }
    }
}
