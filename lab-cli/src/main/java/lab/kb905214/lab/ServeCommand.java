package lab.kb905214.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lab.kb905214.engine.assembly.SenderIdEngine;
import lab.kb905214.senderid.dns.DnsCachePolicy;
import lab.kb905214.senderid.dns.server.EmbeddedDnsServer;
import lab.kb905214.senderid.dns.server.Zone;
import lab.kb905214.stress.files.MaildirFolder;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.rig.LabZone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab serve}: an engine and the embedded DNS server on loopback, for swaks and dig, until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run an engine and its DNS server on loopback, for swaks and dig.",
            "",
            "Starts the embedded DNS server and an engine on 127.0.0.1, prints how to talk to them (swaks, dig), logs "
                    + "each transaction with its Sender ID result on stderr, and stops cleanly on Ctrl-C. The default zone "
                    + "gives clients at 127.0.0.1 one domain per result: pass, fail, softfail, neutral, none, temperror and "
                    + "permerror (.example). The engine checks the PRA scope, as Exchange 2003 SP2 did.",
            ""
        },
        sortOptions = false)
final class ServeCommand implements Callable<Integer> {
    /** How long the engine is given to stop on Ctrl-C before it is abandoned (a hung buggy engine never stops). */
    static final Duration STOP_LIMIT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--engine",
            required = true,
            paramLabel = "ENGINE",
            converter = EngineChoice.OneConverter.class,
            completionCandidates = EngineChoice.OneCandidates.class,
            description = "buggy or fixed")
    EngineKind engine;

    @Option(
            names = "--port",
            paramLabel = "P",
            defaultValue = "0",
            converter = Arguments.Ports.class,
            description = "the SMTP port on 127.0.0.1 (default: a free one)")
    int port;

    @Option(
            names = "--dns-port",
            paramLabel = "D",
            defaultValue = "0",
            converter = Arguments.Ports.class,
            description = "the DNS port on 127.0.0.1, UDP and TCP (default: a free one)")
    int dnsPort;

    @Option(
            names = "--zone",
            paramLabel = "FILE",
            converter = Arguments.UserPath.class,
            description = "the zone to serve: OpenSPF YAML zonedata (.yml/.yaml) or an RFC 1035 master file "
                    + "(default: the lab zone)")
    Path zoneFile;

    @Option(
            names = "--maildir",
            paramLabel = "DIR",
            converter = Arguments.UserPath.class,
            description =
                    "where accepted messages are stored, kept afterwards (default: a temporary folder, deleted on exit)")
    Path maildir;

    /**
     * What {@code lab serve} runs: the embedded DNS server, and the engine as the product assembles it.
     *
     * @param engine the engine, with its DNS client and check
     * @param dns the embedded DNS server the engine asks
     * @param maildir where accepted messages are stored
     */
    record Served(SenderIdEngine engine, EmbeddedDnsServer dns, MaildirFolder maildir) {}

    private final Consumer<Served> onStarted;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /** The command as {@code lab serve} runs it: it returns only when the JVM is shutting down. */
    ServeCommand() {
        this(served -> {});
    }

    /** A command that hands what it runs to {@code onStarted} and returns once {@link #stop()} is called. */
    ServeCommand(Consumer<Served> onStarted) {
        this.onStarted = onStarted;
    }

    /** Makes a running {@link #call()} stop the server and return, as Ctrl-C would. */
    void stop() {
        stopRequested.countDown();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LogSettings.logTransactions(); // before the engine's classes are loaded
        Served served = start(zone());
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (stopped.compareAndSet(false, true)) {
                boolean clean = served.engine().closeAbandoningIfHung(STOP_LIMIT);
                served.dns().close();
                served.maildir().close();
                out.println(
                        clean
                                ? "engine-" + engine.engine() + " stopped."
                                : "engine-" + engine.engine() + " did not stop within " + STOP_LIMIT.toSeconds()
                                        + " s (it is hung); abandoned.");
                out.flush();
            }
        };
        Thread hook = new Thread(stopOnce, "lab-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            instructions(out, served);
            onStarted.accept(served);
            stopRequested.await();
        } finally {
            stopOnce.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook has run or is running
            }
        }
        return ExitCodes.OK;
    }

    // A served engine is started as a deployment would be: its DNS answers cached, as every real mail host's are
    // (Exchange 2003 had the Windows DNS client cache), and the fixed engine's wait bounded by the evaluation's own
    // limit (EngineConfig's default). The harnesses and `lab reproduce` do neither.
    private Served start(Zone zone) throws IOException {
        EmbeddedDnsServer dns = null;
        MaildirFolder dir = null;
        Served served = null;
        try {
            dns = EmbeddedDnsServer.start(zone, dnsPort);
            dir = MaildirFolder.givenOrTemporary(maildir);
            SenderIdEngine started = SenderIdEngine.builder(dns.address(), dir.path())
                    .dnsCache(DnsCachePolicy.defaults())
                    .server(server -> server.port(port))
                    .start(engine::start);
            served = new Served(started, dns, dir);
            return served;
        } catch (IOException e) {
            throw new IOException(
                    "cannot start (is a port taken? --port " + port + ", --dns-port " + dnsPort + "): "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        } finally {
            if (served == null) { // whatever failed, leave nothing running and no temporary folder behind
                if (dns != null) {
                    dns.close();
                }
                if (dir != null) {
                    dir.close();
                }
            }
        }
    }

    private Zone zone() {
        if (zoneFile == null) {
            return LabZone.load();
        }
        try {
            return ZoneFile.load(zoneFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--zone: " + e.getMessage());
        }
    }

    private void instructions(PrintWriter out, Served served) {
        int smtp = served.engine().server().port();
        int dns = served.dns().port();
        out.printf(
                "engine-%s is listening on 127.0.0.1:%d (SMTP); the embedded DNS server on 127.0.0.1:%d (UDP and TCP).%n",
                engine.engine(), smtp, dns);
        out.println("Zone: "
                + (zoneFile == null
                        ? "the lab zone: pass, fail, softfail, neutral, none, temperror, permerror .example (for 127.0.0.1)"
                        : zoneFile + " (" + ZoneFile.describe(ZoneFile.formOf(zoneFile)) + ")"));
        out.println("Maildir: " + served.maildir().path().toAbsolutePath()
                + (maildir == null
                        ? " (temporary: deleted when the server stops; --maildir DIR keeps the messages)"
                        : ""));
        out.println();
        String domain = zoneFile == null ? "pass.example" : "YOUR-DOMAIN";
        out.println(
                "Send a message (the PRA is the From header; try fail.example, softfail.example, temperror.example):");
        out.printf(
                "  swaks --server 127.0.0.1 --port %d --from alice@%s --to bob@lab.example --header \"From: alice@%s\"%n",
                smtp, domain, domain);
        out.println("Ask the DNS server:");
        out.printf("  dig @127.0.0.1 -p %d %s TXT%n", dns, domain);
        out.println();
        out.println(
                "Each transaction is logged on stderr, one line: time, session, MAIL FROM, client, Sender ID result,");
        out.println("identity (the PRA), action, reply code, queue name. Ctrl-C stops the server.");
        out.flush();
    }
}
