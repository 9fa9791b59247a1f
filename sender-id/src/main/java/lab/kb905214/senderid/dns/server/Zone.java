package lab.kb905214.senderid.dns.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** An in-memory authoritative zone: records by owner name and type, plus names that time out. */
public final class Zone {
    private final Map<Name, Map<Integer, List<Record>>> records;
    private final Map<Name, Set<Integer>> answeredBeforeTimeout;
    private final Map<Name, Integer> rcodes;
    private final Set<Name> declaredNames;
    /** Every owner name and all of its ancestors, so an empty non-terminal answers NODATA, not NXDOMAIN. */
    private final Set<Name> existingNames;

    private final int size;

    private Zone(Builder builder) {
        Map<Name, Map<Integer, List<Record>>> copy = new HashMap<>();
        int count = 0;
        for (Map.Entry<Name, Map<Integer, List<Record>>> byName : builder.records.entrySet()) {
            Map<Integer, List<Record>> byType = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<Record>> rrset : byName.getValue().entrySet()) {
                byType.put(rrset.getKey(), List.copyOf(rrset.getValue()));
                count += rrset.getValue().size();
            }
            copy.put(byName.getKey(), Collections.unmodifiableMap(byType));
        }
        this.records = Map.copyOf(copy);
        Map<Name, Set<Integer>> timeouts = new HashMap<>();
        builder.timeouts.forEach((name, types) -> timeouts.put(name, Set.copyOf(types)));
        this.answeredBeforeTimeout = Map.copyOf(timeouts);
        this.rcodes = Map.copyOf(builder.rcodes);
        this.declaredNames = Set.copyOf(builder.declaredNames);
        this.size = count;

        Set<Name> existing = new HashSet<>();
        List<Name> owners = new ArrayList<>(records.keySet());
        owners.addAll(answeredBeforeTimeout.keySet());
        owners.addAll(rcodes.keySet());
        owners.addAll(declaredNames);
        for (Name owner : owners) {
            for (int labels = owner.labels(); labels >= 1; labels--) {
                Name ancestor = new Name(owner, owner.labels() - labels);
                if (!existing.add(ancestor)) {
                    break; // its ancestors are already in
                }
            }
        }
        this.existingNames = Set.copyOf(existing);
    }

    /** Starts an empty zone. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects records, timeouts and rcodes; not thread-safe, the built Zone is immutable. */
    public static final class Builder {
        private final Map<Name, Map<Integer, List<Record>>> records = new LinkedHashMap<>();
        private final Map<Name, Set<Integer>> timeouts = new HashMap<>();
        private final Map<Name, Integer> rcodes = new HashMap<>();
        private final Set<Name> declaredNames = new HashSet<>();

        private Builder() {}

        /** Adds a record of any type at any absolute owner name; an identical record is kept once (RFC 2181 §5). */
        public Builder add(Record record) {
            Name owner = requireAbsolute(record.getName());
            List<Record> rrset = records.computeIfAbsent(owner, n -> new LinkedHashMap<>())
                    .computeIfAbsent(record.getType(), t -> new ArrayList<>());
            if (!rrset.contains(record)) {
                rrset.add(record);
            }
            return this;
        }

        /** Makes queries for {@code name} go unanswered for each type not in answeredTypes; replaces earlier calls. */
        public Builder timeout(Name name, Set<Integer> answeredTypes) {
            timeouts.put(requireAbsolute(name), new HashSet<>(answeredTypes));
            return this;
        }

        /** Makes every query for {@code name} answer with this rcode and no records (e.g. Rcode.SERVFAIL). */
        public Builder rcode(Name name, int rcode) {
            if (rcode < 0 || rcode > 0xF) {
                throw new IllegalArgumentException("rcode must fit in the 4-bit header field: " + rcode);
            }
            rcodes.put(requireAbsolute(name), rcode);
            return this;
        }

        /** Declares that {@code name} exists even if it holds no records (queries get NODATA, not NXDOMAIN). */
        public Builder name(Name name) {
            declaredNames.add(requireAbsolute(name));
            return this;
        }

        /** Freezes what was added into an immutable Zone. */
        public Zone build() {
            return new Zone(this);
        }

        private static Name requireAbsolute(Name name) {
            if (!name.isAbsolute()) {
                throw new IllegalArgumentException("zone names must be absolute: " + name);
            }
            return name;
        }
    }

    /** The records at exactly this owner name and of exactly this type (no CNAME chasing; Type.ANY gives all). */
    public List<Record> records(Name name, int type) {
        Map<Integer, List<Record>> byType = records.get(name);
        if (byType == null) {
            return List.of();
        }
        if (type == Type.ANY) {
            List<Record> all = new ArrayList<>();
            byType.values().forEach(all::addAll);
            return Collections.unmodifiableList(all);
        }
        return byType.getOrDefault(type, List.of());
    }

    /** True if this owner name holds any record, timeout, rcode entry or declaration. */
    public boolean hasName(Name name) {
        return records.containsKey(name)
                || answeredBeforeTimeout.containsKey(name)
                || rcodes.containsKey(name)
                || declaredNames.contains(name);
    }

    /** True if the name exists in DNS terms: it has an entry or some name below it does (an empty non-terminal). */
    public boolean exists(Name name) {
        return existingNames.contains(name);
    }

    /** True if a query for this name and type must get no reply at all. */
    public boolean timesOut(Name name, int type) {
        Set<Integer> answered = answeredBeforeTimeout.get(name);
        return answered != null && !answered.contains(type);
    }

    /** The rcode every query for this name answers with, if one was set with {@link Builder#rcode}. */
    public OptionalInt rcode(Name name) {
        Integer rcode = rcodes.get(name);
        return rcode == null ? OptionalInt.empty() : OptionalInt.of(rcode);
    }

    /** The number of records in the zone. */
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "Zone[" + records.size() + " names, " + size + " records, " + answeredBeforeTimeout.size()
                + " timeouts, " + rcodes.size() + " rcodes]";
    }
}
