package io.chaoskeeper.fault;

import java.time.Duration;

/**
 * One decision of a fault schedule: at this offset from the schedule's start, start or stop this fault.
 *
 * @param at    when, from the schedule's start
 * @param id    pairs a stop with its start
 * @param start true to start the fault, false to heal it
 * @param fault the fault, random choices made
 */
public record FaultDecision(Duration at, long id, boolean start, Fault fault) {
}
