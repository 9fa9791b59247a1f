package lab.kb905214.bench.run;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a figure was measured on, printed beside every figure. */
public final class Machine {
    private Machine() {}

    /** cores, JDK, JVM, OS, max heap. */
    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("jdk", System.getProperty("java.runtime.version"));
        out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        out.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return out;
    }
}
