package lab.kb905214.senderid.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import lab.kb905214.senderid.dns.DescribedAnswers;
import lab.kb905214.senderid.dns.DnsAnswer;
import lab.kb905214.senderid.dns.DnsClient;
import lab.kb905214.senderid.spf.SpfRecord.Directive;
import lab.kb905214.senderid.spf.SpfRecord.Mechanism;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * RFC 7208's check_host(), asynchronous, over a {@link DnsClient}; one instance serves any number of checks at once.
 *
 * <p>The evaluation is a chain of futures: terms that need no DNS (ip4, ip6, all) are evaluated in a plain loop,
 * and only a term that queries DNS suspends the loop until its answer arrives. Each check keeps its own counters
 * in an {@link Evaluation}; the evaluator itself holds nothing of a check (only a thread-safe cache of parsed
 * records, never of answers or results), so sharing it between threads is safe.
 */
public final class SpfEvaluator {

    /**
     * Settings of an evaluator.
     *
     * @param receiver the receiving host's name, for the {@code %{r}} macro
     * @param evaluationTimeout a bound on one whole check, past which the result is TempError (§4.6.4: at least 20 s)
     */
    public record Options(String receiver, Duration evaluationTimeout) {
        /** Defaults: receiver "unknown" (as §7.3 suggests when none is known), 20 s per check. */
        public static Options defaults() {
            return new Options("unknown", Duration.ofSeconds(20));
        }
    }

    static final int MAX_DNS_TERMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    static final int MAX_NAMES_PER_TERM = 10;

    private final DnsClient dns;
    private final Options options;
    private final ParsedRecords records = new ParsedRecords();

    /** An evaluator that queries {@code dns}. */
    public SpfEvaluator(DnsClient dns, Options options) {
        this.dns = dns;
        this.options = options;
    }

    /** The longest one check takes: past it, its result is TempError. */
    public Duration evaluationTimeout() {
        return options.evaluationTimeout();
    }

    /**
     * Evaluates check_host(ip, domain, sender) with {@code selector}'s record selection; the future always completes
     * normally.
     *
     * @param ip the SMTP client's address
     * @param domain the domain whose policy is checked
     * @param sender the identity as an address (local-part@domain); an empty local part reads as "postmaster"
     * @param helo the HELO/EHLO name, for {@code %{h}}
     */
    public CompletableFuture<SpfOutcome> checkHost(
            InetAddress ip, String domain, String sender, String helo, RecordSelector selector) {
        Evaluation ev = new Evaluation(ip, sender, helo, selector);
        CompletableFuture<Result> evaluation = checkHost(ev, domain, true, true);
        if (!evaluation.isDone()) {
            // One deadline per check, armed only when the check waits for the network (answers in memory need none).
            evaluation = evaluation.orTimeout(options.evaluationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return evaluation.handle((result, failure) -> {
            if (failure != null) {
                result = Result.of(
                        SpfResult.TEMPERROR,
                        "evaluation did not finish within "
                                + options.evaluationTimeout().toSeconds() + " s");
            }
            return new SpfOutcome(
                    result.result,
                    ev.topRecord,
                    result.explanation,
                    result.defaultExplanation,
                    result.reason,
                    ev.queries());
        });
    }

    // ---- check_host() -------------------------------------------------------------------------------------------

    private CompletableFuture<Result> checkHost(Evaluation ev, String domain, boolean top, boolean explain) {
        Optional<Name> name = DomainName.ofIdentity(domain);
        if (name.isEmpty()) {
            return done(SpfResult.NONE, "\"" + domain + "\" is not a valid domain name (§4.3)");
        }
        return lookup(ev, name.get(), Type.TXT).thenCompose(answer -> {
            if (answer.isError()) {
                return done(SpfResult.TEMPERROR, "DNS error looking up the record of " + domain);
            }
            if (answer.status() == DnsAnswer.Status.NXDOMAIN && top && ev.selector.nxDomainIsFail()) {
                return done(SpfResult.FAIL, domain + " does not exist (RFC 4406: Fail for the PRA)");
            }
            RecordSelector.Selection selection = ev.selector.select(txtStrings(answer.records()));
            if (selection instanceof RecordSelector.Ambiguous ambiguous) {
                return done(SpfResult.PERMERROR, domain + ": " + ambiguous.why());
            }
            if (!(selection instanceof RecordSelector.Found found)) {
                return done(SpfResult.NONE, domain + " publishes no applicable record");
            }
            if (top) {
                ev.topRecord = found.record();
            }
            ParsedRecords.Parse parse = records.parse(found.terms());
            if (parse instanceof ParsedRecords.Invalid invalid) {
                return done(SpfResult.PERMERROR, domain + ": " + invalid.why());
            }
            SpfRecord record = ((ParsedRecords.Parsed) parse).record();
            String current = DomainName.text(name.get());
            return evaluateFrom(ev, record, current, 0, explain);
        });
    }

    private CompletableFuture<Result> evaluateFrom(
            Evaluation ev, SpfRecord record, String domain, int first, boolean explain) {
        List<Directive> directives = record.directives();
        for (int i = first; i < directives.size(); i++) {
            Directive directive = directives.get(i);
            Mechanism mechanism = directive.mechanism();
            if (!mechanism.queriesDns()) {
                if (matchesWithoutDns(ev.ip, mechanism)) {
                    return qualified(ev, record, domain, directive, explain);
                }
                continue;
            }
            if (++ev.dnsTerms > MAX_DNS_TERMS) {
                return done(SpfResult.PERMERROR, "more than " + MAX_DNS_TERMS + " DNS-querying terms (§4.6.4)");
            }
            int next = i + 1;
            return matches(ev, mechanism, domain).thenCompose(match -> {
                if (match.error != null) {
                    return CompletableFuture.completedFuture(match.error);
                }
                return match.matched
                        ? qualified(ev, record, domain, directive, explain)
                        : evaluateFrom(ev, record, domain, next, explain);
            });
        }
        if (record.redirect().isEmpty()) {
            return done(SpfResult.NEUTRAL, "no directive matched (default ?all)");
        }
        if (++ev.dnsTerms > MAX_DNS_TERMS) {
            return done(SpfResult.PERMERROR, "more than " + MAX_DNS_TERMS + " DNS-querying terms (§4.6.4)");
        }
        // §6.1: the redirect target's own exp= applies, the original's does not; "none" there is a PermError.
        return expandTarget(ev, record.redirect().get(), domain).thenCompose(target -> {
            if (target.isEmpty()) {
                return done(SpfResult.PERMERROR, "redirect= expands to an invalid domain");
            }
            return checkHost(ev, target.get(), false, explain)
                    .thenApply(result -> result.result == SpfResult.NONE
                            ? Result.of(SpfResult.PERMERROR, "redirect=" + target.get() + ": " + result.reason)
                            : result);
        });
    }

    private CompletableFuture<Result> qualified(
            Evaluation ev, SpfRecord record, String domain, Directive directive, boolean explain) {
        SpfResult result = directive.qualifier().result();
        String reason = "matched " + directive.text() + " in the record of " + domain;
        if (result != SpfResult.FAIL || !explain) {
            return done(result, reason);
        }
        return explanation(ev, record, domain)
                .thenApply(exp -> exp.map(text -> new Result(SpfResult.FAIL, reason, text, false))
                        .orElseGet(() -> new Result(SpfResult.FAIL, reason, defaultExplanation(ev, domain), true)));
    }

    // ---- mechanisms ---------------------------------------------------------------------------------------------

    private static boolean matchesWithoutDns(InetAddress ip, Mechanism mechanism) {
        if (mechanism instanceof SpfRecord.All) {
            return true;
        }
        if (mechanism instanceof SpfRecord.Ip4 ip4) {
            return AddressMatch.inNetwork(ip, ip4.network(), ip4.prefix());
        }
        if (mechanism instanceof SpfRecord.Ip6 ip6) {
            return AddressMatch.inNetwork(ip, ip6.network(), ip6.prefix());
        }
        throw new IllegalArgumentException("needs DNS: " + mechanism);
    }

    private CompletableFuture<Match> matches(Evaluation ev, Mechanism mechanism, String domain) {
        if (mechanism instanceof SpfRecord.Include include) {
            return withTarget(ev, include.domain(), domain, target -> includeMatches(ev, target));
        }
        if (mechanism instanceof SpfRecord.A a) {
            return withTarget(ev, a.domain(), domain, target -> addressMatches(ev, target, a.cidr4(), a.cidr6()));
        }
        if (mechanism instanceof SpfRecord.Mx mx) {
            return withTarget(ev, mx.domain(), domain, target -> mxMatches(ev, target, mx.cidr4(), mx.cidr6()));
        }
        if (mechanism instanceof SpfRecord.Ptr ptr) {
            return withTarget(ev, ptr.domain(), domain, target -> ptrMatches(ev, target));
        }
        if (mechanism instanceof SpfRecord.Exists exists) {
            return withTarget(ev, exists.domain(), domain, target -> existsMatches(ev, target));
        }
        throw new IllegalArgumentException("no DNS needed: " + mechanism);
    }

    private CompletableFuture<Match> withTarget(
            Evaluation ev, MacroString spec, String domain, Function<String, CompletableFuture<Match>> evaluate) {
        if (spec == null) {
            return evaluate.apply(domain);
        }
        return expandTarget(ev, spec, domain)
                .thenCompose(target -> target.isPresent()
                        ? evaluate.apply(target.get())
                        // A target that cannot be a DNS name cannot have records: the mechanism does not match.
                        : CompletableFuture.completedFuture(Match.NO));
    }

    private CompletableFuture<Match> includeMatches(Evaluation ev, String target) {
        return checkHost(ev, target, false, false).thenApply(inner -> switch (inner.result) {
            case PASS -> Match.YES;
            case FAIL, SOFTFAIL, NEUTRAL -> Match.NO;
            case TEMPERROR -> Match.error(SpfResult.TEMPERROR, "include:" + target + ": " + inner.reason);
            case PERMERROR, NONE -> Match.error(SpfResult.PERMERROR, "include:" + target + ": " + inner.reason);
        });
    }

    private CompletableFuture<Match> addressMatches(Evaluation ev, String target, int cidr4, int cidr6) {
        Optional<Name> name = DomainName.ofTarget(target);
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(Match.NO);
        }
        return lookup(ev, name.get(), addressType(ev.ip)).thenApply(answer -> {
            Match problem = voidOrError(ev, answer);
            if (problem != null) {
                return problem;
            }
            return anyAddressMatches(ev.ip, answer.records(), cidr4, cidr6) ? Match.YES : Match.NO;
        });
    }

    private CompletableFuture<Match> mxMatches(Evaluation ev, String target, int cidr4, int cidr6) {
        Optional<Name> name = DomainName.ofTarget(target);
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(Match.NO);
        }
        return lookup(ev, name.get(), Type.MX).thenCompose(answer -> {
            Match problem = voidOrError(ev, answer);
            if (problem != null) {
                return CompletableFuture.completedFuture(problem);
            }
            if (answer.records().size() > MAX_NAMES_PER_TERM) {
                return CompletableFuture.completedFuture(Match.error(
                        SpfResult.PERMERROR,
                        "mx:" + target + " has " + answer.records().size() + " MX names, more than 10 (§4.6.4)"));
            }
            List<CompletableFuture<DnsAnswer>> hosts = new ArrayList<>();
            for (Record r : answer.records()) {
                hosts.add(lookup(ev, ((MXRecord) r).getTarget(), addressType(ev.ip)));
            }
            return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> {
                        boolean error = false;
                        for (CompletableFuture<DnsAnswer> host : hosts) {
                            DnsAnswer a = host.join();
                            if (anyAddressMatches(ev.ip, a.records(), cidr4, cidr6)) {
                                return Match.YES;
                            }
                            error |= a.isError();
                        }
                        return error
                                ? Match.error(SpfResult.TEMPERROR, "DNS error resolving the MX hosts of " + target)
                                : Match.NO;
                    });
        });
    }

    private CompletableFuture<Match> ptrMatches(Evaluation ev, String target) {
        return validatedNames(ev).thenApply(names -> {
            for (String name : names) {
                if (isSameOrSubdomain(name, target)) {
                    return Match.YES;
                }
            }
            return Match.NO;
        });
    }

    private CompletableFuture<Match> existsMatches(Evaluation ev, String target) {
        Optional<Name> name = DomainName.ofTarget(target);
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(Match.NO);
        }
        // §5.7: exists always asks for A records, whatever the client's address family.
        return lookup(ev, name.get(), Type.A).thenApply(answer -> {
            Match problem = voidOrError(ev, answer);
            return problem != null ? problem : Match.YES;
        });
    }

    private static Match voidOrError(Evaluation ev, DnsAnswer answer) {
        if (answer.isError()) {
            return Match.error(SpfResult.TEMPERROR, "DNS error: " + answer.describe());
        }
        if (answer.isVoid()) {
            if (++ev.voidLookups > MAX_VOID_LOOKUPS) {
                return Match.error(SpfResult.PERMERROR, "more than " + MAX_VOID_LOOKUPS + " void lookups (§4.6.4)");
            }
            return Match.NO;
        }
        return null;
    }

    private static boolean anyAddressMatches(InetAddress ip, List<Record> records, int cidr4, int cidr6) {
        for (Record r : records) {
            InetAddress address =
                    r instanceof ARecord a ? a.getAddress() : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
            if (address != null
                    && AddressMatch.inNetwork(ip, address, address instanceof Inet4Address ? cidr4 : cidr6)) {
                return true;
            }
        }
        return false;
    }

    // ---- the client's validated domain names (ptr mechanism, %{p}) ----------------------------------------------

    /**
     * §5.5: the PTR names of the client (at most 10) whose own addresses include the client. Computed once per
     * check. DNS errors make a name unvalidated rather than the check a TempError, as §5.5 asks.
     */
    private CompletableFuture<List<String>> validatedNames(Evaluation ev) {
        if (ev.validatedNames != null) {
            return ev.validatedNames;
        }
        CompletableFuture<List<String>> names = lookup(ev, ReverseMap.fromAddress(ev.ip), Type.PTR)
                .thenCompose(answer -> {
                    List<Record> ptrs = answer.records();
                    List<CompletableFuture<Optional<String>>> checks = new ArrayList<>();
                    for (Record r : ptrs.subList(0, Math.min(ptrs.size(), MAX_NAMES_PER_TERM))) {
                        Name ptrName = ((PTRRecord) r).getTarget();
                        checks.add(lookup(ev, ptrName, addressType(ev.ip))
                                .thenApply(a -> anyAddressMatches(ev.ip, a.records(), 32, 128)
                                        ? Optional.of(DomainName.text(ptrName))
                                        : Optional.empty()));
                    }
                    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> {
                                List<String> validated = new ArrayList<>();
                                checks.forEach(c -> c.join().ifPresent(validated::add));
                                return validated;
                            });
                });
        ev.validatedNames = names;
        return names;
    }

    private static boolean isSameOrSubdomain(String name, String domain) {
        String n = name.toLowerCase(Locale.ROOT);
        String d = stripDot(domain).toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }

    // ---- macros -------------------------------------------------------------------------------------------------

    private CompletableFuture<Optional<String>> expandTarget(Evaluation ev, MacroString spec, String domain) {
        return expand(ev, spec, domain)
                .thenApply(expanded -> DomainName.ofTarget(expanded).map(DomainName::text));
    }

    private CompletableFuture<String> expand(Evaluation ev, MacroString string, String domain) {
        if (!string.usesValidatedDomain()) {
            return CompletableFuture.completedFuture(
                    MacroExpander.expand(string, letter -> macroValue(ev, letter, domain, null)));
        }
        return validatedNames(ev)
                .thenApply(names -> MacroExpander.expand(string, letter -> macroValue(ev, letter, domain, names)));
    }

    private String macroValue(Evaluation ev, char letter, String domain, List<String> validated) {
        return switch (letter) {
            case 's' -> ev.sender;
            case 'l' -> ev.localPart;
            case 'o' -> ev.senderDomain;
            case 'd' -> domain;
            case 'i' -> AddressMatch.macroForm(ev.ip);
            case 'p' -> preferredName(validated, domain);
            case 'v' -> AddressMatch.version(ev.ip);
            case 'h' -> ev.helo;
            case 'c' -> AddressMatch.readableForm(ev.ip);
            case 'r' -> options.receiver();
            case 't' -> Long.toString(System.currentTimeMillis() / 1000);
            default -> throw new IllegalArgumentException("macro letter " + letter);
        };
    }

    // §7.3: prefer a validated name equal to, then below, the domain; else any validated name; else "unknown".
    private static String preferredName(List<String> validated, String domain) {
        for (String name : validated) {
            if (name.equalsIgnoreCase(stripDot(domain))) {
                return name;
            }
        }
        for (String name : validated) {
            if (isSameOrSubdomain(name, domain)) {
                return name;
            }
        }
        return validated.isEmpty() ? "unknown" : validated.get(0);
    }

    // ---- explanations (§6.2) ------------------------------------------------------------------------------------

    private CompletableFuture<Optional<String>> explanation(Evaluation ev, SpfRecord record, String domain) {
        if (record.explanation().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        // Any failure on the way (bad target, DNS error, not exactly one TXT record, bad text) keeps the default.
        return expandTarget(ev, record.explanation().get(), domain).thenCompose(target -> {
            Optional<Name> name = target.flatMap(DomainName::ofTarget);
            if (name.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<String>empty());
            }
            return lookup(ev, name.get(), Type.TXT).thenCompose(answer -> {
                List<String> texts = txtStrings(answer.records());
                if (texts.size() != 1) {
                    return CompletableFuture.completedFuture(Optional.<String>empty());
                }
                MacroString text;
                try {
                    text = MacroString.parseExplanation(texts.get(0));
                } catch (SpfSyntaxException e) {
                    return CompletableFuture.completedFuture(Optional.<String>empty());
                }
                return expand(ev, text, domain)
                        .thenApply(SpfEvaluator::limitExplanation)
                        .thenApply(Optional::of);
            });
        });
    }

    // §6.2 lets a receiver limit the explanation; it ends up in an SMTP reply line, which holds at most 512 octets.
    static final int MAX_EXPLANATION = 400;

    private static String limitExplanation(String text) {
        return text.length() <= MAX_EXPLANATION ? text : text.substring(0, MAX_EXPLANATION - 3) + "...";
    }

    private static String defaultExplanation(Evaluation ev, String domain) {
        return domain + " does not designate " + AddressMatch.readableForm(ev.ip) + " as permitted sender";
    }

    // ---- DNS ----------------------------------------------------------------------------------------------------

    private CompletableFuture<DnsAnswer> lookup(Evaluation ev, Name name, int type) {
        return dns.query(name, type).thenApply(answer -> {
            ev.record(answer);
            return answer;
        });
    }

    // §3.3: a record split into several strings is read with the strings joined, without spaces.
    private static List<String> txtStrings(List<Record> records) {
        List<String> texts = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof TXTRecord txt) {
                StringBuilder joined = new StringBuilder();
                for (byte[] part : txt.getStringsAsByteArrays()) {
                    joined.append(new String(part, StandardCharsets.ISO_8859_1));
                }
                texts.add(joined.toString());
            }
        }
        return texts;
    }

    private static int addressType(InetAddress ip) {
        return ip instanceof Inet4Address ? Type.A : Type.AAAA;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static CompletableFuture<Result> done(SpfResult result, String reason) {
        return CompletableFuture.completedFuture(Result.of(result, reason));
    }

    // ---- per-check state ----------------------------------------------------------------------------------------

    /** The state of one check: identities and the §4.6.4 counters. Steps run one after another, never at once. */
    private static final class Evaluation {
        final InetAddress ip;
        final String sender;
        final String localPart;
        final String senderDomain;
        final String helo;
        final RecordSelector selector;
        // Answers of parallel lookups (MX hosts, PTR names) arrive on several threads: keep the list synchronized.
        // The answers themselves are kept; they are described as text only if someone reads the outcome's queries.
        private final List<DnsAnswer> queries = Collections.synchronizedList(new ArrayList<>());
        int dnsTerms;
        int voidLookups;
        String topRecord = "";
        CompletableFuture<List<String>> validatedNames;

        Evaluation(InetAddress ip, String sender, String helo, RecordSelector selector) {
            this.ip = ip;
            int at = sender.lastIndexOf('@');
            String local = at < 0 ? "" : sender.substring(0, at);
            this.localPart = local.isEmpty() ? "postmaster" : local;
            this.senderDomain = at < 0 ? sender : sender.substring(at + 1);
            this.sender = this.localPart + "@" + this.senderDomain;
            this.helo = helo;
            this.selector = selector;
        }

        void record(DnsAnswer answer) {
            queries.add(answer);
        }

        List<String> queries() {
            synchronized (queries) {
                return new DescribedAnswers(queries);
            }
        }
    }

    /** A check_host() result on its way up the include/redirect chain. */
    private record Result(SpfResult result, String reason, String explanation, boolean defaultExplanation) {
        static Result of(SpfResult result, String reason) {
            return new Result(result, reason, "", false);
        }
    }

    /** Whether a mechanism matched, or the error that ends the check. */
    private record Match(boolean matched, Result error) {
        static final Match YES = new Match(true, null);
        static final Match NO = new Match(false, null);

        static Match error(SpfResult result, String reason) {
            return new Match(false, Result.of(result, reason));
        }
    }
}
