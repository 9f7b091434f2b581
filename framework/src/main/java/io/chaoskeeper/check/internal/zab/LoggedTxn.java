package io.chaoskeeper.check.internal.zab;

import org.apache.jute.Record;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.txn.CheckVersionTxn;
import org.apache.zookeeper.txn.CreateContainerTxn;
import org.apache.zookeeper.txn.CreateTTLTxn;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.MultiTxn;
import org.apache.zookeeper.txn.SetACLTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.TxnHeader;

import java.util.Objects;

import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * One transaction as a server's log holds it.
 *
 * @param server the server, e.g. {@code zk2}
 * @param file   the log file it was read from, e.g. {@code log.100000001}
 * @param header its header (session, cxid, zxid, time, type)
 * @param txn    its record (path, data, ...), or null for types without one
 */
public record LoggedTxn(String server, String file, TxnHeader header, Record txn) {

    /** Its zxid. */
    public long zxid() {
        return header.getZxid();
    }

    /**
     * True when both carry the same transaction: header (session, cxid, zxid, time, type) and record. The digest a
     * log may carry is left out: it describes the server's tree, not the transaction.
     */
    public boolean sameTransaction(LoggedTxn other) {
        return header.equals(other.header) && Objects.equals(txn, other.txn);
    }

    /** The znode it changes, or null (sessions, errors, multi). */
    public String path() {
        if (txn instanceof CreateTxn t) {
            return t.getPath();
        } else if (txn instanceof CreateContainerTxn t) {
            return t.getPath();
        } else if (txn instanceof CreateTTLTxn t) {
            return t.getPath();
        } else if (txn instanceof DeleteTxn t) {
            return t.getPath();
        } else if (txn instanceof SetDataTxn t) {
            return t.getPath();
        } else if (txn instanceof SetACLTxn t) {
            return t.getPath();
        } else if (txn instanceof CheckVersionTxn t) {
            return t.getPath();
        }
        return null;
    }

    /** For messages, e.g. {@code setData /chaoskeeper/r1 (session 0x100..., cxid 12)}. */
    public String describe() {
        String what = Request.op2String(header.getType());
        if (txn instanceof MultiTxn multi) {
            what += " of " + multi.getTxns().size();
        }
        String path = path();
        return what + (path == null ? "" : " " + path) + " (session 0x" + Long.toHexString(header.getClientId())
                + ", cxid " + header.getCxid() + ")";
    }

    /** A zxid's epoch (its high 32 bits). */
    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    /** A zxid's counter within its epoch (its low 32 bits). */
    public static long counter(long zxid) {
        return zxid & 0xffffffffL;
    }
}
