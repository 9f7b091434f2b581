package io.chaoskeeper.fault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fault in effect, as returned by {@link FaultInjector#apply(Fault)}; healing it is idempotent. */
public interface ActiveFault {

    /** The fault as applied: random choices made, leader bound. */
    Fault fault();

    /** The nodes it hit. */
    List<String> targets();

    /** Its parameters, with the grudge or netem settings as applied. */
    Map<String, Object> parameters();

    /**
     * Why applying failed on some node, if it did. A fault that failed on some nodes may still be in effect on
     * others, so it must be healed all the same.
     */
    Optional<String> applyError();

    /**
     * Heals the fault on every node it hit, trying each even if another fails. Healing again does nothing.
     *
     * @throws FaultException naming the nodes that could not be healed
     */
    void heal();
}
