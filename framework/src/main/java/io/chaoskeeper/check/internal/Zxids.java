package io.chaoskeeper.check.internal;

import org.apache.zookeeper.server.util.ZxidUtils;

/** How every check and every piece of evidence writes a zxid: as ZooKeeper's own logs do, {@code 0x} and hex. */
public final class Zxids {

    private Zxids() {
    }

    /** {@code 0x} and the zxid in hex, e.g. {@code 0x700000319}. */
    public static String hex(long zxid) {
        return "0x" + ZxidUtils.zxidToString(zxid);
    }
}
