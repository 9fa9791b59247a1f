package lab.kb905214.bench.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The figures issue 17 started from, as recorded when it was filed (a resource, not a measurement): bench.json carries
 * them beside this run's so the report can show before and after without an old run's files.
 */
public final class BeforeFigures {
    private static final String RESOURCE = "before-issue-17.json";

    private BeforeFigures() {}

    /** The recorded figures, with their source. */
    public static Map<String, Object> issue17() {
        try (InputStream in = BeforeFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
