package dev.pgwire.server;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the session's protocol state machine with generated message sequences after
 * authentication, cancels, slow readers and disconnects interleaved (see
 * {@link SessionMachineHarness} for the input language and the invariants).
 *
 * <p>{@code mvn verify} runs it over the seed corpus in
 * {@code src/test/resources/dev/pgwire/server/SessionMachineFuzzTestInputs/messageSequences}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl server test -Dtest=SessionMachineFuzzTest}; inputs that
 * fail are written next to the seeds and replayed from then on.
 */
class SessionMachineFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void messageSequences(byte[] input) {
        new SessionMachineHarness(input).run();
    }
}
