package io.chaoskeeper.workload;

import io.chaoskeeper.workload.internal.Znodes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;

import java.util.List;

/**
 * Data sync: {@code add e} (a unique Long) creates a persistent sequential child {@code e-<e>-<seq>} → ok; the
 * final phase asks every server, after {@code sync}, for the elements: {@code read} with {@code node} = that
 * server → ok value = sorted list of elements.
 */
public final class SetWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/set";

    /** With the defaults. */
    public SetWorkload() {
        super("set", PATH);
    }

    @Override
    public Client client(ClientContext ctx) {
        return () -> {
            long e = ctx.uniqueValue();
            ctx.write("add", "set", e, () -> {
                Znodes.zk(ctx).create(PATH + "/e-" + e + "-", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT_SEQUENTIAL);
                return Result.ok(e);
            });
        };
    }

    @Override
    public void finish(List<ClientContext> perServer) {
        Znodes.readChildrenEverywhere(perServer, "read", PATH, children -> children.stream()
                .map(c -> Long.valueOf(c.substring(2, c.lastIndexOf('-')))).sorted().toList());
    }
}
