package io.chaoskeeper.workload;

import io.chaoskeeper.history.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

/** How an operation ended: its outcome, value, error, zxid and extra fields, as recorded in the completion. */
public final class Result {

    private final Operation.Type type;
    private final Object value;
    private final String error;
    private final Long zxid;
    private final Map<String, Object> extra;

    private Result(Operation.Type type, Object value, String error, Long zxid, Map<String, Object> extra) {
        this.type = type;
        this.value = value;
        this.error = error;
        this.zxid = zxid;
        this.extra = extra;
    }

    /** It took effect (or read) with this value. */
    public static Result ok(Object value) {
        return new Result(Operation.Type.OK, value, null, null, Map.of());
    }

    /** It certainly did not take effect. */
    public static Result fail(String error) {
        return new Result(Operation.Type.FAIL, null, error, null, Map.of());
    }

    /** It may or may not have taken effect. */
    public static Result info(String error) {
        return new Result(Operation.Type.INFO, null, error, null, Map.of());
    }

    /** This result with the zxid it observed or created. */
    public Result withZxid(long newZxid) {
        return new Result(type, value, error, newZxid, extra);
    }

    /** This result with an extra field. */
    public Result with(String field, Object fieldValue) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(field, fieldValue);
        return new Result(type, value, error, zxid, more);
    }

    /** This result with another value. */
    public Result withValue(Object newValue) {
        return new Result(type, newValue, error, zxid, extra);
    }

    /** OK, FAIL or INFO. */
    public Operation.Type type() {
        return type;
    }

    /** The completion's value. */
    public Object value() {
        return value;
    }

    /** Why it failed or is unknown, or null. */
    public String error() {
        return error;
    }

    /** The zxid, or null. */
    public Long zxid() {
        return zxid;
    }

    /** Extra fields of the completion. */
    public Map<String, Object> extra() {
        return extra;
    }
}
