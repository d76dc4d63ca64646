package dev.pgwire.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** A pool's counters, for SHOW STATS and the Prometheus endpoint. */
final class PoolStats {
    final LongAdder transactions = new LongAdder();
    final LongAdder queries = new LongAdder();
    final LongAdder transactionNanos = new LongAdder();
    final LongAdder queryNanos = new LongAdder();
    final LongAdder waitNanos = new LongAdder();
    final LongAdder waits = new LongAdder();
    final LongAdder serverConnects = new LongAdder();
    final LongAdder serverConnectFailures = new LongAdder();
    final LongAdder waitTimeouts = new LongAdder();
    private final Timer waitTimer;
    private final Timer queryTimer;
    private final Timer transactionTimer;
    private final Counter transactionCounter;

    PoolStats(MeterRegistry registry, String database, String user) {
        Tags tags = Tags.of("database", database, "user", user);
        waitTimer = Timer.builder("pgwire_gateway_wait").description("time clients waited for a server connection")
                .tags(tags).publishPercentileHistogram().register(registry);
        queryTimer = Timer.builder("pgwire_gateway_query").description("time from a client's request to its ReadyForQuery")
                .tags(tags).publishPercentileHistogram().register(registry);
        transactionTimer = Timer.builder("pgwire_gateway_transaction")
                .description("time a client held a server connection (transaction mode: one transaction)")
                .tags(tags).publishPercentileHistogram().register(registry);
        transactionCounter = Counter.builder("pgwire_gateway_transactions").tags(tags).register(registry);
    }

    void recordWait(long nanos) {
        waits.increment();
        waitNanos.add(nanos);
        waitTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void query(long nanos) {
        queries.increment();
        queryNanos.add(nanos);
        queryTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void transaction(long nanos) {
        transactions.increment();
        transactionNanos.add(nanos);
        transactionTimer.record(nanos, TimeUnit.NANOSECONDS);
        transactionCounter.increment();
    }
}
